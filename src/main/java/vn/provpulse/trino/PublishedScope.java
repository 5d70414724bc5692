package vn.provpulse.trino;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What the last publish put in Trino, as far as access rules need it: every unit code with the
 * current unit it reports under (silver.unit_map), and each public table with whether it has a
 * unit_code. Kept next to the server's configuration so that a restart rebuilds the same rules.
 */
public record PublishedScope(@JsonProperty("current_unit_by_code") Map<String, String> currentUnitByCode, List<Table> tables) {
    public PublishedScope {
        currentUnitByCode = Map.copyOf(requireNonNull(currentUnitByCode, "currentUnitByCode is null"));
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
    }

    /** Nothing published yet: unit users see no table. */
    public static PublishedScope empty() {
        return new PublishedScope(Map.of(), List.of());
    }

    /** The codes whose rows a unit user listed under these codes sees: each code's current unit, and every unit merged into it. */
    public Set<String> unitsReportingUnder(Set<String> listed) {
        Set<String> currents = new TreeSet<>();
        listed.forEach(code -> currents.add(currentUnitByCode.getOrDefault(code, code)));
        Set<String> codes = new TreeSet<>(currents);
        currentUnitByCode.forEach((code, current) -> {
            if (currents.contains(current)) {
                codes.add(code);
            }
        });
        return codes;
    }

    public static PublishedScope read(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), PublishedScope.class);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (publish again to rewrite it)", e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, new ObjectMapper().writeValueAsString(this));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** A public view: gold.&lt;name&gt; or silver.&lt;name&gt;. Province-wide tables have no unit_code and hold no unit's detail. */
    public record Table(String schema, String name, @JsonProperty("has_unit_code") boolean hasUnitCode, @JsonProperty("province_wide") boolean provinceWide) {
        public Table {
            requireNonNull(schema, "schema is null");
            requireNonNull(name, "name is null");
        }
    }
}
