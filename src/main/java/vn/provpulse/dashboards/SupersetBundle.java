package vn.provpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Superset dashboards kept as code in dashboards/superset (import format 1.0.0): loads the
 * YAML files, lists what each chart uses, and zips them for {@code superset import-dashboards}.
 */
public final class SupersetBundle {
    public static final String DEFAULT_FOLDER = "dashboards/superset";
    public static final String ZIP_ROOT = "provpulse_dashboards";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern TRINO_PORT = Pattern.compile("(sqlalchemy_uri: \"trino://[^@\"]+@127\\.0\\.0\\.1:)\\d+");

    private final Path folder;
    private final Map<String, JsonNode> files;

    private SupersetBundle(Path folder, Map<String, JsonNode> files) {
        this.folder = folder;
        this.files = files;
    }

    public static SupersetBundle load(Path folder) {
        Map<String, JsonNode> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                files.put(folder.relativize(file).toString(), YAML.readTree(file.toFile()));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Superset bundle in " + folder + ": " + e.getMessage(), e);
        }
        return new SupersetBundle(folder, files);
    }

    public Map<String, JsonNode> files() {
        return files;
    }

    public List<JsonNode> of(String kind) {
        List<JsonNode> nodes = new ArrayList<>();
        files.forEach((name, node) -> {
            if (name.startsWith(kind + "/")) {
                nodes.add(node);
            }
        });
        return nodes;
    }

    /** The columns a chart reads from its dataset, by name. */
    public static Set<String> columnsUsed(JsonNode chart) {
        JsonNode params = chart.path("params");
        Set<String> columns = new LinkedHashSet<>();
        for (String key : List.of("all_columns", "groupby")) {
            params.path(key).forEach(column -> columns.add(column.asText()));
        }
        if (params.hasNonNull("x_axis")) {
            columns.add(params.get("x_axis").asText());
        }
        params.path("order_by_cols").forEach(order -> {
            try {
                columns.add(YAML.readTree(order.asText()).get(0).asText());
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read order_by_cols of " + chart.path("slice_name").asText(), e);
            }
        });
        return columns;
    }

    /** The saved metrics a chart uses, by name. */
    public static Set<String> metricsUsed(JsonNode chart) {
        JsonNode params = chart.path("params");
        Set<String> metrics = new LinkedHashSet<>();
        params.path("metrics").forEach(metric -> metrics.add(metric.asText()));
        if (params.hasNonNull("metric")) {
            metrics.add(params.get("metric").asText());
        }
        return metrics;
    }

    /** Writes the bundle as a zip with fixed entry order and times, so the same YAML gives the same bytes. */
    public void zip(Path target) {
        zip(target, OptionalInt.empty());
    }

    /** The same zip with the database pointed at the Trino server on this loopback port. */
    public void zip(Path target, int trinoPort) {
        zip(target, OptionalInt.of(trinoPort));
    }

    private void zip(Path target, OptionalInt trinoPort) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (String name : files.keySet()) {
                    ZipEntry entry = new ZipEntry(ZIP_ROOT + "/" + name);
                    entry.setLastModifiedTime(FileTime.fromMillis(0));
                    zip.putNextEntry(entry);
                    String text = Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
                    if (trinoPort.isPresent() && name.startsWith("databases/")) {
                        text = TRINO_PORT.matcher(text).replaceFirst("$1" + trinoPort.getAsInt());
                    }
                    zip.write(text.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dashboard bundle " + target, e);
        }
    }
}
