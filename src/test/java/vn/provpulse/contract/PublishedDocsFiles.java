package vn.provpulse.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Writes what is made from {@link PublishedDocs} into the repository's files: the column tables of
 * docs/metrics.md (between BEGIN/END GENERATED markers; the prose around them is kept) and the column
 * names and descriptions of the Superset datasets. After editing column-docs.yaml, run from the
 * repository root (after {@code mvn -o test-compile}):
 * <pre>java -cp target/test-classes:target/classes:$(cat target/runtime-classpath.txt) vn.provpulse.contract.PublishedDocsFiles</pre>
 * PublishedDocsFilesTest fails while a file differs from what this would write.
 */
public final class PublishedDocsFiles {
    public static final Path METRICS = Path.of("docs/metrics.md");
    public static final Path DATASETS = Path.of("dashboards/superset/datasets");
    private static final Pattern BLOCK = Pattern.compile("(<!-- BEGIN GENERATED: columns of ([a-z_]+\\.[a-z_]+)[^\\n]*-->\\n)(.*?)(<!-- END GENERATED: columns of \\2 -->)", Pattern.DOTALL);
    private static final Pattern COLUMN_ITEM = Pattern.compile("^  - column_name: \"([^\"]+)\"$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublishedDocs docs;

    public PublishedDocsFiles(PublishedDocs docs) {
        this.docs = requireNonNull(docs, "docs is null");
    }

    public static void main(String[] arguments) throws IOException {
        PublishedDocsFiles files = new PublishedDocsFiles(PublishedDocs.load());
        Files.writeString(METRICS, files.metrics(Files.readString(METRICS, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        for (Path dataset : datasetFiles()) {
            Files.writeString(dataset, files.dataset(Files.readString(dataset, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        }
    }

    public static List<Path> datasetFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(DATASETS)) {
            return walk.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** docs/metrics.md with each generated block rewritten; every published table must have exactly one block. */
    public String metrics(String markdown) {
        List<String> seen = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        StringBuilder result = new StringBuilder();
        while (block.find()) {
            String table = block.group(2);
            seen.add(table);
            String[] parts = table.split("\\.");
            block.appendReplacement(result, Matcher.quoteReplacement(block.group(1) + columnTable(docs.table(parts[0], parts[1])) + block.group(4)));
        }
        block.appendTail(result);
        List<String> expected = docs.tables().stream().map(PublishedDocs.Table::qualifiedName).toList();
        if (!seen.equals(expected)) {
            throw new IllegalArgumentException("Cannot generate the column tables of " + METRICS + ": it has blocks for " + seen
                    + " but the published tables are " + expected + " (one block each, in that order: <!-- BEGIN GENERATED: columns of gold.x --> ... <!-- END GENERATED: columns of gold.x -->)");
        }
        return result.toString();
    }

    static String columnTable(PublishedDocs.Table table) {
        StringBuilder text = new StringBuilder("| column | Vietnamese | meaning |\n|---|---|---|\n");
        table.columns().forEach((column, doc) -> text.append("| `").append(column).append("` | ").append(cell(doc.vietnamese()))
                .append(" | ").append(cell(doc.english())).append(" |\n"));
        return text.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /**
     * A Superset dataset file with its description and each physical column's verbose_name (the
     * Vietnamese) and description (the English) set from the docs; calculated columns (with an
     * expression) and metrics are left as written. Edits the lines in place so the rest stays byte for byte.
     */
    public String dataset(String yaml) {
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        String schema = value(lines, "schema");
        String tableName = value(lines, "table_name");
        PublishedDocs.Table table = docs.table(schema, tableName);
        set(lines, 0, lines.size(), "", "description", table.doc().vietnamese());
        int columnsStart = lines.indexOf("columns:");
        for (int start = columnsStart + 1; start < lines.size(); start++) {
            Matcher item = COLUMN_ITEM.matcher(lines.get(start));
            if (!item.matches()) {
                continue;
            }
            int end = start + 1;
            while (end < lines.size() && lines.get(end).startsWith("    ")) {
                end++;
            }
            if (lines.subList(start, end).contains("    expression: null")) {
                PublishedDocs.Doc doc = docs.column(schema, tableName, item.group(1));
                set(lines, start, end, "    ", "verbose_name", doc.vietnamese());
                set(lines, start, end, "    ", "description", doc.english());
            }
        }
        return String.join("\n", lines);
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key + ": ")).findFirst()
                .map(line -> line.substring(key.length() + 2).replace("\"", ""))
                .orElseThrow(() -> new IllegalArgumentException("Cannot describe a Superset dataset without a top-level " + key));
    }

    private static void set(List<String> lines, int from, int to, String indent, String key, String text) {
        for (int index = from; index < to; index++) {
            if (lines.get(index).startsWith(indent + key + ": ")) {
                lines.set(index, indent + key + ": " + quoted(text));
                return;
            }
        }
        throw new IllegalArgumentException("Cannot set " + key + " in a Superset dataset: no line \"" + indent + key + ": \" where expected");
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
