package vn.provpulse.contract;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A source's contract: its landing folder name, format, canonical fields,
 * the checks that span fields, and the duplicate key (docs/metrics.md, "Quarantine reasons").
 */
public record SourceContract(
        String name,
        SourceFormat format,
        List<Field> fields,
        List<RowRule> rules,
        List<String> duplicateKey,
        boolean wholeRowDuplicateKey) implements Serializable {

    public SourceContract {
        requireNonNull(name, "name is null");
        requireNonNull(format, "format is null");
        fields = List.copyOf(fields);
        rules = List.copyOf(rules);
        duplicateKey = List.copyOf(duplicateKey);
        List<String> restricted = fields.stream().filter(field -> field.privacy() == Privacy.RESTRICTED).map(Field::name).toList();
        if (restricted.size() > 1) {
            throw new IllegalArgumentException("Cannot define source " + name + ": it has " + restricted.size() + " restricted free-text fields "
                    + restricted + " (the restricted table holds one text per row; keep one)");
        }
    }

    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(field -> field.name().equals(fieldName)).findFirst();
    }

    public List<Field> openFields() {
        return fields.stream().filter(field -> field.privacy() == Privacy.OPEN).toList();
    }

    public boolean hasIdentityFields() {
        return fields.stream().anyMatch(field -> field.privacy() == Privacy.IDENTITY);
    }

    /** The free-text field kept only in the restricted table ({@link Privacy#RESTRICTED}), if this source has one. */
    public Optional<Field> restrictedText() {
        return fields.stream().filter(field -> field.privacy() == Privacy.RESTRICTED).findFirst();
    }

    /** Whether accepted rows of this source also feed the restricted table. */
    public boolean hasRestrictedContent() {
        return restrictedText().isPresent();
    }
}
