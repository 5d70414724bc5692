package vn.provpulse.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Trino file-based access control (rules.json), generated from the configured users and what was
 * published. First match wins in each section:
 * <ul>
 *   <li>the pipeline's service user owns everything, and alone reads system.runtime;</li>
 *   <li>province readers (leadership, analysts) read the gold and silver views;</li>
 *   <li>a unit user reads, in each published table with a unit_code, only the rows of its unit and
 *       of the units merged into it, plus the province-wide aggregates; nothing else;</li>
 *   <li>nobody else reads anything, the *_versions schemas stay hidden, nobody impersonates.</li>
 * </ul>
 */
public record AccessRules(String serviceUser, List<String> provinceReaders, Map<String, Set<String>> unitCodesByUser, PublishedScope scope) {
    private static final String PUBLIC_SCHEMAS = "(gold|silver)";
    private static final String UNIT_CODE = "unit_code";

    public AccessRules {
        requireNonNull(serviceUser, "serviceUser is null");
        provinceReaders = List.copyOf(requireNonNull(provinceReaders, "provinceReaders is null"));
        unitCodesByUser = Map.copyOf(requireNonNull(unitCodesByUser, "unitCodesByUser is null"));
        requireNonNull(scope, "scope is null");
    }

    public String json() {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("catalogs", catalogs());
        rules.put("schemas", schemas());
        rules.put("tables", tables());
        rules.put("queries", List.of(Map.of("user", exactly(serviceUser), "allow", List.of("execute", "kill", "view")),
                Map.of("allow", List.of("execute"))));
        rules.put("impersonation", List.of(Map.of("original_user", ".*", "new_user", ".*", "allow", false)));
        rules.put("authorization", List.of(Map.of("original_user", ".*", "new_user", ".*", "allow", false)));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rules);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the Trino access rules: " + e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> catalogs() {
        List<Map<String, Object>> catalogs = new ArrayList<>();
        catalogs.add(Map.of("user", exactly(serviceUser), "catalog", ".*", "allow", "all"));
        catalogs.add(Map.of("user", readers(), "catalog", "(hive|system)", "allow", "read-only"));
        catalogs.add(Map.of("allow", "none"));
        return catalogs;
    }

    private List<Map<String, Object>> schemas() {
        return List.of(
                Map.of("user", exactly(serviceUser), "owner", true),
                Map.of("user", readers(), "schema", PUBLIC_SCHEMAS + "|information_schema|jdbc|metadata", "owner", false));
    }

    private List<Map<String, Object>> tables() {
        List<Map<String, Object>> tables = new ArrayList<>();
        tables.add(Map.of("user", exactly(serviceUser), "privileges", List.of("SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT")));
        tables.add(Map.of("catalog", "system", "schema", "runtime", "privileges", List.of()));
        if (!provinceReaders.isEmpty()) {
            tables.add(Map.of("user", alternatives(provinceReaders), "catalog", "hive", "schema", PUBLIC_SCHEMAS, "privileges", List.of("SELECT")));
        }
        for (Map.Entry<String, Set<String>> user : new java.util.TreeMap<>(unitCodesByUser).entrySet()) {
            tables.addAll(unitTables(user.getKey(), scope.unitsReportingUnder(user.getValue())));
        }
        tables.add(Map.of("user", readers(), "schema", "information_schema|jdbc|metadata", "privileges", List.of("SELECT")));
        return tables;
    }

    /** A unit user's table rules: each table with a unit_code filtered to the unit's codes, province-wide aggregates whole. */
    private List<Map<String, Object>> unitTables(String user, Set<String> codes) {
        List<Map<String, Object>> tables = new ArrayList<>();
        String filter = UNIT_CODE + " IN (" + codes.stream().sorted().map(AccessRules::literal).collect(Collectors.joining(", ")) + ")";
        for (PublishedScope.Table table : scope.tables()) {
            Map<String, Object> rule = new LinkedHashMap<>(Map.of("user", exactly(user), "catalog", "hive", "schema", exactly(table.schema()),
                    "table", exactly(table.name()), "privileges", List.of("SELECT")));
            if (table.hasUnitCode()) {
                rule.put("filter", codes.isEmpty() ? "false" : filter);
            }
            else if (!table.provinceWide()) {
                continue;
            }
            tables.add(rule);
        }
        return tables;
    }

    private String readers() {
        List<String> users = new ArrayList<>(provinceReaders);
        users.addAll(new TreeSet<>(unitCodesByUser.keySet()));
        return users.isEmpty() ? "(?!)" : alternatives(users);
    }

    private static String alternatives(List<String> users) {
        return "(" + users.stream().map(AccessRules::exactly).collect(Collectors.joining("|")) + ")";
    }

    private static String exactly(String name) {
        return Pattern.quote(name);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
