package vn.provpulse.dashboards;

import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.storage.LocalFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * ProvPulse's Superset 6.1 over a warehouse: its state (SQLite metadata, a generated secret key,
 * the generated superset_config.py, the PID and port files, the log) lives in the warehouse's
 * state folder; the server is gunicorn on a free loopback port. {@link #serve} initialises the
 * metadata once, imports the dashboards bundle pointed at the running Trino, refreshes the
 * leadership role, and starts the server; {@link #stop} ends it by its PID.
 */
public final class SupersetServer {
    public static final String LEADERSHIP_ROLE = "Lãnh đạo";
    public static final String LEADERSHIP_USER = "lanhdao";
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD_ENV = "PROVPULSE_SUPERSET_ADMIN_PASSWORD";
    public static final String LEADERSHIP_PASSWORD_ENV = "PROVPULSE_SUPERSET_LEADERSHIP_PASSWORD";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    /** Where Superset is installed, which warehouse it serves, and what it imports. */
    public record Options(Path venv, Path stateFolder, Path bundleFolder, Path provisionScript, int trinoPort, Function<String, String> environmentVariables) {
        public Options {
            requireNonNull(venv, "venv is null");
            requireNonNull(stateFolder, "stateFolder is null");
            requireNonNull(bundleFolder, "bundleFolder is null");
            requireNonNull(provisionScript, "provisionScript is null");
            requireNonNull(environmentVariables, "environmentVariables is null");
        }

        /** The defaults: the venv installed by dashboards/install-superset.sh, state under the warehouse. */
        public static Options of(WarehouseLayout warehouse, int trinoPort) {
            return new Options(defaultVenv(), warehouse.root().resolve("state").resolve("superset"), Path.of(SupersetBundle.DEFAULT_FOLDER),
                    Path.of("dashboards/superset_provision.py"), trinoPort, System::getenv);
        }

        public static Path defaultVenv() {
            String configured = System.getenv("PROVPULSE_SUPERSET_HOME");
            return configured != null && !configured.isBlank() ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".cache", "provpulse", "superset-6.1.0");
        }
    }

    /**
     * What serve did: where the server answers, the password it generated for admin (first start
     * without one in the environment), what the import printed (the Superset CLI's
     * import-dashboards on the first start, an overwriting assets import later), and the role's setup.
     */
    public record Started(String url, long pid, Optional<String> generatedAdminPassword, String importOutput, String provisionOutput) {
        public Started {
            requireNonNull(url, "url is null");
            requireNonNull(generatedAdminPassword, "generatedAdminPassword is null");
            requireNonNull(importOutput, "importOutput is null");
            requireNonNull(provisionOutput, "provisionOutput is null");
        }
    }

    private final Options options;

    public SupersetServer(Options options) {
        this.options = requireNonNull(options, "options is null");
    }

    public Path stateFolder() {
        return options.stateFolder();
    }

    public Path logFile() {
        return options.stateFolder().resolve("superset.log");
    }

    /** Initialises (once), imports the bundle, refreshes the leadership role and starts the server unless it runs. */
    public Started serve() {
        requireInstalled();
        Optional<String> running = url();
        if (running.isPresent()) {
            return new Started(running.get(), readPid().orElseThrow(), Optional.empty(), "", "");
        }
        Path state = options.stateFolder().toAbsolutePath();
        writeConfiguration(state);
        Path zip = state.resolve("provpulse-dashboards.zip");
        SupersetBundle.load(options.bundleFolder()).zip(zip, options.trinoPort());
        Optional<String> adminPassword = Optional.empty();
        String imported;
        if (Files.exists(state.resolve("initialized"))) {
            imported = python(options.provisionScript().toAbsolutePath().toString(), "import", zip.toString());
        }
        else {
            adminPassword = initialize();
            imported = "Imported the dashboards bundle " + zip + " (superset import-dashboards)\n"
                    + superset("import-dashboards", "-p", zip.toString(), "-u", ADMIN_USER);
            writeString(state.resolve("initialized"), Instant.now() + "\n");
        }
        String provisioned = python(options.provisionScript().toAbsolutePath().toString(), "leadership", LEADERSHIP_ROLE, LEADERSHIP_USER, zip.toString());
        int port = freeLoopbackPort();
        long pid = startGunicorn(state, port);
        String url = "http://127.0.0.1:" + port;
        waitUntilHealthy(url, pid);
        return new Started(url, pid, adminPassword, imported, provisioned);
    }

    /** Stops the server by its PID (gunicorn's master ends its workers); true when one was running. */
    public boolean stop() {
        Optional<ProcessHandle> process = readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent()) {
            process.get().destroy();
            try {
                process.get().onExit().get(30, TimeUnit.SECONDS);
            }
            catch (ExecutionException | TimeoutException e) {
                process.get().destroyForcibly();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.get().destroyForcibly();
            }
        }
        LocalFiles.delete(pidFile());
        LocalFiles.delete(portFile());
        return process.isPresent();
    }

    /** The server's URL when its process runs and /health answers. */
    public Optional<String> url() {
        Optional<Long> pid = readPid();
        if (pid.isEmpty() || !alive(pid.get())) {
            return Optional.empty();
        }
        try {
            String url = "http://127.0.0.1:" + Files.readString(portFile()).strip();
            return healthy(url) ? Optional.of(url) : Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile()).strip()));
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void requireInstalled() {
        if (!Files.isExecutable(options.venv().resolve("bin/superset")) || !Files.isExecutable(options.venv().resolve("bin/gunicorn"))) {
            throw new IllegalStateException("Cannot start Superset: no Superset 6.1 at " + options.venv()
                    + " (install it with: dashboards/install-superset.sh)");
        }
        if (!Files.isRegularFile(options.provisionScript())) {
            throw new IllegalStateException("Cannot start Superset: " + options.provisionScript() + " is missing (run from the project folder)");
        }
    }

    private Optional<String> initialize() {
        superset("db", "upgrade");
        superset("init");
        String fromEnvironment = options.environmentVariables().apply(ADMIN_PASSWORD_ENV);
        String password = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : randomSecret(12);
        run(List.of(options.venv().resolve("bin/python").toString(), options.provisionScript().toAbsolutePath().toString(), "admin", ADMIN_USER),
                Map.of(ADMIN_PASSWORD_ENV, password));
        return fromEnvironment != null && !fromEnvironment.isBlank() ? Optional.empty() : Optional.of(password);
    }

    /** superset_config.py and the secret key it reads (created once, owner-only). */
    private static void writeConfiguration(Path state) {
        try {
            if (!Files.exists(state)) {
                Files.createDirectories(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path secret = state.resolve("secret_key");
            if (!Files.exists(secret)) {
                Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(secret, randomSecret(48) + "\n");
            }
            writeString(state.resolve("superset_config.py"), """
                    # Generated by provpulse dashboards serve; it is rewritten at each start.
                    import os

                    _STATE = os.path.dirname(os.path.abspath(__file__))
                    with open(os.path.join(_STATE, "secret_key"), encoding="utf-8") as _file:
                        SECRET_KEY = _file.read().strip()
                    SQLALCHEMY_DATABASE_URI = "sqlite:///" + os.path.join(_STATE, "superset.db") + "?check_same_thread=false"
                    CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
                    DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
                    RATELIMIT_STORAGE_URI = "memory://"
                    BABEL_DEFAULT_LOCALE = "en"
                    """);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write Superset's configuration in " + state, e);
        }
    }

    private long startGunicorn(Path state, int port) {
        List<String> command = List.of(options.venv().resolve("bin/gunicorn").toString(), "--workers", "1", "--threads", "8", "--timeout", "120",
                "--bind", "127.0.0.1:" + port, "--chdir", state.toString(), "superset.app:create_app()");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment());
            Process process = builder.start();
            writeString(pidFile(), process.pid() + "\n");
            writeString(portFile(), port + "\n");
            return process.pid();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start Superset with " + command.get(0), e);
        }
    }

    private void waitUntilHealthy(String url, long pid) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!alive(pid)) {
                throw new IllegalStateException("Cannot start Superset: gunicorn (pid " + pid + ") exited (see " + logFile() + ")");
            }
            if (healthy(url)) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        stop();
        throw new IllegalStateException("Cannot start Superset: " + url + "/health did not answer within " + START_TIMEOUT.toSeconds() + " s (see " + logFile() + ")");
    }

    private static boolean healthy(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String superset(String... arguments) {
        List<String> command = new ArrayList<>(List.of(options.venv().resolve("bin/superset").toString()));
        command.addAll(List.of(arguments));
        return run(command, Map.of());
    }

    private String python(String... arguments) {
        List<String> command = new ArrayList<>(List.of(options.venv().resolve("bin/python").toString()));
        command.addAll(List.of(arguments));
        return run(command, Map.of());
    }

    /** Runs a Superset command in the state folder (secrets passed in its environment); its output goes to the log, and is returned. */
    private String run(List<String> command, Map<String, String> secrets) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(options.stateFolder().toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment());
            builder.environment().putAll(secrets);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Files.writeString(logFile(), "$ " + String.join(" ", command.subList(0, Math.min(3, command.size()))) + "\n" + output,
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!ended || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Cannot prepare Superset: " + String.join(" ", command.subList(1, Math.min(3, command.size())))
                        + " failed (see " + logFile() + ")");
            }
            return output;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    /** The environment every Superset process of this warehouse runs with. */
    public Map<String, String> environment() {
        Path state = options.stateFolder().toAbsolutePath();
        Map<String, String> environment = new HashMap<>(Map.of("SUPERSET_CONFIG_PATH", state.resolve("superset_config.py").toString(),
                "SUPERSET_HOME", state.toString(), "FLASK_APP", "superset", "PYTHONUNBUFFERED", "1"));
        String leadershipPassword = options.environmentVariables().apply(LEADERSHIP_PASSWORD_ENV);
        if (leadershipPassword != null && !leadershipPassword.isBlank()) {
            environment.put(LEADERSHIP_PASSWORD_ENV, leadershipPassword);
        }
        return environment;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private Path pidFile() {
        return options.stateFolder().resolve("superset.pid");
    }

    private Path portFile() {
        return options.stateFolder().resolve("superset.port");
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port for Superset", e);
        }
    }

    private static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Superset", e);
        }
    }
}
