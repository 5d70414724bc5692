package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.dashboards.SupersetBundle;
import vn.provpulse.dashboards.SupersetServer;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** provpulse dashboards bundle|serve|stop|status: the Superset bundle, and a Superset 6.1 serving it over the warehouse's Trino. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = {"bundle: zip dashboards/superset for superset import-dashboards -p FILE, or POST /api/v1/dashboard/import/.",
                "serve: start Superset 6.1 (installed by dashboards/install-superset.sh) on a free loopback port, import the bundle pointed at the running Trino, "
                        + "create the read-only leadership role, and print the URL and logins. stop / status: that server, by its PID."})
final class DashboardsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "bundle, serve, stop or status")
    String action;

    @Option(names = "--source", defaultValue = SupersetBundle.DEFAULT_FOLDER, description = "Bundle folder (default: ${DEFAULT-VALUE}).")
    Path source;

    @Option(names = "--out", defaultValue = "target/provpulse-dashboards.zip", description = "Zip to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() {
        return switch (action) {
            case "bundle" -> bundle();
            case "serve" -> serve();
            case "stop" -> {
                System.out.println(server(options.load()).stop() ? "Superset stopped" : "Superset was not running");
                yield 0;
            }
            case "status" -> {
                Optional<String> url = server(options.load()).url();
                System.out.println(url.map(address -> "Superset is up: " + address).orElse("Superset is not running"));
                yield url.isPresent() ? 0 : 3;
            }
            default -> throw new IllegalArgumentException("Cannot run dashboards " + action + ": the action must be bundle, serve, stop or status");
        };
    }

    private int bundle() {
        SupersetBundle bundle = SupersetBundle.load(source);
        bundle.zip(out);
        System.out.println("Wrote " + out.toAbsolutePath() + " (" + bundle.files().size() + " files: 1 database, "
                + bundle.of("datasets").size() + " datasets, " + bundle.of("charts").size() + " charts, " + bundle.of("dashboards").size() + " dashboards)");
        return 0;
    }

    private int serve() {
        ProvPulseConfig settings = options.load();
        if (!ServerOptions.server(settings).isUp()) {
            throw new IllegalStateException("Cannot serve the dashboards: Trino at 127.0.0.1:" + settings.trino().port()
                    + " is not running for this warehouse (start it with: provpulse trino start, after provpulse publish)");
        }
        SupersetServer server = server(settings);
        SupersetServer.Started started = server.serve();
        (started.importOutput() + started.provisionOutput()).lines().filter(line -> line.startsWith("Imported") || line.startsWith("Created user")
                || line.startsWith("Role ")).forEach(System.out::println);
        System.out.println("Superset is up: " + started.url() + "/superset/dashboard/toan-tinh/  (pid " + started.pid() + ", log " + server.logFile() + ")");
        System.out.println("  leadership: " + SupersetServer.LEADERSHIP_USER + " (role " + SupersetServer.LEADERSHIP_ROLE + ", password from "
                + SupersetServer.LEADERSHIP_PASSWORD_ENV + ", or the one printed above when the user was created)");
        System.out.println("  admin:      " + SupersetServer.ADMIN_USER + started.generatedAdminPassword().map(password -> ", password " + password + " (shown once)")
                .orElse(" (password set when Superset was first served: " + SupersetServer.ADMIN_PASSWORD_ENV + ", or the one printed then)"));
        System.out.println("  stop it with: ./provpulse dashboards stop" + (options.warehouse == null ? "" : " --warehouse " + options.warehouse));
        return 0;
    }

    private static SupersetServer server(ProvPulseConfig settings) {
        WarehouseLayout warehouse = new WarehouseLayout(Path.of(settings.paths().warehouse()).toAbsolutePath());
        return new SupersetServer(SupersetServer.Options.of(warehouse, settings.trino().port()));
    }
}
