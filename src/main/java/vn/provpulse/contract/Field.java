package vn.provpulse.contract;

import java.io.Serializable;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One canonical column of a source contract.
 *
 * @param event an event that cannot happen after its file's export date
 */
public record Field(String name, FieldType type, boolean required, Set<String> allowedValues, boolean event, Privacy privacy)
        implements Serializable {

    public Field {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        allowedValues = allowedValues == null ? Set.of() : Set.copyOf(allowedValues);
        requireNonNull(privacy, "privacy is null");
    }

    public static Field required(String name, FieldType type) {
        return new Field(name, type, true, Set.of(), false, Privacy.OPEN);
    }

    public static Field optional(String name, FieldType type) {
        return new Field(name, type, false, Set.of(), false, Privacy.OPEN);
    }

    public Field oneOf(String... values) {
        return new Field(name, type, required, Set.of(values), event, privacy);
    }

    public Field asEvent() {
        return new Field(name, type, required, allowedValues, true, privacy);
    }

    public Field withPrivacy(Privacy newPrivacy) {
        return new Field(name, type, required, allowedValues, event, newPrivacy);
    }

    /** The local-date column derived from a timestamp: completed_at → completed_date. */
    public String localDateColumn() {
        return name.endsWith("_at") ? name.substring(0, name.length() - 3) + "_date" : name + "_date";
    }
}
