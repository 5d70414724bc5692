package vn.provpulse.airflow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.provpulse.config.ProvPulseConfig;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Airflow client against a local server answering as Airflow 3 (v2) and Airflow 2 (v1) do. */
class AirflowClientTest {
    private static final LocalDate NIGHT = LocalDate.of(2026, 3, 31);
    private static final Duration POLL = Duration.ofMillis(10);

    private static AirflowClient client(FakeAirflow airflow, String version, String password, String dag, int timeoutSeconds) {
        return new AirflowClient(new ProvPulseConfig.Airflow(airflow.url(), version, FakeAirflow.USER, "AIRFLOW_TEST_PASSWORD", dag, timeoutSeconds),
                Map.of("AIRFLOW_TEST_PASSWORD", password));
    }

    private static AirflowClient client(FakeAirflow airflow, String version) {
        return client(airflow, version, FakeAirflow.PASSWORD, FakeAirflow.DAG_ID, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void triggersTheRunForTheDataDateAndFollowsItToSuccess(String version) throws IOException {
        try (FakeAirflow airflow = new FakeAirflow(version)) {
            AirflowClient client = client(airflow, version);
            DagRun run = client.trigger(NIGHT);
            assertThat(run.dagRunId()).isEqualTo("provpulse__2026-03-31");
            assertThat(run.state()).isEqualTo("queued");
            // D 01:30 in Asia/Ho_Chi_Minh is 18:30Z the day before
            assertThat(airflow.triggerBodies.get(0).path("logical_date").asText()).isEqualTo("2026-03-30T18:30:00Z");
            if (version.equals("v2")) {
                assertThat(airflow.triggerBodies.get(0).path("data_interval_end").asText()).isEqualTo("2026-03-31T18:30:00Z");
            }
            DagRun done = client.waitFor(run.dagRunId(), Duration.ofSeconds(5), POLL);
            assertThat(done.state()).isEqualTo("success");
            List<TaskState> tasks = client.tasks(run.dagRunId());
            assertThat(tasks).extracting(TaskState::taskId).contains("refine", "gold", "publish", "data_quality_gate");
            assertThat(tasks).extracting(TaskState::state).containsOnly("success");
            assertThat(client.recent(10)).extracting(DagRun::dagRunId).containsExactly("provpulse__2026-03-31");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void wrongPasswordIsOneClearLine(String version) throws IOException {
        try (FakeAirflow airflow = new FakeAirflow(version)) {
            assertThatThrownBy(() -> client(airflow, version, "wrong", FakeAirflow.DAG_ID, 5).trigger(NIGHT))
                    .isInstanceOf(AirflowException.class)
                    .hasMessageContaining("refused the credentials of admin (401")
                    .hasMessageNotContaining("\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void unknownDagIsNotFound(String version) throws IOException {
        try (FakeAirflow airflow = new FakeAirflow(version)) {
            assertThatThrownBy(() -> client(airflow, version, FakeAirflow.PASSWORD, "no_such_dag", 5).trigger(NIGHT))
                    .hasMessageContaining("not found").hasMessageContaining("airflow.dag_id = no_such_dag");
            assertThatThrownBy(() -> client(airflow, version).get("provpulse__1999-01-01")).hasMessageContaining("was not found");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void triggeringTheSameNightTwiceIsAConflict(String version) throws IOException {
        try (FakeAirflow airflow = new FakeAirflow(version)) {
            AirflowClient client = client(airflow, version);
            client.trigger(NIGHT);
            assertThatThrownBy(() -> client.trigger(NIGHT))
                    .satisfies(error -> assertThat(((AirflowException) error).status()).isEqualTo(409))
                    .hasMessageContaining("the run already exists");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void invalidRequestIsReportedWithAirflowsReason(String version) throws IOException {
        try (FakeAirflow airflow = new FakeAirflow(version)) {
            assertThatThrownBy(() -> client(airflow, version).trigger(LocalDate.of(2025, 6, 1)))
                    .satisfies(error -> assertThat(((AirflowException) error).status()).isEqualTo(version.equals("v2") ? 422 : 400))
                    .hasMessageContaining("rejected the request as invalid").hasMessageContaining("before the DAG's start_date");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void slowServerTimesOut(String version) throws IOException {
        try (FakeAirflow airflow = new FakeAirflow(version)) {
            airflow.delayMillis = 2500;
            assertThatThrownBy(() -> client(airflow, version, FakeAirflow.PASSWORD, FakeAirflow.DAG_ID, 1).recent(5))
                    .hasMessageContaining("did not answer within 1 s");
            airflow.delayMillis = 0;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void waitingGivesUpAfterItsTimeoutAndReportsFailures(String version) throws IOException {
        try (FakeAirflow airflow = new FakeAirflow(version)) {
            AirflowClient client = client(airflow, version);
            airflow.pollsToFinish = Integer.MAX_VALUE;
            DagRun run = client.trigger(NIGHT);
            assertThatThrownBy(() -> client.waitFor(run.dagRunId(), Duration.ofMillis(100), POLL)).hasMessageContaining("still running");
            airflow.pollsToFinish = 2;
            airflow.failingRun = "provpulse__2026-04-01";
            DagRun failed = client.waitFor(client.trigger(NIGHT.plusDays(1)).dagRunId(), Duration.ofSeconds(5), POLL);
            assertThat(failed.state()).isEqualTo("failed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void backfillTriggersOneRunPerDateAtMostNAtATime(String version) throws IOException {
        try (FakeAirflow airflow = new FakeAirflow(version)) {
            airflow.pollsToFinish = 3;
            Map<LocalDate, DagRun> runs = new AirflowBackfill(client(airflow, version), POLL)
                    .run(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 5), 2, Duration.ofSeconds(10), line -> { });
            assertThat(runs).hasSize(5);
            assertThat(runs.values()).extracting(DagRun::state).containsOnly("success");
            assertThat(airflow.triggerBodies).extracting(body -> body.path("dag_run_id").asText())
                    .containsExactly("provpulse__2026-03-01", "provpulse__2026-03-02", "provpulse__2026-03-03", "provpulse__2026-03-04", "provpulse__2026-03-05");
            assertThat(airflow.maxUnfinished.get()).isEqualTo(2);
        }
    }
}
