package vn.provpulse.faults;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.Sources;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.publish.GoldCommit;
import vn.provpulse.testing.Fixtures;
import vn.provpulse.testing.SparkTestCase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection suite. A tiny province is backfilled over two days; the third night then runs
 * in separate JVMs, each killed with SIGKILL at the next commit point in turn, each re-run recovering
 * from the one before; then two runs of the night start at once. Bronze, quarantine, restricted,
 * silver and gold must end byte-identical to an uninterrupted third night.
 */
class KillAtCommitPointsIT extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate BACKFILLED = LocalDate.of(2026, 1, 2);
    private static final LocalDate NIGHT = LocalDate.of(2026, 1, 3);
    private static final List<String> ZONES = List.of("bronze", "quarantine", "restricted", "silver", "gold");
    /**
     * Every commit point a night reaches, in the order it reaches them; each kill is recovered by the
     * run killed at the next. {@code -Dprovpulse.faults=all} runs them all; by default the suite runs
     * one per stage (and the case of a half-swapped gold on an incremental night), to keep it short.
     */
    private static final List<String> ALL_KILL_POINTS = List.of(
            "ingest:bronze-written",
            "ingest:ledger-committed:" + Sources.ALL.get(0).name(),
            "mid-append:bronze/tasks",
            "mid-swap:gold/unit_month_ratings",
            // silver is now as of the night already, so refine makes a full pass: whole tables are swapped
            "mid-swap:silver/task_history",
            "before-state:silver.json",
            "before-swap:gold/unit_month_tasks",
            "before-state:gold.json",
            "state-written:gold.json");
    private static final List<String> KILL_POINTS = "all".equals(System.getProperty("provpulse.faults")) ? ALL_KILL_POINTS : List.of(
            "ingest:ledger-committed:" + Sources.ALL.get(0).name(),
            "mid-append:bronze/tasks",
            "mid-swap:gold/unit_month_ratings",
            "mid-swap:silver/task_history",
            "before-state:gold.json");

    @TempDir
    static Path directory;
    private static Path landing;
    private static Path uninterrupted;

    @BeforeAll
    static void backfillThenRunTheNightUninterrupted() throws Exception {
        new ProvinceGenerator(new ProvinceGenerator.Options(5, FROM, NIGHT, 0.02, 0.05, directory)).generate(progress -> { });
        landing = directory.resolve("landing");
        Path backfilled = directory.resolve("backfilled");
        try (PipelineProcess backfill = start(backfilled, Optional.empty(), "backfill", "--from", FROM.toString(), "--to", BACKFILLED.toString())) {
            assertThat(backfill.exitCode()).as(backfill.errors()).isZero();
        }
        uninterrupted = copy(backfilled, "uninterrupted");
        runNight(uninterrupted);
    }

    /** Then the night is run twice at once: the lock holds (one waits), both succeed, and the result is one night's. */
    @Test
    void aNightKilledAtEachCommitPointInTurnThenRunTwiceAtOnceEndsByteIdenticalToAnUninterruptedNight() throws Exception {
        Path warehouse = copy(directory.resolve("backfilled"), "killed");
        List<String> notReached = new ArrayList<>();
        for (String point : KILL_POINTS) {
            try (PipelineProcess night = start(warehouse, Optional.of(point), "nightly", "--date", NIGHT.toString())) {
                if (!night.killAtPoint()) {
                    notReached.add(point + " (exit " + night.exitCode() + ")");
                    continue;
                }
                // the dead run's lock is left naming it; the next run takes it over
                assertThat(Files.readString(new WarehouseLayout(warehouse).lockFile())).contains("pid " + night.pid());
            }
            if (point.equals("mid-swap:gold/unit_month_ratings")) {
                assertPublishRefusesHalfWrittenGold(warehouse);
            }
        }
        assertThat(notReached).as("commit points never reached").isEmpty();
        try (PipelineProcess first = start(warehouse, Optional.empty(), "nightly", "--date", NIGHT.toString());
             PipelineProcess second = start(warehouse, Optional.empty(), "nightly", "--date", NIGHT.toString())) {
            assertThat(first.exitCode()).as(first.errors()).isZero();
            assertThat(second.exitCode()).as(second.errors()).isZero();
            assertThat(first.errors() + second.errors()).contains("is in use by run nightly-");
        }
        assertSameZones(warehouse, uninterrupted);
        assertThat(GoldCommit.reasonIncomplete(spark, new WarehouseLayout(warehouse))).isEmpty();
        assertThat(children(warehouse.resolve("_staging"))).as("staging folders left").isEmpty();
    }

    /**
     * The warehouse on a tmpfs with room for a few more kilobytes: the night fails with one line
     * naming the cause; read-only, the same; with room again, the next run recovers to the same bytes.
     */
    @Test
    void aNightOnAFullDiskFailsInOneLineAndTheNextRunRecovers() throws Exception {
        Path backfilled = directory.resolve("backfilled");
        Path mountPoint = directory.resolve("small-disk");
        try (Tmpfs disk = Tmpfs.mount(mountPoint, pagesOf(backfilled) + 128 * 1024)) {
            Path warehouse = copy(backfilled, mountPoint.resolve("warehouse"));
            try (PipelineProcess night = start(warehouse, Optional.empty(), "nightly", "--date", NIGHT.toString())) {
                assertThat(night.exitCode()).as(night.errors()).isEqualTo(1);
                assertThat(failureLines(night)).singleElement().asString().contains("no space left on the device");
            }
            disk.remount("ro");
            try (PipelineProcess night = start(warehouse, Optional.empty(), "nightly", "--date", NIGHT.toString())) {
                assertThat(night.exitCode()).as(night.errors()).isEqualTo(1);
                assertThat(failureLines(night)).singleElement().asString()
                        .startsWith("provpulse: Cannot open the warehouse lock " + warehouse.resolve("state/warehouse.lock"))
                        .contains("the file system is read-only");
            }
            disk.remount("rw,size=512m");
            runNight(warehouse);
            assertSameZones(warehouse, uninterrupted);
        }
    }

    /** The lines a failed run ends with (its errors, not its log). */
    private static List<String> failureLines(PipelineProcess run) throws IOException {
        return run.errors().lines().filter(line -> line.startsWith("provpulse: ")).toList();
    }

    /** The bytes a tree takes on tmpfs: whole 4 KiB pages per file. */
    private static long pagesOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long pages = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                pages += (Files.size(file) + 4095) / 4096;
            }
            return pages * 4096;
        }
    }

    /** publish (in its own JVM, as an operator runs it) refuses, in one line, before it looks for Trino. */
    private static void assertPublishRefusesHalfWrittenGold(Path warehouse) throws Exception {
        assertThat(GoldCommit.reasonIncomplete(spark, new WarehouseLayout(warehouse))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("gold was not completely written"));
        try (PipelineProcess publish = start(warehouse, Optional.empty(), "publish")) {
            assertThat(publish.exitCode()).isEqualTo(1);
            assertThat(failureLines(publish)).singleElement().asString().contains("Cannot publish", "gold was not completely written");
        }
    }

    private static void runNight(Path warehouse) throws Exception {
        try (PipelineProcess night = start(warehouse, Optional.empty(), "nightly", "--date", NIGHT.toString())) {
            assertThat(night.exitCode()).as(night.errors()).isZero();
        }
    }

    private static PipelineProcess start(Path warehouse, Optional<String> killAt, String... command) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.addAll(List.of("--landing", landing.toString(), "--warehouse", warehouse.toString()));
        return PipelineProcess.start(directory.resolve("logs"), killAt, arguments.toArray(String[]::new));
    }

    private static void assertSameZones(Path actual, Path expected) throws IOException {
        for (String zone : ZONES) {
            Map<String, String> expectedFiles = Fixtures.fileHashes(expected.resolve(zone));
            assertThat(expectedFiles).as(zone).isNotEmpty();
            assertThat(new TreeMap<>(Fixtures.fileHashes(actual.resolve(zone)))).as(zone).isEqualTo(expectedFiles);
        }
    }

    private static Path copy(Path from, String name) throws IOException {
        return copy(from, directory.resolve(name));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    private static List<Path> children(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> stream = Files.list(folder)) {
            return stream.toList();
        }
    }
}
