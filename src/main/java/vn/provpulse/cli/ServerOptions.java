package vn.provpulse.cli;

import picocli.CommandLine.Option;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.trino.TrinoServer;

import java.nio.file.Path;

/** Options of the commands that talk to the bundled Trino server of a warehouse. */
final class ServerOptions {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_PATH, description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse the server serves (default: paths.warehouse of the configuration).")
    String warehouse;

    ProvPulseConfig load() {
        return ConfigLoader.load(config).withPaths(null, warehouse);
    }

    static TrinoServer server(ProvPulseConfig settings) {
        return new TrinoServer(settings.trino(), new WarehouseLayout(Path.of(settings.paths().warehouse())));
    }
}
