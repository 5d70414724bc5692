package vn.provpulse.ingest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/** Keyed pseudonyms (HMAC-SHA256): the same citizen gets the same key, and nobody without the key can reverse it. */
public final class Pseudonymizer implements Serializable {
    private final byte[] key;

    public Pseudonymizer(byte[] key) {
        requireNonNull(key, "key is null");
        if (key.length < 16) {
            throw new IllegalArgumentException("Cannot pseudonymise: the PII key must be at least 16 bytes (got " + key.length + ")");
        }
        this.key = key.clone();
    }

    public String pseudonym(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The citizen's identity: the CCCD number, else the phone's digits; null when neither is given. */
    public String citizenKey(String idNumber, String phone) {
        if (idNumber != null && !idNumber.isBlank()) {
            return pseudonym("id:" + idNumber.strip());
        }
        if (phone != null && !phone.isBlank()) {
            String digits = phone.replaceAll("\\D", "");
            return digits.isEmpty() ? null : pseudonym("phone:" + digits);
        }
        return null;
    }
}
