package vn.provpulse.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.provpulse.cli.ProvPulse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Airflow DAG, read statically with the machine's Python (ast + py_compile): Airflow cannot be installed here. */
class AirflowDagTest {
    private static final Path DAG = Path.of("jobs/airflow/provpulse_nightly.py");
    private static JsonNode shape;

    @BeforeAll
    static void readDag() throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/check_dag.py");
        Process python = new ProcessBuilder("python3", script.toString(), DAG.toString()).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        shape = new ObjectMapper().readTree(output);
    }

    private static List<String> taskIds() {
        List<String> ids = new ArrayList<>();
        shape.path("tasks").forEach(task -> ids.add(task.path("task_id").asText()));
        return ids;
    }

    private static List<String> edges() {
        List<String> edges = new ArrayList<>();
        shape.path("edges").forEach(edge -> edges.add(edge.get(0).asText() + " >> " + edge.get(1).asText()));
        return edges;
    }

    @Test
    void dagRunsOneNightAtATimeWithCatchUpAndRetries() {
        JsonNode dag = shape.path("dag");
        assertThat(dag.path("dag_id").asText()).isEqualTo("provpulse_nightly");
        assertThat(dag.path("max_active_runs").asInt()).isEqualTo(1);
        assertThat(dag.path("catchup").asBoolean()).isTrue();
        assertThat(dag.path("schedule").asText()).isNotBlank();
        assertThat(shape.path("default_args").path("retries").asInt()).isPositive();
        assertThat(shape.path("default_args").path("retry_delay").asText()).startsWith("timedelta(");
        assertThat(shape.path("default_args").path("on_failure_callback").asText()).isEqualTo("notify_failure");
    }

    @Test
    void stagesAreTasksIngestingSourcesInParallel() {
        assertThat(taskIds()).containsExactlyInAnyOrder("ingest_units", "ingest_tasks", "ingest_feedback", "ingest_ratings",
                "refine", "gold", "publish", "data_quality_gate");
        assertThat(edges()).containsExactlyInAnyOrder(
                "ingest_units >> refine", "ingest_tasks >> refine", "ingest_feedback >> refine", "ingest_ratings >> refine",
                "refine >> gold", "gold >> publish", "publish >> data_quality_gate");
        assertThat(shape.path("operators").toString()).contains("SparkSubmitOperator");
    }

    @Test
    void everyTaskRunsARealCommandForTheIntervalsDate() {
        Set<String> commands = new CommandLine(new ProvPulse()).getSubcommands().keySet();
        String dataDate = shape.path("constants").path("DATA_DATE").asText();
        assertThat(dataDate).contains("data_interval_start").doesNotContain("now()").doesNotContain("today");
        for (JsonNode task : shape.path("tasks")) {
            List<String> arguments = new ArrayList<>();
            task.path("command").forEach(argument -> arguments.add(argument.asText()));
            assertThat(commands).as(task.path("task_id").asText()).contains(arguments.get(0));
            if (!arguments.get(0).equals("publish")) {
                assertThat(arguments).as(task.path("task_id").asText()).containsSubsequence("--date", "DATA_DATE");
            }
        }
        assertThat(shape.path("constants").path("MAIN_CLASS").asText()).isEqualTo(ProvPulse.class.getName());
    }
}
