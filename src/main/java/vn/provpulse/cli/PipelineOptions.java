package vn.provpulse.cli;

import picocli.CommandLine.Option;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.ProvPulseConfig;

import java.nio.file.Path;

/** Options every pipeline command shares; command-line paths override the configuration file. */
final class PipelineOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = ConfigLoader.DEFAULT_PATH)
    Path config;

    @Option(names = "--landing", paramLabel = "DIR", description = "Landing zone root (default: paths.landing of the configuration).")
    String landing;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse root (default: paths.warehouse of the configuration).")
    String warehouse;

    ProvPulseConfig load() {
        return ConfigLoader.load(config).withPaths(landing, warehouse);
    }
}
