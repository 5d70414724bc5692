package vn.provpulse.airflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.testing.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `provpulse airflow trigger|status|backfill` against a real Airflow 3.3.2: api-server, scheduler
 * (LocalExecutor) and dag-processor on a free loopback port, the simple auth manager with a user and
 * password set here. The DAG file is the real one; for speed, `spark-submit` on the scheduler's PATH is
 * a script that records its arguments and sleeps a second (AirflowDagIT runs the real one).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowClientIT {
    private static final String USER = "operator";
    private static final String PASSWORD = "night-shift-password";
    private static final Duration STARTUP = Duration.ofMinutes(4);
    @TempDir
    static Path directory;
    private static LocalAirflow airflow;
    private static String url;
    private static Path submissions;

    @BeforeAll
    static void startAirflow() throws Exception {
        Path home = Files.createDirectories(directory.resolve("airflow-home"));
        int port = FreePorts.next();
        url = "http://127.0.0.1:" + port;
        submissions = home.resolve("spark-submits.txt");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path sparkSubmit = Files.writeString(bin.resolve("spark-submit"), "#!/bin/sh\necho \"$*\" >> '" + submissions + "'\nsleep 1\n");
        Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwx------"));
        Path passwords = Files.writeString(home.resolve("passwords.json"), "{\"" + USER + "\": \"" + PASSWORD + "\"}\n");
        Map<String, String> settings = new HashMap<>(Map.of(
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", USER + ":admin",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE", passwords.toString(),
                "AIRFLOW__API__PORT", String.valueOf(port),
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL", url + "/execution/",
                "AIRFLOW__API_AUTH__JWT_SECRET", "provpulse-client-test-secret-0123456789-0123456789-0123456789-0123",
                "AIRFLOW__CORE__EXECUTOR", "LocalExecutor",
                "AIRFLOW__CORE__PARALLELISM", "4",
                "AIRFLOW_CONN_SPARK_DEFAULT", "{\"conn_type\": \"spark\", \"host\": \"local[2]\"}",
                "AIRFLOW_VAR_PROVPULSE_JAR", "/opt/provpulse/provpulse.jar",
                "PROVPULSE_TASK_RETRIES", "0"));
        settings.put("PATH", bin + ":" + LocalAirflow.install().resolve("bin") + ":" + System.getenv("PATH"));
        airflow = new LocalAirflow(home, settings);
        LocalAirflow.Result migrate = airflow.airflow(STARTUP, "db", "migrate");
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        LocalAirflow.Result parse = airflow.airflow(STARTUP, "dags", "reserialize");
        assertThat(parse.exitCode()).as(parse.output()).isZero();
        airflow.start("api-server", "api-server", "--port", String.valueOf(port), "--host", "127.0.0.1");
        airflow.start("scheduler", "scheduler", "--skip-serve-logs"); // its log server would listen on all interfaces, port 8793
        airflow.start("dag-processor", "dag-processor");
        waitForHealth();
    }

    @AfterAll
    static void stopAirflow() {
        if (airflow != null) {
            airflow.close();
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsOneLineAndExitCode1() throws IOException {
        LocalAirflow.Result result = provpulse("wrong-password", "provpulse_nightly", "airflow", "trigger", "--date", "2026-03-20");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(withoutJvmNotice(result.output())).doesNotContain("\n")
                .isEqualTo("provpulse: Cannot trigger the run for 2026-03-20: Airflow at " + url + " refused the credentials of " + USER
                        + " (401; check airflow.user and PROVPULSE_AIRFLOW_PASSWORD)");
    }

    @Test
    @Order(2)
    void anUnknownDagIsOneLine() throws IOException {
        LocalAirflow.Result result = provpulse(PASSWORD, "no_such_dag", "airflow", "trigger", "--date", "2026-03-20");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(withoutJvmNotice(result.output())).doesNotContain("\n")
                .startsWith("provpulse: Cannot trigger the run for 2026-03-20: not found at " + url)
                .contains("no_such_dag");
    }

    @Test
    @Order(3)
    void triggerWithWaitReachesSuccessAndStatusShowsEveryTask() throws IOException {
        LocalAirflow.Result unpause = airflow.airflow(STARTUP, "dags", "unpause", LocalAirflow.DAG_ID);
        assertThat(unpause.exitCode()).as(unpause.output()).isZero();
        LocalAirflow.Result trigger = provpulse(PASSWORD, "provpulse_nightly", "airflow", "trigger", "--date", "2026-03-10", "--wait", "--poll", "2", "--timeout", "600");
        assertThat(trigger.exitCode()).as(trigger.output()).isZero();
        assertThat(trigger.output()).contains("Triggered provpulse__2026-03-10 for 2026-03-10").contains("provpulse__2026-03-10: success");
        assertThat(Files.readString(submissions)).contains("ingest --date 2026-03-10 --source units", "metrics --date 2026-03-10",
                "quality-gate --date 2026-03-10");

        LocalAirflow.Result status = provpulse(PASSWORD, "provpulse_nightly", "airflow", "status", "provpulse__2026-03-10");
        assertThat(status.exitCode()).as(status.output()).isZero();
        for (String task : List.of("ingest_units", "ingest_tasks", "ingest_feedback", "ingest_ratings", "refine", "gold", "publish", "data_quality_gate")) {
            assertThat(status.output()).containsPattern("(?m)^  " + task + " +success +try 1$");
        }
    }

    @Test
    @Order(4)
    void backfillRunsThreeNightsAtMostTwoAtATime() throws IOException {
        LocalAirflow.Result backfill = provpulse(PASSWORD, "provpulse_nightly", "airflow", "backfill", "--from", "2026-03-01", "--to", "2026-03-03",
                "--parallel", "2", "--poll", "2", "--timeout", "900");
        assertThat(backfill.exitCode()).as(backfill.output()).isZero();
        assertThat(backfill.output()).contains("3 runs, 0 failed");
        List<DagRun> runs = client(PASSWORD, LocalAirflow.DAG_ID).recent(50).stream()
                .filter(run -> run.dagRunId().matches("provpulse__2026-03-0[123]")).toList();
        assertThat(runs).hasSize(3).allSatisfy(run -> assertThat(run.state()).isEqualTo("success"));
        for (DagRun run : runs) {
            Instant queued = Instant.parse(run.queuedAt());
            long unfinishedThen = runs.stream()
                    .filter(other -> !Instant.parse(other.queuedAt()).isAfter(queued) && Instant.parse(other.endDate()).isAfter(queued)).count();
            assertThat(unfinishedThen).as("runs triggered and unfinished when " + run.dagRunId() + " was queued").isLessThanOrEqualTo(2);
        }
    }

    @Test
    @Order(5)
    void aNightTheSchedulerAlreadyCreatedIsFollowed() throws Exception {
        DagRun scheduled = waitForScheduledRun();
        LocalDate night = OffsetDateTime.parse(scheduled.logicalDate()).atZoneSameInstant(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate().minusDays(1);
        LocalAirflow.Result trigger = provpulse(PASSWORD, "provpulse_nightly", "airflow", "trigger", "--date", night.toString(), "--wait", "--poll", "2", "--timeout", "600");
        assertThat(trigger.exitCode()).as(trigger.output()).isZero();
        assertThat(trigger.output()).contains(night + " already has run " + scheduled.dagRunId() + " (scheduled, ")
                .contains(scheduled.dagRunId() + ": success");
        assertThat(Files.readString(submissions)).contains("ingest --date " + night + " --source units");
    }

    /** The output without the JVM's own notice about the incubator module that Spark's flags add. */
    private static String withoutJvmNotice(String output) {
        return output.replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "").strip();
    }

    private static DagRun waitForScheduledRun() throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            Optional<DagRun> scheduled = client(PASSWORD, LocalAirflow.DAG_ID).recent(50).stream().filter(run -> run.runType().equals("scheduled")).findFirst();
            if (scheduled.isPresent()) {
                return scheduled.get();
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("The scheduler created no run within " + STARTUP.toSeconds() + " s");
    }

    private static AirflowClient client(String password, String dagId) {
        return new AirflowClient(new ProvPulseConfig.Airflow(url, USER, "PROVPULSE_AIRFLOW_PASSWORD", dagId, 30),
                Map.of("PROVPULSE_AIRFLOW_PASSWORD", password));
    }

    /** ./provpulse ARGS with a configuration whose airflow section points at this Airflow. */
    private static LocalAirflow.Result provpulse(String password, String dagId, String... arguments) throws IOException {
        String config = Files.readString(Path.of("config/provpulse.yaml"))
                .replaceFirst("(?m)^  url: http://127.0.0.1:8080$", "  url: " + url)
                .replaceFirst("(?m)^  user: admin$", "  user: " + USER)
                .replaceFirst("(?m)^  dag_id: provpulse_nightly$", "  dag_id: " + dagId);
        Path file = Files.writeString(directory.resolve("provpulse-" + dagId + ".yaml"), config);
        List<String> command = new ArrayList<>(List.of("./provpulse"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--config", file.toString()));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PROVPULSE_AIRFLOW_PASSWORD", password);
        environment.put("PROVPULSE_JAVA_OPTS", "-Xmx256m");
        return LocalAirflow.run(command, environment, Duration.ofMinutes(20), directory.resolve("provpulse-" + System.nanoTime() + ".log"));
    }

    private static void waitForHealth() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/monitor/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"scheduler\":{\"status\":\"healthy\"")) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("Airflow's api-server did not become healthy at " + url + " within " + STARTUP.toSeconds() + " s");
    }
}
