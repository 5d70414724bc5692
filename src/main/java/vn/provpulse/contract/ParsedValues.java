package vn.provpulse.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The typed values of one row that passed field checks: String, LocalDate, Instant or Integer
 * by field type; a timestamp's local date is under {@link Field#localDateColumn()}.
 */
public record ParsedValues(Map<String, Object> values, LocalDate exportDate) {
    public ParsedValues {
        requireNonNull(values, "values is null");
        requireNonNull(exportDate, "exportDate is null");
    }

    public String text(String name) {
        return (String) values.get(name);
    }

    public LocalDate date(String name) {
        return (LocalDate) values.get(name);
    }

    public Instant instant(String name) {
        return (Instant) values.get(name);
    }

    public Object get(String name) {
        return values.get(name);
    }
}
