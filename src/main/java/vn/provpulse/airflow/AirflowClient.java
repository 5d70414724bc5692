package vn.provpulse.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.provpulse.config.ProvPulseConfig;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A small typed client of the Airflow 3 REST API (/api/v2, a JWT from POST /auth/token; tested on
 * Airflow 3.3.2): triggers the nightly DAG for a data date, watches runs and tasks.
 */
public final class AirflowClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The DAG's schedule: the night of D is the run due at 01:30 on D+1, Asia/Ho_Chi_Minh. */
    private static final LocalTime SCHEDULE_TIME = LocalTime.of(1, 30);
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Times a request that Airflow answered with a server error (5xx) is sent again. */
    private static final int SERVER_ERROR_RETRIES = 3;

    private final ProvPulseConfig.Airflow settings;
    private final String password;
    private final HttpClient http;
    private final Duration requestTimeout;
    private String token;

    public AirflowClient(ProvPulseConfig.Airflow settings, Map<String, String> environment) {
        this.settings = requireNonNull(settings, "settings is null");
        this.password = settings.passwordEnv() == null ? null : environment.get(settings.passwordEnv());
        this.requestTimeout = Duration.ofSeconds(settings.requestTimeoutSeconds());
        // HTTP/1.1: on plain http the default HTTP/2 upgrade makes uvicorn (Airflow 3's API server) drop the request body
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout).build();
    }

    /** The run id ProvPulse gives the night of D when it triggers it. */
    public static String runIdFor(LocalDate date) {
        return "provpulse__" + date;
    }

    /** The logical date of the night of D: the moment its scheduled run is due (D+1 01:30 local), as the scheduler sets it. */
    public static Instant logicalDateOf(LocalDate date) {
        return date.plusDays(1).atTime(SCHEDULE_TIME).atZone(ZONE).toInstant();
    }

    /**
     * Triggers the night of D (conf {"date": D}, logical date D+1 01:30 local). When that night already has
     * a run (made by the scheduler, or triggered before), Airflow answers 409 and that run is returned instead.
     */
    public TriggeredRun trigger(LocalDate date) {
        String logicalDate = DateTimeFormatter.ISO_INSTANT.format(logicalDateOf(date));
        ObjectNode body = JSON.createObjectNode();
        body.put("dag_run_id", runIdFor(date));
        body.put("logical_date", logicalDate);
        body.putObject("conf").put("date", date.toString());
        String action = "trigger the run for " + date;
        try {
            return new TriggeredRun(dagRun(send(action, "POST", runsPath(), body)), true);
        }
        catch (AirflowException e) {
            if (e.status() != 409) {
                throw e;
            }
            String query = "?logical_date_gte=" + encode(logicalDate) + "&logical_date_lte=" + encode(logicalDate);
            JsonNode found = send(action, "GET", runsPath() + query, null).path("dag_runs");
            if (found.isEmpty()) {
                throw e;
            }
            return new TriggeredRun(dagRun(found.get(0)), false);
        }
    }

    public DagRun get(String runId) {
        return dagRun(send("read run " + runId, "GET", runsPath() + "/" + encode(runId), null));
    }

    public List<TaskState> tasks(String runId) {
        JsonNode answer = send("list the tasks of run " + runId, "GET", runsPath() + "/" + encode(runId) + "/taskInstances", null);
        List<TaskState> tasks = new ArrayList<>();
        answer.path("task_instances").forEach(task -> tasks.add(new TaskState(task.path("task_id").asText(),
                task.path("state").isNull() ? "none" : task.path("state").asText(), task.path("try_number").asInt())));
        return tasks;
    }

    public List<DagRun> recent(int limit) {
        JsonNode answer = send("list recent runs", "GET", runsPath() + "?limit=" + limit + "&order_by=-run_after", null);
        List<DagRun> runs = new ArrayList<>();
        answer.path("dag_runs").forEach(run -> runs.add(dagRun(run)));
        return runs;
    }

    /** Polls a run until it succeeds or fails; throws when the timeout passes first. */
    public DagRun waitFor(String runId, Duration timeout, Duration poll) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            DagRun run = get(runId);
            if (run.isFinished()) {
                return run;
            }
            if (Instant.now().plus(poll).isAfter(deadline)) {
                throw new AirflowException(0, "Cannot wait for run " + runId + ": still " + run.state() + " after " + timeout.toSeconds()
                        + " s (see it in Airflow, or wait longer with --timeout)");
            }
            sleep(poll);
        }
    }

    private String runsPath() {
        return "/api/v2/dags/" + encode(settings.dagId()) + "/dagRuns";
    }

    private JsonNode send(String action, String method, String path, JsonNode body) {
        HttpResponse<String> response = exchange(action, request(action, method, path, body));
        if (response.statusCode() == 401 && token != null) {
            token = null; // the token expired during a long wait: log in again once
            response = exchange(action, request(action, method, path, body));
        }
        for (int retry = 1; retry <= SERVER_ERROR_RETRIES && response.statusCode() >= 500; retry++) {
            // e.g. "Database error" while SQLite is locked: ask again (a repeated trigger answers 409 and is followed)
            sleep(Duration.ofSeconds(2L * retry));
            response = exchange(action, request(action, method, path, body));
        }
        if (response.statusCode() / 100 != 2) {
            throw failure(action, response);
        }
        return parse(action, response.body());
    }

    private HttpRequest request(String action, String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token(action));
        if (body != null) {
            return request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        }
        return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    /** A JWT from the auth manager's POST /auth/token (the simple auth manager and FAB both serve it). */
    private String token(String action) {
        if (token != null) {
            return token;
        }
        if (password == null || password.isEmpty()) {
            throw new AirflowException(0, "Cannot " + action + ": no password for Airflow user " + settings.user()
                    + " (set the environment variable " + settings.passwordEnv() + ")");
        }
        ObjectNode body = JSON.createObjectNode().put("username", settings.user()).put("password", password);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/auth/token"))
                .timeout(requestTimeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = exchange(action, request);
        if (response.statusCode() / 100 != 2) {
            throw failure(action, response);
        }
        token = parse(action, response.body()).path("access_token").asText(null);
        if (token == null) {
            throw new AirflowException(response.statusCode(), "Cannot " + action + ": Airflow at " + settings.url() + " gave no access_token");
        }
        return token;
    }

    private String baseUrl() {
        return settings.url().replaceAll("/+$", "");
    }

    private HttpResponse<String> exchange(String action, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (HttpTimeoutException e) {
            throw new AirflowException(0, "Cannot " + action + ": Airflow at " + settings.url() + " did not answer within "
                    + requestTimeout.toSeconds() + " s");
        }
        catch (ConnectException e) {
            throw new AirflowException(0, "Cannot " + action + ": nothing answers at " + settings.url() + " (is the Airflow API server up?)");
        }
        catch (IOException e) {
            throw new AirflowException(0, "Cannot " + action + ": " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AirflowException(0, "Cannot " + action + ": interrupted");
        }
    }

    private AirflowException failure(String action, HttpResponse<String> response) {
        String detail = detail(response.body());
        String message = switch (response.statusCode()) {
            case 401, 403 -> "Airflow at " + settings.url() + " refused the credentials of " + settings.user() + " (" + response.statusCode()
                    + "; check airflow.user and " + settings.passwordEnv() + ")";
            case 404 -> "not found at " + settings.url() + " (" + detail + "; check airflow.dag_id = " + settings.dagId() + " and the run id)";
            case 409 -> "the run already exists (" + detail + "); see it with: provpulse airflow status";
            case 405 -> "Airflow at " + settings.url() + " has no such endpoint (" + detail + "; is it Airflow 3? the client speaks /api/v2)";
            case 400, 422 -> "Airflow rejected the request as invalid (" + response.statusCode() + ": " + detail + ")";
            default -> "Airflow answered " + response.statusCode() + " (" + detail + ")";
        };
        return new AirflowException(response.statusCode(), "Cannot " + action + ": " + message);
    }

    private static String detail(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            String text = error.path("detail").isTextual() ? error.path("detail").asText()
                    : error.has("detail") ? error.path("detail").toString() : error.path("title").asText(body);
            return text.replace('\n', ' ');
        }
        catch (IOException e) {
            return body == null ? "" : body.replace('\n', ' ');
        }
    }

    private static JsonNode parse(String action, String body) {
        try {
            return JSON.readTree(body);
        }
        catch (IOException e) {
            throw new AirflowException(0, "Cannot " + action + ": the answer is not JSON");
        }
    }

    private static DagRun dagRun(JsonNode run) {
        return new DagRun(run.path("dag_run_id").asText(), run.path("state").asText(), run.path("run_type").asText(),
                text(run, "logical_date"), text(run, "run_after"), text(run, "queued_at"), text(run, "end_date"));
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isNull() ? null : node.path(field).asText(null);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AirflowException(0, "Interrupted while waiting for Airflow");
        }
    }
}
