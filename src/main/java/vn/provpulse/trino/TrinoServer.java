package vn.provpulse.trino;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * The bundled Trino server's lifecycle: writes its configuration under the warehouse (Hive
 * connector, file metastore, native local file system, file-based access control), and starts,
 * stops and checks it with Trino's own launcher, on loopback.
 */
public final class TrinoServer {
    public static final String CATALOG = "hive";
    public static final String ADMIN = "admin";
    public static final String ANALYST = "analyst";
    private static final Logger LOG = LogManager.getLogger(TrinoServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ProvPulseConfig.Trino settings;
    private final WarehouseLayout warehouse;
    private final Path installDirectory;

    public TrinoServer(ProvPulseConfig.Trino settings, WarehouseLayout warehouse) {
        this.settings = requireNonNull(settings, "settings is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.installDirectory = installDirectory(settings);
    }

    public static Path installDirectory(ProvPulseConfig.Trino settings) {
        if (settings.installDir() != null && !settings.installDir().isBlank()) {
            return Path.of(settings.installDir()).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "provpulse", "trino-server-476");
    }

    public String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + settings.port() + "/" + CATALOG;
    }

    public Connection connect(String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** Starts the server unless it is already up, and waits until catalog queries answer. */
    public void start() {
        if (isUp()) {
            LOG.info("Trino is already up at {}", jdbcUrl());
            return;
        }
        if (answers()) {
            throw new IllegalStateException("Cannot start Trino: port " + settings.port()
                    + " already answers for another warehouse (stop that server, or set trino.port)");
        }
        if (!Files.exists(installDirectory.resolve("bin/launcher"))) {
            throw new IllegalStateException("Cannot start Trino: no server at " + installDirectory
                    + " (run mvn -B -DskipTests package once: it installs Trino " + "476 there)");
        }
        Path java = TrinoJava.find(settings.javaHome(), System.getenv(), Path.of("/usr/lib/jvm"));
        writeConfiguration();
        launcher(java, "start");
        waitUntilUp();
    }

    public void stop() {
        if (!isRunningHere()) {
            return;
        }
        launcher(TrinoJava.find(settings.javaHome(), System.getenv(), Path.of("/usr/lib/jvm")), "stop");
    }

    /** True when this warehouse's server process runs and a catalog query answers. */
    public boolean isUp() {
        return isRunningHere() && answers();
    }

    /** The launcher's pid file for this warehouse names a live process. */
    private boolean isRunningHere() {
        Path pidFile = serverDirectory().resolve("var/run/launcher.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private boolean answers() {
        try (Connection connection = connect(ADMIN); Statement statement = connection.createStatement()) {
            statement.execute("SHOW SCHEMAS FROM " + CATALOG);
            return true;
        }
        catch (SQLException e) {
            return false;
        }
    }

    private void waitUntilUp() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (isUp()) {
                LOG.info("Trino is up at {}", jdbcUrl());
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new IllegalStateException("Cannot start Trino: no answer at " + jdbcUrl() + " after " + START_TIMEOUT.toSeconds()
                + " s (see " + serverDirectory().resolve("var/log/server.log") + ")");
    }

    private Path serverDirectory() {
        return warehouse.root().resolve("_trino");
    }

    private void launcher(Path javaHome, String command) {
        List<String> arguments = new ArrayList<>(List.of(installDirectory.resolve("bin/launcher").toString(), command,
                "--etc-dir=" + serverDirectory().resolve("etc"), "--data-dir=" + serverDirectory()));
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = process.waitFor();
            LOG.info("trino launcher {}: {}", command, output);
            if (exit != 0 && !(command.equals("stop") && output.contains("Not running"))) {
                throw new IllegalStateException("Cannot " + command + " Trino: launcher exited " + exit + ": " + output);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run the Trino launcher", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running the Trino launcher", e);
        }
    }

    /** Writes etc/ for a single loopback node serving the warehouse through the Hive connector. */
    void writeConfiguration() {
        Path etc = serverDirectory().resolve("etc");
        String port = String.valueOf(settings.port());
        write(etc.resolve("node.properties"), String.join("\n",
                "node.environment=provpulse",
                "node.id=provpulse-" + port,
                "node.data-dir=" + serverDirectory(),
                "node.bind-ip=127.0.0.1",
                "node.internal-address=127.0.0.1"));
        write(etc.resolve("jvm.config"), String.join("\n",
                "-server", "-Xmx" + settings.heap(), "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Djdk.attach.allowAttachSelf=true",
                "-XX:+EnableDynamicAgentLoading", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        write(etc.resolve("config.properties"), String.join("\n",
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "query.max-memory=512MB",
                "query.max-memory-per-node=256MB"));
        write(etc.resolve("log.properties"), "io.trino=WARN");
        write(etc.resolve("catalog").resolve(CATALOG + ".properties"), String.join("\n",
                "connector.name=hive",
                "hive.metastore=file",
                "hive.metastore.catalog.dir=local:///" + Layout.METASTORE,
                "fs.native-local.enabled=true",
                "local.location=" + warehouse.root(),
                "hive.timestamp-precision=MICROSECONDS",
                "hive.parquet.time-zone=UTC",
                "hive.non-managed-table-writes-enabled=false",
                "hive.security=allow-all"));
        write(etc.resolve("access-control.properties"), String.join("\n",
                "access-control.name=file",
                "security.config-file=" + etc.resolve("rules.json")));
        write(etc.resolve("rules.json"), AccessRules.json());
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write Trino configuration " + file, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Trino", e);
        }
    }

    /** Names inside the warehouse that Trino uses. */
    public static final class Layout {
        public static final String METASTORE = "_metastore";
        public static final String PUBLISHED = "_published";
        /** Schema of the versioned tables behind the public views; invisible to analysts. */
        public static final String VERSIONS_SUFFIX = "_versions";

        private Layout() {}
    }

}
