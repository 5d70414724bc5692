package vn.provpulse.trino;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.storage.LocalFiles;

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
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.nio.file.attribute.PosixFilePermissions;

import static java.util.Objects.requireNonNull;

/**
 * The bundled Trino server's lifecycle: writes its configuration under the warehouse (Hive
 * connector over the published folder only, file metastore, file-based access control), and
 * starts, stops and checks it with Trino's own launcher, on loopback. Security "none" is the
 * passwordless demo; "password" serves HTTPS only, with a password file and owner-only secrets.
 */
public final class TrinoServer {
    public static final String CATALOG = "hive";
    public static final String ADMIN = "admin";
    public static final String ANALYST = "analyst";
    private static final Logger LOG = LogManager.getLogger(TrinoServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Settings of config.properties that a province's own settings file may not change. */
    private static final List<String> PROTECTED_SETTINGS = List.of("coordinator", "http-server.http.", "http-server.https.", "http-server.authentication.",
            "internal-communication.", "discovery.uri", "node-scheduler.include-coordinator", "access-control.", "web-ui.authentication.");

    private final ProvPulseConfig.Trino settings;
    private final WarehouseLayout warehouse;
    private final Path installDirectory;
    private final TrinoSecrets secrets;

    public TrinoServer(ProvPulseConfig.Trino settings, WarehouseLayout warehouse) {
        this.settings = requireNonNull(settings, "settings is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.installDirectory = installDirectory(settings);
        this.secrets = new TrinoSecrets(settings.secretsDir() == null || settings.secretsDir().isBlank()
                ? serverDirectory().resolve("secrets") : Path.of(settings.secretsDir()));
    }

    public TrinoSecrets secrets() {
        return secrets;
    }

    public ProvPulseConfig.Trino settings() {
        return settings;
    }

    /** One line for status output: which security mode this server runs in. */
    public String mode() {
        return settings.passwordMode()
                ? "security: password (HTTPS only, password file, users must log in; clients trust " + secrets.certificate() + ")"
                : "security: none (loopback demo: no password, anyone reaching 127.0.0.1:" + settings.port() + " is whoever they claim)";
    }

    /** The folder Trino's file system is rooted at: the published versions and the metastore, nothing else of the warehouse. */
    public Path publishedRoot() {
        return warehouse.root().resolve(Layout.PUBLISHED);
    }

    public static Path installDirectory(ProvPulseConfig.Trino settings) {
        if (settings.installDir() != null && !settings.installDir().isBlank()) {
            return Path.of(settings.installDir()).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "provpulse", "trino-server-476");
    }

    public String jdbcUrl() {
        String url = "jdbc:trino://127.0.0.1:" + settings.port() + "/" + CATALOG;
        return settings.passwordMode() ? url + "?SSL=true&SSLTrustStorePath=" + secrets.certificate() : url;
    }

    /** A connection without a password: the demo's way, refused by a server in password mode. */
    public Connection connect(String user) throws SQLException {
        return connect(user, null);
    }

    public Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** The pipeline's connection: its service user, with the password from the configured environment variable in password mode. */
    public Connection connectAsService() throws SQLException {
        return connect(settings.serviceUser(), settings.passwordMode() ? servicePassword() : null);
    }

    private String servicePassword() {
        String password = System.getenv(settings.servicePasswordEnv());
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("Cannot connect to Trino as " + settings.serviceUser() + ": " + settings.servicePasswordEnv()
                    + " is not set (export the service user's password; create it with: provpulse trino passwd " + settings.serviceUser() + ")");
        }
        return password;
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
        if (settings.passwordMode()) {
            requireSecrets();
        }
        // an earlier server of this warehouse may have finished recording the class cache as it stopped
        TrinoClassCache.settleRecordingOf(jvmConfig());
        writeConfiguration(TrinoClassCache.jvmOptions(installDirectory, java, serverDirectory()));
        writeAccessRules(PublishedScope.read(scopeFile()));
        launcher(java, "start");
        waitUntilUp();
    }

    /** Stops the server and waits for its JVM to exit (a first server writes the class cache as it stops). */
    public void stop() {
        if (!isRunningHere()) {
            return;
        }
        if (launcherProcess().isPresent()) {
            launcher(TrinoJava.find(settings.javaHome(), System.getenv(), Path.of("/usr/lib/jvm")), "stop");
        }
        serverProcess().ifPresent(TrinoServer::terminate);
        TrinoClassCache.settleRecordingOf(jvmConfig());
    }

    /** True when this warehouse's server process runs and a catalog query answers. */
    public boolean isUp() {
        return isRunningHere() && answers();
    }

    /** A server process of this warehouse is alive. */
    private boolean isRunningHere() {
        return serverProcess().isPresent();
    }

    /**
     * The live server process of this warehouse: the one the launcher's pid file names, else (the
     * launcher recorded the pid of a process that then forked) the JVM started with this data folder.
     */
    Optional<ProcessHandle> serverProcess() {
        return launcherProcess().or(() -> {
            String dataDirectory = "-Dnode.data-dir=" + serverDirectory();
            return ProcessHandle.allProcesses()
                    .filter(process -> process.info().arguments().map(arguments -> List.of(arguments).contains(dataDirectory)).orElse(false))
                    .findFirst();
        });
    }

    private Optional<ProcessHandle> launcherProcess() {
        Path pidFile = serverDirectory().resolve("var/run/launcher.pid");
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).filter(ProcessHandle::isAlive);
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops a server process the launcher cannot stop: SIGTERM, then SIGKILL after 30 s. */
    private static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private boolean answers() {
        try (Connection connection = connectAsService(); Statement statement = connection.createStatement()) {
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

    private Path jvmConfig() {
        return serverDirectory().resolve("etc/jvm.config");
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

    private void requireSecrets() {
        if (!Files.exists(secrets.keystore())) {
            throw new IllegalStateException("Cannot start Trino in password mode: no keystore at " + secrets.keystore()
                    + " (make one with: provpulse trino cert, or put the province's PKCS12 keystore there and its password in "
                    + TrinoSecrets.KEYSTORE_PASSWORD + ")");
        }
        if (!secrets.hasUser(settings.serviceUser())) {
            throw new IllegalStateException("Cannot start Trino in password mode: the password file " + secrets.passwordFile()
                    + " has no entry for the service user " + settings.serviceUser() + " (run: provpulse trino passwd " + settings.serviceUser() + ")");
        }
    }

    /** Writes etc/ for a single loopback node serving the published folder through the Hive connector. */
    void writeConfiguration(List<String> extraJvmOptions) {
        Path etc = serverDirectory().resolve("etc");
        forgetLegacyMetastore();
        LocalFiles.createDirectories(publishedRoot());
        String port = String.valueOf(settings.port());
        write(etc.resolve("node.properties"), String.join("\n",
                "node.environment=provpulse",
                "node.id=provpulse-" + port,
                "node.data-dir=" + serverDirectory(),
                "node.bind-ip=127.0.0.1",
                "node.internal-address=127.0.0.1"));
        List<String> jvm = new ArrayList<>(List.of("-server", "-Xmx" + settings.heap(), "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow"));
        jvm.addAll(extraJvmOptions);
        write(jvmConfig(), String.join("\n", jvm));
        List<String> server = new ArrayList<>(List.of(
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "query.max-memory=512MB",
                "query.max-memory-per-node=256MB"));
        server.addAll(settings.passwordMode() ? httpsSettings(port) : List.of("http-server.http.port=" + port, "discovery.uri=http://127.0.0.1:" + port));
        server.addAll(provinceSettings());
        write(etc.resolve("config.properties"), String.join("\n", server));
        write(etc.resolve("log.properties"), "io.trino=WARN");
        write(etc.resolve("catalog").resolve(CATALOG + ".properties"), String.join("\n",
                "connector.name=hive",
                "hive.metastore=file",
                "hive.metastore.catalog.dir=local:///" + Layout.METASTORE,
                "fs.native-local.enabled=true",
                "local.location=" + publishedRoot(),
                "hive.timestamp-precision=MICROSECONDS",
                "hive.parquet.time-zone=UTC",
                "hive.non-managed-table-writes-enabled=false",
                "hive.security=allow-all"));
        write(etc.resolve("access-control.properties"), String.join("\n",
                "access-control.name=file",
                "security.config-file=" + etc.resolve("rules.json"),
                "security.refresh-period=1s"));
        if (settings.passwordMode()) {
            write(etc.resolve("password-authenticator.properties"), String.join("\n",
                    "password-authenticator.name=file",
                    "file.password-file=" + secrets.passwordFile(),
                    "file.refresh-period=1s"));
        }
        else {
            LocalFiles.delete(etc.resolve("password-authenticator.properties"));
        }
        ownerOnly(etc);
        ownerOnly(serverDirectory(), false);
    }

    /** HTTPS only: the keystore, password logins, and the internal shared secret; plain HTTP is off. */
    private List<String> httpsSettings(String port) {
        return List.of(
                "http-server.http.enabled=false",
                "http-server.https.enabled=true",
                "http-server.https.port=" + port,
                "http-server.https.keystore.path=" + secrets.keystore(),
                "http-server.https.keystore.key=" + secrets.keystorePassword(),
                "http-server.authentication.type=PASSWORD",
                "internal-communication.shared-secret=" + secrets.sharedSecret(),
                "internal-communication.https.required=true",
                "internal-communication.https.keystore.path=" + secrets.keystore(),
                "internal-communication.https.keystore.key=" + secrets.keystorePassword(),
                "internal-communication.https.truststore.path=" + secrets.certificate(),
                "discovery.uri=https://127.0.0.1:" + port);
    }

    /** The province's own config.properties lines, from its settings file, which trino start reads and never rewrites. */
    private List<String> provinceSettings() {
        Path file = settings.serverSettingsFile() == null || settings.serverSettingsFile().isBlank()
                ? serverDirectory().resolve("province.properties") : Path.of(settings.serverSettingsFile());
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String setting = line.strip();
                if (setting.isEmpty() || setting.startsWith("#")) {
                    continue;
                }
                String key = setting.split("=", 2)[0].strip();
                if (PROTECTED_SETTINGS.stream().anyMatch(key::startsWith)) {
                    throw new IllegalStateException("Cannot start Trino: " + file + " sets " + key
                            + ", which trino.security decides (remove the line; see docs/trino.md)");
                }
                lines.add(setting);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the province's Trino settings " + file, e);
        }
        lines.add(0, "# from " + file);
        return lines;
    }

    /** A warehouse published before the file system was rooted at _published: its metastore is dropped, and the next publish registers everything again. */
    private void forgetLegacyMetastore() {
        Path legacy = warehouse.root().resolve(Layout.METASTORE);
        if (Files.isDirectory(legacy)) {
            LOG.warn("Trino: the metastore moves into {}; the next publish registers every table again", publishedRoot());
            vn.provpulse.storage.LocalFiles.deleteRecursively(legacy);
            LocalFiles.delete(publishedRoot().resolve("current"));
        }
    }

    /** Regenerates the access rules from the configured users and what was published; Trino re-reads them within a second. */
    public void writeAccessRules(PublishedScope scope) {
        scope.write(scopeFile());
        AccessRules rules = new AccessRules(settings.serviceUser(), settings.provinceReaders(), UnitUsers.read(settings.unitUsersFile()), scope);
        Path file = serverDirectory().resolve("etc").resolve("rules.json");
        write(file.resolveSibling("rules.json.tmp"), rules.json());
        try {
            Files.move(file.resolveSibling("rules.json.tmp"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Trino access rules " + file, e);
        }
    }

    private Path scopeFile() {
        return serverDirectory().resolve("published-scope.json");
    }

    private static void ownerOnly(Path folder) {
        ownerOnly(folder, true);
    }

    private static void ownerOnly(Path folder, boolean withContent) {
        try (Stream<Path> files = withContent ? Files.walk(folder) : Stream.of(folder)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------"));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + folder + " owner-only", e);
        }
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
