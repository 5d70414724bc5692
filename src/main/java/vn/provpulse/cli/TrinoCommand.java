package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.trino.TrinoServer;

import java.util.concurrent.Callable;

/** provpulse trino start|stop|status: the bundled Trino server over the configured warehouse. */
@Command(name = "trino", mixinStandardHelpOptions = true,
        description = "Start, stop or check the bundled Trino 476 server (Hive connector over the warehouse, on 127.0.0.1). Needs a JDK 24+: trino.java_home, TRINO_JAVA_HOME, or one under /usr/lib/jvm.")
final class TrinoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop or status")
    String action;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() {
        ProvPulseConfig settings = options.load();
        TrinoServer server = server(settings);
        switch (action) {
            case "start" -> {
                server.start();
                System.out.println("Trino is up: " + server.jdbcUrl() + " (users: analyst reads gold and silver; admin publishes)");
            }
            case "stop" -> {
                server.stop();
                System.out.println("Trino stopped");
            }
            case "status" -> {
                boolean up = server.isUp();
                System.out.println(up ? "Trino is up: " + server.jdbcUrl() : "Trino is not running (port " + settings.trino().port() + ")");
                return up ? 0 : 3;
            }
            default -> throw new IllegalArgumentException("Cannot run trino " + action + ": the action must be start, stop or status");
        }
        return 0;
    }

    static TrinoServer server(ProvPulseConfig settings) {
        return ServerOptions.server(settings);
    }
}
