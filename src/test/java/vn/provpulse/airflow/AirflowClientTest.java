package vn.provpulse.airflow;

import org.junit.jupiter.api.Test;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.testing.FreePorts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the real Airflow cannot be made to do on demand (AirflowClientIT covers the rest against Airflow 3.3.2):
 * an API server that accepts the connection and never answers, no server at all, no password.
 */
class AirflowClientTest {
    private static final LocalDate NIGHT = LocalDate.of(2026, 3, 31);

    private static AirflowClient client(String url, Map<String, String> environment) {
        return new AirflowClient(new ProvPulseConfig.Airflow(url, "operator", "AIRFLOW_TEST_PASSWORD", "provpulse_nightly", 1), environment);
    }

    @Test
    void aServerThatNeverAnswersIsReportedAfterTheRequestTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accepter = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(5000);
                }
                catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            accepter.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            assertThatThrownBy(() -> client(url, Map.of("AIRFLOW_TEST_PASSWORD", "secret")).trigger(NIGHT))
                    .isInstanceOf(AirflowException.class)
                    .hasMessage("Cannot trigger the run for 2026-03-31: Airflow at " + url + " did not answer within 1 s");
            accepter.interrupt();
        }
    }

    @Test
    void noServerListeningSaysSo() {
        String url = "http://127.0.0.1:" + FreePorts.next();
        assertThatThrownBy(() -> client(url, Map.of("AIRFLOW_TEST_PASSWORD", "secret")).get("provpulse__2026-03-31"))
                .hasMessage("Cannot read run provpulse__2026-03-31: nothing answers at " + url + " (is the Airflow API server up?)");
    }

    @Test
    void aMissingPasswordIsReportedBeforeAnyRequest() {
        assertThatThrownBy(() -> client("http://127.0.0.1:9", Map.of()).recent(5))
                .hasMessage("Cannot list recent runs: no password for Airflow user operator (set the environment variable AIRFLOW_TEST_PASSWORD)");
    }

    @Test
    void theNightOfDIsTheRunDueAt0130LocalTheNextDay() {
        assertThat(AirflowClient.logicalDateOf(NIGHT)).hasToString("2026-03-31T18:30:00Z");
        assertThat(AirflowClient.runIdFor(NIGHT)).isEqualTo("provpulse__2026-03-31");
    }
}
