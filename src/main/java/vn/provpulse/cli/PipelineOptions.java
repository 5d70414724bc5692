package vn.provpulse.cli;

import picocli.CommandLine.Option;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.storage.WarehouseLock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/** Options every pipeline command shares; command-line paths override the configuration file. */
final class PipelineOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = ConfigLoader.DEFAULT_PATH)
    Path config;

    @Option(names = "--landing", paramLabel = "DIR", description = "Landing zone root (default: paths.landing of the configuration).")
    String landing;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse root (default: paths.warehouse of the configuration).")
    String warehouse;

    @Option(names = "--allow-future-date", description = "Accept a data date after today (tests only: a future run would book on-time files as late).")
    boolean allowFutureDate;

    ProvPulseConfig load() {
        return ConfigLoader.load(config).withPaths(landing, warehouse);
    }

    /** The configured warehouse, staging in the folder of the named run. */
    static WarehouseLayout warehouse(ProvPulseConfig config, String runId) {
        return new WarehouseLayout(Path.of(config.paths().warehouse())).forRun(runId);
    }

    /** Refuses a data date after today in the configured time zone, unless --allow-future-date. */
    void requireNotFuture(String option, LocalDate date, ProvPulseConfig config) {
        LocalDate today = LocalDate.now(ZoneId.of(config.timeZone()));
        if (date.isAfter(today) && !allowFutureDate) {
            throw new UsageException("Cannot run for " + option + " " + date + ": it is after today (" + today + " in " + config.timeZone()
                    + "); data of a day not yet over would book later on-time files as late (pass --allow-future-date only in tests)");
        }
    }

    /** Takes the warehouse lock for the run, waiting up to paths.lock_wait_seconds. */
    static WarehouseLock lock(WarehouseLayout warehouse, ProvPulseConfig config) {
        return WarehouseLock.acquire(warehouse, Duration.ofSeconds(config.paths().lockWaitSeconds()));
    }
}
