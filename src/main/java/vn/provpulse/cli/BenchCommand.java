package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.generate.Manifest;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.storage.LocalFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * provpulse bench: on one generated landing, the peer's full recompute (when --peer is given), the product's
 * backfill and one more night, each a separate process timed with its peak RSS; one row appended to bench/results.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: generate a province (default one year of SF1), then run one after the other, each as its own process: "
                + "the peer (--peer, a full recompute as of the last date), the product's backfill, and one more night on that history. "
                + "Prints wall seconds, peak RSS of each process tree and the ratios; appends a row to bench/results.md.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_PATH, description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench", description = "Work folder, emptied first (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sf", defaultValue = "1.0", description = "Scale factor (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Option(names = "--from", defaultValue = "2026-01-01", description = "First data date (default: ${DEFAULT-VALUE}).")
    LocalDate from;

    @Option(names = "--to", defaultValue = "2026-12-30", description = "Last date of the backfill and the peer's as-of date; the night after is the one more night "
            + "(default: ${DEFAULT-VALUE}; the demo's range is --to 2026-03-31).")
    LocalDate to;

    @Option(names = "--peer", paramLabel = "SCRIPT", description = "The peer's run.sh (e.g. ../shared/peer/run.sh), run as: SCRIPT --landing DIR --as-of D --out DIR. Without it only the product runs.")
    Path peer;

    @Option(names = "--launcher", paramLabel = "SCRIPT", defaultValue = "./provpulse", description = "The product's launcher, run with its default heap (default: ${DEFAULT-VALUE}).")
    Path launcher;

    @Option(names = "--results", defaultValue = "bench/results.md", description = "Markdown file the results are appended to (default: ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path root = out.toAbsolutePath();
        LocalFiles.deleteRecursively(root);
        double loadAtStart = ProcessTreeSampler.loadAverage();
        Instant start = Instant.now();
        GenerateCommand.Generated generated = GenerateCommand.generateForRun(
                new ProvinceGenerator.Options(7, from, to.plusDays(1), scaleFactor, 0.01, root), ConfigLoader.load(config));
        double generationSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        ProvPulseConfig settings = generated.settings();
        PeerComparisonRow.Data data = upTo(generated.manifest(), generationSeconds);
        Map<String, String> environment = Map.of(settings.pii().keyEnv(), Files.readString(Path.of(settings.pii().keyFile())).strip());
        Path launcherScript = launcher.toAbsolutePath().normalize();
        requireSucceeded("the launcher check (builds the jar when stale, untimed)",
                ProcessTreeSampler.run(List.of(launcherScript.toString(), "--version"), Path.of(""), Map.of(), root.resolve("logs/launcher.log")));

        Optional<ProcessTreeSampler.Measured> peerRun = Optional.empty();
        if (peer != null) {
            // run.sh with no arguments only fetches the DuckDB jar when missing, then prints its usage: untimed, exit code ignored
            ProcessTreeSampler.run(List.of(peer.toAbsolutePath().normalize().toString()), Path.of(""), Map.of(), root.resolve("logs/peer-setup.log"));
            peerRun = Optional.of(requireSucceeded("the peer", ProcessTreeSampler.run(List.of(peer.toAbsolutePath().normalize().toString(),
                    "--landing", settings.paths().landing(), "--as-of", to.toString(), "--out", root.resolve("peer-out").toString()),
                    Path.of(""), Map.of(), root.resolve("logs/peer.log"))));
            report("peer", peerRun.get());
        }
        ProcessTreeSampler.Measured backfill = requireSucceeded("the backfill", ProcessTreeSampler.run(
                product(settings, "backfill", "--from", from.toString(), "--to", to.toString()), Path.of(""), environment, root.resolve("logs/backfill.log")));
        report("backfill", backfill);
        ProcessTreeSampler.Measured night = requireSucceeded("one more night", ProcessTreeSampler.run(
                product(settings, "nightly", "--date", to.plusDays(1).toString()), Path.of(""), environment, root.resolve("logs/night.log")));
        report("one more night", night);

        String row = new PeerComparisonRow(Instant.now(), data, peerRun, backfill, night, Runtime.getRuntime().availableProcessors(), loadAtStart).render();
        System.out.print(PeerComparisonRow.HEADER + row);
        append(row);
        return 0;
    }

    /** The product's command line: the launcher, the command, the generated landing and warehouse, then the arguments. */
    private List<String> product(ProvPulseConfig settings, String command, String... arguments) {
        List<String> line = new ArrayList<>(List.of(launcher.toAbsolutePath().normalize().toString(), command, "--config", config.toAbsolutePath().toString(),
                "--landing", settings.paths().landing(), "--warehouse", settings.paths().warehouse()));
        line.addAll(List.of(arguments));
        if (to.plusDays(1).isAfter(LocalDate.now(ZoneId.of(settings.timeZone())))) {
            line.add("--allow-future-date");
        }
        return line;
    }

    /** Landing files (re-delivered copies included) and distinct rows in date folders up to --to (the night's day is generated too). */
    private PeerComparisonRow.Data upTo(Manifest manifest, double generationSeconds) {
        long files = 0;
        long rows = 0;
        for (Manifest.FileRows file : manifest.files()) {
            if (!dateFolder(file.file()).isAfter(to)) {
                files++;
                rows += file.rows();
            }
        }
        for (Manifest.DuplicateFile copy : manifest.duplicateFiles()) {
            if (!dateFolder(copy.file()).isAfter(to)) {
                files++; // a re-delivered copy is a landing file too; its rows are counted once, as the pipeline reads them
            }
        }
        return new PeerComparisonRow.Data(scaleFactor, from, to, files, rows, generationSeconds);
    }

    /** The yyyy-mm-dd folder of a landing path source/date/file. */
    static LocalDate dateFolder(String relativePath) {
        for (String part : relativePath.split("/")) {
            try {
                return LocalDate.parse(part);
            }
            catch (DateTimeParseException e) {
                // not the date folder
            }
        }
        throw new IllegalStateException("Cannot benchmark: the generated file " + relativePath + " is in no yyyy-mm-dd folder (check the generator's manifest)");
    }

    private static ProcessTreeSampler.Measured requireSucceeded(String step, ProcessTreeSampler.Measured measured) {
        if (measured.exitCode() != 0) {
            throw new IllegalStateException("Cannot benchmark: " + step + " exited with " + measured.exitCode() + " (see " + measured.log() + ")");
        }
        return measured;
    }

    private static void report(String step, ProcessTreeSampler.Measured measured) {
        System.out.printf("bench: %s %.1f s, peak RSS %.2f GB, load %.2f at start%n", step, measured.seconds(), measured.peakRssBytes() / (double) (1L << 30),
                measured.loadAtStart());
    }

    private void append(String row) throws IOException {
        if (!Files.exists(results)) {
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, "# Benchmark results\n\n");
        }
        String existing = Files.readString(results, StandardCharsets.UTF_8);
        String header = PeerComparisonRow.HEADER.lines().findFirst().orElseThrow();
        String text = existing.contains(header) ? row : "\n" + PeerComparisonRow.HEADER + row;
        Files.writeString(results, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
