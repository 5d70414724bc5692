package vn.provpulse.airflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pinned Airflow 3.3.2 (installed by jobs/airflow/install.sh) with its own AIRFLOW_HOME in a test's
 * folder: SQLite, no examples, loopback only. Runs its commands and keeps the servers it starts, each
 * stopped by its PID (with its child processes) in {@link #close()}.
 */
final class LocalAirflow implements AutoCloseable {
    static final Path DAGS = Path.of("jobs/airflow").toAbsolutePath();
    static final String DAG_ID = "provpulse_nightly";

    private final Path venv;
    private final Path home;
    private final Map<String, String> environment;
    private final List<Process> servers = new ArrayList<>();

    LocalAirflow(Path home, Map<String, String> settings) {
        this.venv = install();
        this.home = requireNonNull(home, "home is null");
        this.environment = new HashMap<>(System.getenv());
        environment.remove("SPARK_HOME");
        environment.put("AIRFLOW_HOME", home.toString());
        environment.put("AIRFLOW__CORE__DAGS_FOLDER", DAGS.toString());
        environment.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
        environment.put("AIRFLOW__API__HOST", "127.0.0.1");
        environment.put("PATH", venv.resolve("bin") + ":" + System.getenv("PATH"));
        environment.putAll(settings);
    }

    /** Runs jobs/airflow/install.sh (a no-op when the pinned environment is there) and returns the environment's folder. */
    static Path install() {
        Result result = run(List.of("jobs/airflow/install.sh"), Map.of(), Duration.ofMinutes(15), Path.of("target/airflow-install.log"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        String[] lines = result.output().strip().split("\n");
        return Path.of(lines[lines.length - 1].strip());
    }

    Path home() {
        return home;
    }

    Path python() {
        return venv.resolve("bin/python");
    }

    /** `airflow ARGS...`, waiting at most the timeout; output kept in HOME/NAME.log. */
    Result airflow(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of(venv.resolve("bin/airflow").toString()));
        command.addAll(List.of(arguments));
        return command(command, timeout);
    }

    Result command(List<String> command, Duration timeout) {
        return run(command, environment, timeout, home.resolve("command-" + System.nanoTime() + ".log"));
    }

    /** Starts `airflow ARGS...` in the background (a server); stopped in close(). */
    Process start(String logName, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(venv.resolve("bin/airflow").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve(logName + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        servers.add(process);
        return process;
    }

    @Override
    public void close() {
        for (Process server : servers) {
            stop(server);
        }
        servers.clear();
    }

    static Result run(List<String> command, Map<String, String> environment, Duration timeout, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (!environment.isEmpty()) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                stop(process);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(finished ? process.exitValue() : -1, finished ? output : output + "\n(timed out after " + timeout.toSeconds() + " s)");
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** Stops a process and its descendants by PID: SIGTERM, then SIGKILL after 20 s (airflow dags test ignores SIGTERM while a task runs). */
    static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            }
            catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    /** A finished command: its exit code (-1 when it timed out) and its output. */
    record Result(int exitCode, String output) {}
}
