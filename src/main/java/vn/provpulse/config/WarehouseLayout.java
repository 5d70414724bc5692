package vn.provpulse.config;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Where each zone lives under the warehouse root. bronze, quarantine and restricted are never
 * published; silver and gold are; state holds the ingest ledger. Each run stages its writes in a
 * folder of its own, named for the run.
 */
public record WarehouseLayout(Path root, String run) {
    /** The staging folder name of a layout not tied to a named run (tests, tools). */
    public static final String UNNAMED_RUN = "unnamed";

    public WarehouseLayout {
        requireNonNull(root, "root is null");
        requireNonNull(run, "run is null");
        if (!run.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Cannot stage run " + run + ": a run name is letters, digits, '.', '_' and '-'");
        }
        root = root.toAbsolutePath().normalize();
    }

    public WarehouseLayout(Path root) {
        this(root, UNNAMED_RUN);
    }

    /** The same warehouse, staging in the folder of the named run. */
    public WarehouseLayout forRun(String runName) {
        return new WarehouseLayout(root, runName);
    }

    public Path bronze(String source) {
        return root.resolve("bronze").resolve(source);
    }

    public Path quarantine(String source) {
        return root.resolve("quarantine").resolve(source);
    }

    public Path restricted(String table) {
        return root.resolve("restricted").resolve(table);
    }

    public Path silver(String table) {
        return root.resolve("silver").resolve(table);
    }

    public Path gold(String table) {
        return root.resolve("gold").resolve(table);
    }

    /** Each source has its own ingest ledger, so sources can be ingested in parallel. */
    public Path ledgerFile(String source) {
        return root.resolve("state").resolve("ledger").resolve(source + ".json");
    }

    /** Exports the pipeline pulls itself (ratings over JDBC), laid out like the landing zone. */
    public Path pulled() {
        return root.resolve("pulled");
    }

    public Path ratingsPullWindows() {
        return root.resolve("state").resolve("ratings_pull_windows.json");
    }

    /** The quarantine found by refine (unknown units, duplicates), one slice per month of data date. */
    public Path refineQuarantine() {
        return root.resolve("state").resolve("refine_quarantine");
    }

    /** What the last refine left in silver (its date, and the months it changed). */
    public Path silverState() {
        return root.resolve("state").resolve("silver.json");
    }

    /** The date gold was last computed as of, and the settings it was computed with. */
    public Path goldState() {
        return root.resolve("state").resolve("gold.json");
    }

    /** This run's staging folder. */
    public Path staging() {
        return stagingRoot().resolve(run);
    }

    /** Every run's staging folder lives here; what a dead run left is removed by the next run that takes the lock. */
    public Path stagingRoot() {
        return root.resolve("_staging");
    }

    /** Held (an operating-system file lock) by the one run writing the warehouse; it names that run. */
    public Path lockFile() {
        return root.resolve("state").resolve("warehouse.lock");
    }
}
