package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.generate.Manifest;
import vn.provpulse.ingest.PiiKey;

import java.io.IOException;
import vn.provpulse.generate.ProvinceGenerator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** provpulse generate: a deterministic synthetic province in the landing layout, with its manifest. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic synthetic province (Điện Biên-like units, tasks, feedback, ratings) into OUT/landing, with OUT/manifest.json listing every planted bad row and integrity pattern.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Accepted for symmetry with the other commands; generation needs no configuration.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "data/generated", description = "Output folder (default: ${DEFAULT-VALUE}); the landing zone is OUT/landing.")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}); same seed, same bytes.")
    long seed;

    @Option(names = "--from", defaultValue = "2026-01-01", description = "First data date (default: ${DEFAULT-VALUE}).")
    LocalDate from;

    @Option(names = "--to", defaultValue = "2026-12-31", description = "Last data date (default: ${DEFAULT-VALUE}).")
    LocalDate to;

    @Option(names = "--sf", defaultValue = "1.0", description = "Scale factor: 1 = one province-year (~30k tasks, 20k feedback items, 300k ratings) (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Option(names = "--dirty", defaultValue = "0.0", paramLabel = "RATE", description = "Share of rows made bad on purpose, of 16 kinds (default: ${DEFAULT-VALUE}).")
    double dirtyRate;

    @Override
    public Integer call() {
        Manifest manifest = generate(new ProvinceGenerator.Options(seed, from, to, scaleFactor, dirtyRate, out));
        System.out.printf("Generated %d units, %s rows in %d files, %d bad rows, %d planted integrity patterns into %s%n",
                manifest.units(), manifest.rowsBySource(), manifest.files().size(), manifest.badRows().size(),
                manifest.integrity().size(), out.resolve("landing"));
        return 0;
    }

    /** Generates into options.out() and returns the configuration that runs on it, with a fresh key file there. */
    static Generated generateForRun(ProvinceGenerator.Options options, ProvPulseConfig configured) throws IOException {
        Manifest manifest = generate(options);
        Path root = options.out().toAbsolutePath();
        Path key = root.resolve("pii.key");
        PiiKey.createIfMissing(key);
        ProvPulseConfig settings = configured.withPaths(root.resolve("landing").toString(), root.resolve("warehouse").toString())
                .withPiiKeyFile(key.toString());
        return new Generated(manifest, settings);
    }

    /** A generated province and the configuration that runs on it. */
    record Generated(Manifest manifest, ProvPulseConfig settings) {}

    static Manifest generate(ProvinceGenerator.Options options) {
        Progress progress = new Progress("generate");
        Manifest manifest = new ProvinceGenerator(options).generate(progress::update);
        progress.done();
        return manifest;
    }
}
