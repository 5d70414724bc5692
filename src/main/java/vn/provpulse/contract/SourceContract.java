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
}
