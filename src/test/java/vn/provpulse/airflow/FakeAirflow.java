package vn.provpulse.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server answering as the documented Airflow REST API does: v2 (Airflow 3, JWT from
 * POST /auth/token, errors as {"detail": …}) or v1 (Airflow 2, basic auth, problem+json errors).
 * A run moves queued → running → success (or failed) as it is polled.
 */
final class FakeAirflow implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "s3cret";
    static final String DAG_ID = "provpulse_nightly";
    static final Instant DAG_START = Instant.parse("2025-12-31T18:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.provpulse.test";

    private final String version;
    private final HttpServer server;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    final List<JsonNode> triggerBodies = new ArrayList<>();
    final AtomicInteger maxUnfinished = new AtomicInteger();
    volatile long delayMillis;
    volatile String failingRun;
    volatile int pollsToFinish = 2;

    FakeAirflow(String version) throws IOException {
        this.version = version;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class Run {
        final ObjectNode json;
        int polls;

        Run(ObjectNode json) {
            this.json = json;
        }
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (version.equals("v2") && path.equals("/auth/token") && method.equals("POST")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                if (USER.equals(body.path("username").asText()) && PASSWORD.equals(body.path("password").asText())) {
                    respond(exchange, 201, JSON.createObjectNode().put("access_token", TOKEN));
                }
                else {
                    error(exchange, 401, "Invalid credentials");
                }
                return;
            }
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Not authenticated");
                return;
            }
            String prefix = "/api/" + version + "/dags/";
            if (!path.startsWith(prefix)) {
                error(exchange, 404, "Not Found");
                return;
            }
            String[] parts = path.substring(prefix.length()).split("/");
            if (!parts[0].equals(DAG_ID)) {
                error(exchange, 404, "The DAG with dag_id: `" + parts[0] + "` was not found");
                return;
            }
            if (parts.length == 2 && method.equals("POST")) {
                trigger(exchange, JSON.readTree(exchange.getRequestBody()));
            }
            else if (parts.length == 2 && method.equals("GET")) {
                ObjectNode answer = JSON.createObjectNode();
                ArrayNode list = answer.putArray("dag_runs");
                runs.values().forEach(run -> list.add(run.json));
                answer.put("total_entries", runs.size());
                respond(exchange, 200, answer);
            }
            else if (parts.length >= 3 && runs.containsKey(parts[2])) {
                Run run = runs.get(parts[2]);
                if (parts.length == 3) {
                    advance(run);
                    respond(exchange, 200, run.json);
                }
                else {
                    respond(exchange, 200, taskInstances(run));
                }
            }
            else {
                error(exchange, 404, "The DagRun with dag_id: `" + DAG_ID + "` and run_id: `" + (parts.length > 2 ? parts[2] : "") + "` was not found");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            exchange.close();
        }
    }

    private boolean authorised(String header) {
        if (header == null) {
            return false;
        }
        if (version.equals("v2")) {
            return header.equals("Bearer " + TOKEN);
        }
        return header.equals("Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private void trigger(HttpExchange exchange, JsonNode body) throws IOException {
        triggerBodies.add(body);
        String runId = body.path("dag_run_id").asText();
        Instant logicalDate;
        try {
            logicalDate = Instant.parse(body.path("logical_date").asText());
        }
        catch (RuntimeException e) {
            error(exchange, version.equals("v2") ? 422 : 400, "logical_date: Input should be a valid datetime");
            return;
        }
        if (logicalDate.isBefore(DAG_START)) {
            error(exchange, version.equals("v2") ? 422 : 400, "logical_date " + logicalDate + " is before the DAG's start_date " + DAG_START);
            return;
        }
        if (runs.containsKey(runId)) {
            error(exchange, 409, "DAG Run already exists: DAGRun with DAG ID: '" + DAG_ID + "' and DAGRun ID: '" + runId + "'");
            return;
        }
        ObjectNode run = JSON.createObjectNode().put("dag_run_id", runId).put("dag_id", DAG_ID).put("state", "queued")
                .put("logical_date", body.path("logical_date").asText())
                .put("data_interval_start", body.path("data_interval_start").asText(body.path("logical_date").asText()))
                .put("data_interval_end", body.path("data_interval_end").asText(null))
                .put("run_type", "manual");
        runs.put(runId, new Run(run));
        maxUnfinished.accumulateAndGet((int) runs.values().stream().filter(r -> !r.json.path("state").asText().matches("success|failed")).count(), Math::max);
        respond(exchange, 200, run);
    }

    private void advance(Run run) {
        run.polls++;
        String state = run.polls < pollsToFinish ? "running" : run.json.path("dag_run_id").asText().equals(failingRun) ? "failed" : "success";
        if (pollsToFinish == Integer.MAX_VALUE) {
            state = "running";
        }
        run.json.put("state", state);
    }

    private ObjectNode taskInstances(Run run) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode tasks = answer.putArray("task_instances");
        String state = run.json.path("state").asText();
        for (String task : List.of("ingest_units", "ingest_tasks", "ingest_feedback", "ingest_ratings", "refine", "gold", "publish", "data_quality_gate")) {
            tasks.addObject().put("task_id", task).put("dag_run_id", run.json.path("dag_run_id").asText())
                    .put("state", state.equals("success") ? "success" : state.equals("queued") ? null : "running").put("try_number", 1);
        }
        answer.put("total_entries", tasks.size());
        return answer;
    }

    private void error(HttpExchange exchange, int status, String detail) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (version.equals("v1")) {
            body.put("type", "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html#section/Errors")
                    .put("title", status == 401 ? "Unauthorized" : status == 404 ? "Not Found" : status == 409 ? "Conflict" : "Bad Request")
                    .put("status", status).put("detail", detail);
        }
        else {
            body.put("detail", detail);
        }
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
