package vn.provpulse.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.testing.FreePorts;
import vn.provpulse.trino.TrinoServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly DAG on the real Airflow 3.3.2: parsed by Airflow, its timetable asked for the nights it
 * schedules, and one night run for real (`airflow dags test` through jobs/airflow/run-local.sh, every task
 * a real spark-submit of the pinned pyspark) whose gold equals `provpulse nightly` on the same landing.
 */
class AirflowDagIT {
    private static final LocalDate NIGHT = LocalDate.of(2026, 1, 31);
    private static final String PII_KEY = "airflow-dag-test-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path directory;
    private static LocalAirflow airflow;
    private static JsonNode shape;

    @BeforeAll
    static void parseTheDag() throws IOException {
        airflow = new LocalAirflow(Files.createDirectories(directory.resolve("airflow-home")), Map.of());
        LocalAirflow.Result result = airflow.command(List.of(airflow.python().toString(), "src/test/resources/check_dag.py",
                LocalAirflow.DAGS.toString(), "2026-01-29", "5"), Duration.ofMinutes(3));
        assertThat(result.exitCode()).as(result.output()).isZero();
        String[] lines = result.output().strip().split("\n");
        shape = JSON.readTree(lines[lines.length - 1]);
    }

    @AfterAll
    static void stop() {
        airflow.close();
    }

    @Test
    void airflowImportsTheDagWithoutErrors() {
        assertThat(shape.path("import_errors").size()).as(shape.path("import_errors").toString()).isZero();
    }

    @Test
    void dagRunsNightlyAt0130LocalOneAtATimeWithCatchUpAndRetries() {
        JsonNode dag = shape.path("dag");
        assertThat(dag.path("schedule").asText()).isEqualTo("30 1 * * *");
        assertThat(dag.path("timezone").asText()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(dag.path("timetable").asText()).isEqualTo("CronTriggerTimetable");
        assertThat(dag.path("catchup").asBoolean()).isTrue();
        assertThat(dag.path("max_active_runs").asInt()).isEqualTo(1);
        shape.path("tasks").forEach(task -> assertThat(task.path("retries").asInt()).isEqualTo(2));
    }

    @Test
    void sourcesAreIngestedInParallelThenRefineGoldPublishAndTheGate() {
        Map<String, String> upstreams = new TreeMap<>();
        shape.path("tasks").properties().forEach(task -> upstreams.put(task.getKey(), task.getValue().path("upstream").toString()));
        assertThat(upstreams).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ingest_units", "[]", "ingest_tasks", "[]", "ingest_feedback", "[]", "ingest_ratings", "[]",
                "refine", "[\"ingest_feedback\",\"ingest_ratings\",\"ingest_tasks\",\"ingest_units\"]",
                "gold", "[\"refine\"]", "publish", "[\"gold\"]", "data_quality_gate", "[\"publish\"]"));
        JsonNode ingest = shape.path("tasks").path("ingest_units");
        assertThat(ingest.path("conn_id").asText()).contains("provpulse_spark_conn").contains("spark_default");
        assertThat(ingest.path("properties_file").asText()).contains("provpulse_spark_properties");
    }

    @Test
    void eachScheduledRunProcessesTheLocalDayBeforeItFiresAcrossAMonthBoundary() {
        List<String> runs = new ArrayList<>();
        shape.path("scheduled").forEach(run -> runs.add(run.path("run_after").asText() + " -> " + run.path("data_date").asText()));
        assertThat(runs).containsExactly(
                "2026-01-29T01:30:00+07:00 -> 2026-01-28",
                "2026-01-30T01:30:00+07:00 -> 2026-01-29",
                "2026-01-31T01:30:00+07:00 -> 2026-01-30",
                "2026-02-01T01:30:00+07:00 -> 2026-01-31",
                "2026-02-02T01:30:00+07:00 -> 2026-02-01");
    }

    @Test
    void aManualRunProcessesItsConfDateOrElseYesterdayLocal() {
        assertThat(shape.path("manual_with_conf").asText()).isEqualTo("2026-03-31");
        JsonNode withoutDate = shape.path("manual_without_date");
        assertThat(withoutDate.path("data_date").asText())
                .isEqualTo(LocalDate.parse(withoutDate.path("today").asText()).minusDays(1).toString());
    }

    @Test
    void localSparkPropertiesCarryTheJvmFlagsOfThePom() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String flags = pom.substring(pom.indexOf("<spark.jvm.flags>") + 17, pom.indexOf("</spark.jvm.flags>"));
        assertThat(Files.readAllLines(Path.of("jobs/spark/airflow-local.conf")))
                .anySatisfy(line -> assertThat(line).startsWith("spark.driver.extraJavaOptions").endsWith(" " + flags));
    }

    @Test
    void aNightRunByAirflowGivesTheSameGoldAsProvpulseNightly() throws IOException {
        Path generated = directory.resolve("generated");
        new ProvinceGenerator(new ProvinceGenerator.Options(7, NIGHT.minusDays(1), NIGHT, 0.02, 0.0, generated)).generate(progress -> { });
        Path landing = generated.resolve("landing");
        int trinoPort = FreePorts.next();
        Path underAirflow = writeConfig("airflow.yaml", landing, directory.resolve("warehouse-airflow"), trinoPort);
        Path byCommand = writeConfig("command.yaml", landing, directory.resolve("warehouse-command"), FreePorts.next());
        TrinoServer trino = new TrinoServer(ConfigLoader.load(underAirflow).trino(), new WarehouseLayout(directory.resolve("warehouse-airflow")));
        trino.start();
        try {
            LocalAirflow.Result run = runLocally(underAirflow);
            assertThat(run.exitCode()).as(tail(run.output())).isZero();
            assertThat(run.output()).contains("Published version");
        }
        finally {
            trino.stop();
        }
        LocalAirflow.Result nightly = LocalAirflow.run(List.of("./provpulse", "nightly", "--date", NIGHT.toString(), "--config", byCommand.toString()),
                withPiiKey(), Duration.ofMinutes(10), directory.resolve("nightly.log"));
        assertThat(nightly.exitCode()).as(tail(nightly.output())).isZero();
        Map<String, byte[]> airflowGold = goldFiles(directory.resolve("warehouse-airflow/gold"));
        Map<String, byte[]> commandGold = goldFiles(directory.resolve("warehouse-command/gold"));
        assertThat(airflowGold.keySet()).hasSizeGreaterThanOrEqualTo(8).isEqualTo(commandGold.keySet());
        airflowGold.forEach((file, bytes) -> assertThat(bytes).as(file).isEqualTo(commandGold.get(file)));
    }

    @Test
    void aFailingTaskFailsTheRunWithTheOneLineReasonInItsLogAndTheFailureCallbackNamesTheNight() throws IOException {
        Path missing = directory.resolve("no-such-config.yaml");
        LocalAirflow.Result run = runLocally(missing);
        assertThat(run.exitCode()).as(tail(run.output())).isNotZero();
        assertThat(run.output()).contains("provpulse: " + missing + ": configuration file not found (pass --config FILE)")
                .contains("ProvPulse provpulse_nightly.ingest_units failed for data date " + NIGHT)
                .contains("DagRun failed");
    }

    private static LocalAirflow.Result runLocally(Path config) {
        return LocalAirflow.run(List.of("jobs/airflow/run-local.sh", "--date", NIGHT.toString(), "--config", config.toString(),
                        "--home", airflow.home().toString()),
                withPiiKey(), Duration.ofMinutes(20), directory.resolve("run-local-" + System.nanoTime() + ".log"));
    }

    /** This environment plus one PII key, so that both runs give citizens the same pseudonyms. */
    private static Map<String, String> withPiiKey() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PROVPULSE_PII_KEY", PII_KEY);
        return environment;
    }

    private static Path writeConfig(String name, Path landing, Path warehouse, int trinoPort) throws IOException {
        String shipped = Files.readString(Path.of("config/provpulse.yaml"));
        String config = shipped.replaceFirst("(?m)^  landing: .*$", "  landing: " + landing)
                .replaceFirst("(?m)^  warehouse: .*$", "  warehouse: " + warehouse)
                .replaceFirst("(?m)^  port: 8080$", "  port: " + trinoPort);
        return Files.writeString(directory.resolve(name), config);
    }

    private static Map<String, byte[]> goldFiles(Path gold) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(gold)) {
            for (Path file : paths.filter(path -> path.toString().endsWith(".parquet")).toList()) {
                files.put(gold.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static String tail(String output) {
        return output.length() < 6000 ? output : output.substring(output.length() - 6000);
    }
}
