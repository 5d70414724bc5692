package vn.provpulse.config;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Where each zone lives under the warehouse root. bronze, quarantine and restricted are never
 * published; silver and gold are; state holds the ingest ledger.
 */
public record WarehouseLayout(Path root) {
    public WarehouseLayout {
        requireNonNull(root, "root is null");
        root = root.toAbsolutePath().normalize();
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

    public Path staging() {
        return root.resolve("_staging");
    }
}
