package vn.provpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.provpulse.storage.LocalFiles;
import vn.provpulse.testing.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver endpoints (plain HTTP
 * and JSON): one browser session on a fresh profile; closing it stops both processes by PID.
 */
final class ChromeDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1600,1400", "--lang=vi");
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    private final Path profile;
    private final String base;
    private String session;

    ChromeDriver() throws IOException {
        int port = FreePorts.next();
        this.profile = Files.createTempDirectory("provpulse-chromium");
        this.driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        this.base = "http://127.0.0.1:" + port;
        try {
            waitForDriver();
            ObjectNode options = JSON.createObjectNode().put("binary", "/usr/bin/chromium");
            options.putArray("args").addAll(FLAGS.stream().map(JSON.getNodeFactory()::textNode).toList()).add("--user-data-dir=" + profile);
            ObjectNode capabilities = JSON.createObjectNode();
            capabilities.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome").set("goog:chromeOptions", options);
            this.session = call("POST", "/session", capabilities).path("sessionId").asText();
        }
        catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the site once, then sets its session cookie, so later pages load logged in. */
    void logIn(String siteUrl, String sessionCookie) {
        open(siteUrl + "/health");
        ObjectNode cookie = JSON.createObjectNode();
        cookie.putObject("cookie").put("name", "session").put("value", sessionCookie).put("path", "/");
        call("POST", "/session/" + session + "/cookie", cookie);
    }

    void open(String url) {
        call("POST", "/session/" + session + "/url", JSON.createObjectNode().put("url", url));
    }

    JsonNode script(String javascript) {
        ObjectNode body = JSON.createObjectNode().put("script", javascript);
        body.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", body);
    }

    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(call("GET", "/session/" + session + "/screenshot", null).asText()));
    }

    long driverPid() {
        return driver.pid();
    }

    @Override
    public void close() {
        if (session != null) {
            try {
                call("DELETE", "/session/" + session, null);
            }
            catch (RuntimeException e) {
                // the browser is stopped below with its driver in any case
            }
        }
        driver.descendants().forEach(ProcessHandle::destroy);
        driver.destroy();
        try {
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.descendants().forEach(ProcessHandle::destroyForcibly);
                driver.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LocalFiles.deleteRecursively(profile);
    }

    private void waitForDriver() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (call("GET", "/status", null).path("ready").asBoolean()) {
                    return;
                }
            }
            catch (RuntimeException e) {
                // not listening yet
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for chromedriver", e);
            }
        }
        throw new IllegalStateException("Cannot start chromedriver: " + base + "/status did not answer within 30 s");
    }

    /** One WebDriver command; returns its "value". */
    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode value = JSON.readTree(response.body()).path("value");
            if (response.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + path + " failed: " + value.path("message").asText());
            }
            return value;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot reach chromedriver at " + base, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling chromedriver", e);
        }
    }
}
