package vn.provpulse.generate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.ingest.CsvReader;
import vn.provpulse.ingest.HeaderNames;
import vn.provpulse.ingest.JsonLinesReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProvinceGeneratorTest {
    @TempDir
    static Path directory;
    private static Manifest manifest;

    @BeforeAll
    static void generateTwice() {
        manifest = generate(directory.resolve("a"));
        generate(directory.resolve("b"));
    }

    private static Manifest generate(Path out) {
        return new ProvinceGenerator(new ProvinceGenerator.Options(7, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), 0.1, 0.02, out))
                .generate(progress -> { });
    }

    @Test
    void sameSeedGivesByteIdenticalTrees() throws IOException {
        Map<String, byte[]> a = tree(directory.resolve("a"));
        Map<String, byte[]> b = tree(directory.resolve("b"));
        assertThat(a.keySet()).isEqualTo(b.keySet()).hasSizeGreaterThan(1000);
        a.forEach((file, bytes) -> assertThat(bytes).as(file).isEqualTo(b.get(file)));
    }

    @Test
    void manifestRowCountsMatchTheFiles() throws IOException {
        Path landing = directory.resolve("a").resolve("landing");
        for (Manifest.FileRows file : manifest.files()) {
            byte[] content = Files.readAllBytes(landing.resolve(file.file()));
            int rows = file.file().endsWith(".jsonl")
                    ? JsonLinesReader.read(content, new HeaderNames(Map.of())).size()
                    : CsvReader.read(content, new HeaderNames(Map.of())).size();
            assertThat(rows).as(file.file()).isEqualTo(file.rows());
        }
        assertThat(manifest.files()).hasSize((int) tree(landing).keySet().stream().filter(name -> !name.contains("_resent")).count());
    }

    @Test
    void dirtyRowsCoverAtLeastTwelveKinds() {
        assertThat(manifest.badRows().stream().map(Manifest.BadRow::kind).collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(12);
        assertThat(manifest.duplicateFiles()).hasSize(1);
    }

    @Test
    void everyIntegrityFlagIsPlanted() {
        assertThat(manifest.integrity()).extracting(Manifest.PlantedFlag::flag)
                .containsExactlyInAnyOrder("retroactive_extension", "backdated_completion", "deadline_day_spike", "rating_burst", "silent_unit");
    }

    @Test
    void provinceHasDienBienShape() throws IOException {
        List<String> units = Files.readAllLines(directory.resolve("a/landing/units/2026-01-01/units.csv"));
        assertThat(units.stream().filter(line -> line.contains(",commune,") && !line.contains("(cũ)")).count()).isEqualTo(42);
        assertThat(units.stream().filter(line -> line.contains(",ward,")).count()).isEqualTo(3);
        assertThat(units.stream().filter(line -> line.contains(",public_service,")).count()).isEqualTo(30);
        assertThat(units.stream().filter(line -> line.contains("2025-06-30")).count()).isEqualTo(4);
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(file -> root.relativize(file).toString(), file -> {
                try {
                    return Files.readAllBytes(file);
                }
                catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }
}
