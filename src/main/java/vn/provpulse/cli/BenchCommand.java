package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.generate.Manifest;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.pipeline.RunSummary;
import vn.provpulse.pipeline.SparkSessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** provpulse bench: generation, backfill and one more night on a generated province, timed; results appended to bench/results.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: generate a province (default one year of SF1), backfill it, then run one more night on top of the year of history. Prints rows/s and seconds; appends to bench/results.md.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_PATH, description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench", description = "Work folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sf", defaultValue = "1.0", description = "Scale factor (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Option(names = "--from", defaultValue = "2026-01-01", description = "First data date (default: ${DEFAULT-VALUE}).")
    LocalDate from;

    @Option(names = "--to", defaultValue = "2026-12-30", description = "Last date of the backfill; the benchmark then runs the night after (default: ${DEFAULT-VALUE}).")
    LocalDate to;

    @Option(names = "--results", defaultValue = "bench/results.md", description = "Markdown file the results are appended to (default: ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() throws IOException {
        Path root = out.toAbsolutePath();
        vn.provpulse.storage.LocalFiles.deleteRecursively(root);
        Instant start = Instant.now();
        GenerateCommand.Generated generated = GenerateCommand.generateForRun(
                new ProvinceGenerator.Options(7, from, to.plusDays(1), scaleFactor, 0.01, root), ConfigLoader.load(config));
        Duration generation = Duration.between(start, Instant.now());
        Manifest manifest = generated.manifest();
        ProvPulseConfig settings = generated.settings();
        long rows = manifest.rowsBySource().values().stream().mapToLong(Long::longValue).sum();
        String report;
        try (SparkSession spark = SparkSessions.create(settings, "provpulse bench")) {
            RunSummary backfill = new NightlyPipeline(spark, settings).run(from, to, "bench backfill", RunIds.start("bench"));
            RunSummary night = new NightlyPipeline(spark, settings).run(to.plusDays(1), "bench nightly", RunIds.start("bench-night"));
            long backfillRows = backfill.sources().stream().mapToLong(RunSummary.SourceLine::rowsRead).sum();
            long nightRows = night.sources().stream().mapToLong(RunSummary.SourceLine::rowsRead).sum();
            double ingestSeconds = backfill.stages().get("ingest").toMillis() / 1000.0;
            report = String.format("| %s | SF%s %s..%s | %d files, %d rows | generate %.1f s | backfill %.1f s (ingest %.1f s = %.0f rows/s; %.0f rows/s end to end) | next night %.1f s (%d new rows on %d days of history) | %d cores, %d MB max heap |%n",
                    Instant.now().toString().substring(0, 16), scaleFactor, from, to, manifest.files().size(), rows,
                    generation.toMillis() / 1000.0, backfill.elapsed().toMillis() / 1000.0, ingestSeconds, backfillRows / ingestSeconds,
                    backfillRows / (backfill.elapsed().toMillis() / 1000.0),
                    night.elapsed().toMillis() / 1000.0, nightRows, to.toEpochDay() - from.toEpochDay() + 1,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
        System.out.print(report);
        if (!Files.exists(results)) {
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, "# Benchmark results\n\n| when (UTC) | data | input | generation | backfill | one more night | machine |\n|---|---|---|---|---|---|---|\n");
        }
        Files.writeString(results, report, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        return 0;
    }
}
