package vn.provpulse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree is the pipeline: each package may use only packages of a lower layer (storage below the
 * stages, each stage below the next, the orchestrator and the CLI on top), so no package imports
 * one above it and no two packages import each other.
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java/vn/provpulse");
    private static final Pattern REFERENCE = Pattern.compile("\\bvn\\.provpulse\\.([a-z]+)\\.[A-Z]");
    /** Layer of each package, bottom first: a package may import only packages of a strictly lower layer. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("config", 0), Map.entry("contract", 0),
            Map.entry("storage", 1),
            Map.entry("ingest", 2), Map.entry("trino", 2), Map.entry("airflow", 2), Map.entry("dashboards", 2),
            Map.entry("refine", 3), Map.entry("generate", 3),
            Map.entry("metrics", 4),
            Map.entry("publish", 5),
            Map.entry("pipeline", 6),
            Map.entry("cli", 7));

    @Test
    void everyPackageHasALayer() {
        assertThat(LAYERS.keySet()).containsExactlyInAnyOrderElementsOf(imports().keySet());
    }

    @Test
    void noPackageImportsOneOfItsOwnOrAHigherLayer() {
        List<String> upward = new ArrayList<>();
        imports().forEach((from, targets) -> targets.stream()
                .filter(to -> LAYERS.getOrDefault(to, Integer.MAX_VALUE) >= LAYERS.getOrDefault(from, Integer.MIN_VALUE))
                .forEach(to -> upward.add(from + " -> " + to)));
        assertThat(upward).as("imports that do not point to a lower layer").isEmpty();
    }

    @Test
    void noPackagesImportEachOtherInALoop() {
        assertThat(cycles(imports())).as("packages importing each other in a loop").isEmpty();
    }

    @Test
    void aLoopOfImportsIsFound() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));

        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c", "a"));
    }

    @Test
    void treeWithoutLoopsHasNone() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of());

        assertThat(cycles(graph)).isEmpty();
    }

    /** Each package of the main sources and the other packages its files name (imports and qualified names). */
    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file).getName(0).toString();
                Set<String> targets = graph.computeIfAbsent(from, name -> new TreeSet<>());
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(from)) {
                        targets.add(matcher.group(1));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** One path per loop found by a depth-first walk, each starting and ending at the same package. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> found = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            walk(start, graph, new ArrayList<>(), done, found);
        }
        return found;
    }

    private static void walk(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done,
                             List<List<String>> found) {
        int index = path.indexOf(node);
        if (index >= 0) {
            List<String> loop = new ArrayList<>(path.subList(index, path.size()));
            loop.add(node);
            found.add(loop);
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            walk(next, graph, path, done, found);
        }
        path.remove(path.size() - 1);
        done.add(node);
    }
}
