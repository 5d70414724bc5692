package vn.provpulse.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The Vietnamese name and English meaning of every published table and column, keyed by schema,
 * table and column, read from {@value #RESOURCE}: the one place they are written. The Trino
 * comments, the column tables of docs/metrics.md and the Superset dataset descriptions are made
 * from it.
 */
public final class PublishedDocs {
    public static final String RESOURCE = "column-docs.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Words that mark a description someone meant to write later. */
    private static final List<String> PLACEHOLDERS = List.of("see docs", "todo", "tbd", "fixme", "placeholder", "xxx", "...", "…");

    private final Map<String, Table> tables;

    private PublishedDocs(Map<String, Table> tables) {
        this.tables = tables;
    }

    /** A name and a meaning: the Vietnamese leadership reads, then the English. */
    public record Doc(String vietnamese, String english) {
        public Doc {
            requireNonNull(vietnamese, "vietnamese is null");
            requireNonNull(english, "english is null");
        }

        /** The comment Trino shows: "Vietnamese — English". */
        public String comment() {
            return vietnamese + " — " + english;
        }
    }

    /** A published table (gold or silver) and its columns in the order the table has them. */
    public record Table(String schema, String name, Doc doc, Map<String, Doc> columns) {
        public Table {
            requireNonNull(schema, "schema is null");
            requireNonNull(name, "name is null");
            requireNonNull(doc, "doc is null");
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(columns, "columns is null")));
        }

        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /** The descriptions shipped with ProvPulse. */
    public static PublishedDocs load() {
        try (InputStream in = PublishedDocs.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Cannot describe the published tables: " + RESOURCE + " is not on the classpath (rebuild ProvPulse)");
            }
            return parse(YAML.readTree(in), RESOURCE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Descriptions from a tree of schema → table → {vi, en, columns: column → {vi, en}}; origin names it in errors. */
    public static PublishedDocs parse(JsonNode root, String origin) {
        Map<String, Table> tables = new LinkedHashMap<>();
        root.fields().forEachRemaining(schema -> schema.getValue().fields().forEachRemaining(table -> {
            String where = origin + ": " + schema.getKey() + "." + table.getKey();
            Map<String, Doc> columns = new LinkedHashMap<>();
            table.getValue().path("columns").fields().forEachRemaining(column -> columns.put(column.getKey(), doc(column.getValue(), where + "." + column.getKey())));
            Table parsed = new Table(schema.getKey(), table.getKey(), doc(table.getValue(), where), columns);
            tables.put(parsed.qualifiedName(), parsed);
        }));
        return new PublishedDocs(Collections.unmodifiableMap(tables));
    }

    private static Doc doc(JsonNode node, String where) {
        if (!node.path("vi").isTextual() || !node.path("en").isTextual()) {
            throw new IllegalArgumentException("Cannot read " + where + ": it needs a vi and an en text (got " + node + ")");
        }
        return new Doc(node.path("vi").asText(), node.path("en").asText());
    }

    /** Every documented table, gold first, in the order of the source. */
    public List<Table> tables() {
        return List.copyOf(tables.values());
    }

    public Table table(String schema, String table) {
        Table found = tables.get(schema + "." + table);
        if (found == null) {
            throw new IllegalArgumentException("Cannot describe " + schema + "." + table + ": " + RESOURCE + " has no such table (add its vi, en and columns there)");
        }
        return found;
    }

    public Doc column(String schema, String table, String column) {
        Doc found = table(schema, table).columns().get(column);
        if (found == null) {
            throw new IllegalArgumentException("Cannot describe " + schema + "." + table + "." + column + ": " + RESOURCE
                    + " has no such column (add its vi and en there)");
        }
        return found;
    }

    /**
     * What keeps these descriptions from covering exactly the published columns, given each published
     * table ("schema.table") with its columns in order: a table or column missing, documented but not
     * published, or listed in another order, and any description that is not real (see {@link #problems}).
     * Empty when every published column has a real Vietnamese and English description.
     */
    public List<String> gaps(Map<String, List<String>> publishedColumns) {
        List<String> gaps = new ArrayList<>();
        tables.keySet().stream().filter(name -> !publishedColumns.containsKey(name)).forEach(name -> gaps.add(name + ": documented but not published"));
        publishedColumns.forEach((name, columns) -> {
            Table table = tables.get(name);
            if (table == null) {
                gaps.add(name + ": no description of the table");
                return;
            }
            problems(table.doc(), table.name()).forEach(problem -> gaps.add(name + ": " + problem));
            for (String column : columns) {
                Doc doc = table.columns().get(column);
                if (doc == null) {
                    gaps.add(name + "." + column + ": no description");
                }
                else {
                    problems(doc, column).forEach(problem -> gaps.add(name + "." + column + ": " + problem));
                }
            }
            table.columns().keySet().stream().filter(column -> !columns.contains(column))
                    .forEach(column -> gaps.add(name + "." + column + ": documented but not published"));
            if (table.columns().keySet().containsAll(columns) && columns.containsAll(table.columns().keySet())
                    && !List.copyOf(table.columns().keySet()).equals(columns)) {
                gaps.add(name + ": columns documented in another order than published " + columns);
            }
        });
        return gaps;
    }

    /** Why a description of the thing named is not a real one: empty, the name itself, a placeholder, or Vietnamese without a Vietnamese letter. */
    public static List<String> problems(Doc doc, String name) {
        List<String> problems = new ArrayList<>();
        check(doc.vietnamese(), "Vietnamese", name, problems);
        check(doc.english(), "English", name, problems);
        if (!doc.vietnamese().isBlank() && doc.vietnamese().codePoints().noneMatch(c -> c > 0x7F && Character.isLetter(c))) {
            problems.add("the Vietnamese \"" + doc.vietnamese() + "\" has no Vietnamese letter");
        }
        if (!doc.vietnamese().isBlank() && doc.vietnamese().strip().equalsIgnoreCase(doc.english().strip())) {
            problems.add("the Vietnamese and the English are the same text");
        }
        return problems;
    }

    private static void check(String text, String language, String name, List<String> problems) {
        String plain = text.strip().toLowerCase(Locale.ROOT);
        if (plain.isEmpty()) {
            problems.add("the " + language + " is empty");
        }
        else if (plain.equals(name.toLowerCase(Locale.ROOT)) || plain.equals(name.toLowerCase(Locale.ROOT).replace('_', ' '))) {
            problems.add("the " + language + " is the name itself");
        }
        else if (PLACEHOLDERS.stream().anyMatch(plain::contains)) {
            problems.add("the " + language + " \"" + text + "\" is a placeholder");
        }
    }
}
