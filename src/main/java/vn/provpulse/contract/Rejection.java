package vn.provpulse.contract;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/** Why a row is quarantined: a reason code, the field at fault (or null) and a human detail. */
public record Rejection(String code, String field, String detail) implements Serializable {
    public Rejection {
        requireNonNull(code, "code is null");
        requireNonNull(detail, "detail is null");
    }

    public String reason() {
        return Reason.withField(code, field);
    }
}
