package vn.provpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Superset's REST API as a browser user sees it: a session cookie from the login form, and the
 * CSRF token (GET /api/v1/security/csrf_token/) sent back as X-CSRFToken with a Referer.
 */
final class SupersetApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"csrf_token\"[^>]*value=\"([^\"]+)\"", Pattern.DOTALL);

    /** A status code and the body Superset answered with. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read Superset's answer as JSON: " + body, e);
            }
        }
    }

    private final String url;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrfToken = "";

    private SupersetApi(String url) {
        this.url = requireNonNull(url, "url is null");
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Logs in through the login form, as the browser does, and fetches a CSRF token for API writes. */
    static SupersetApi login(String url, String user, String password) {
        SupersetApi api = new SupersetApi(url);
        Matcher form = FORM_CSRF.matcher(api.send(HttpRequest.newBuilder(URI.create(url + "/login/")).GET()).body());
        if (!form.find()) {
            throw new IllegalStateException("Cannot log in to Superset at " + url + ": no csrf_token in the login form");
        }
        String body = "csrf_token=" + encode(form.group(1)) + "&username=" + encode(user) + "&password=" + encode(password);
        api.send(HttpRequest.newBuilder(URI.create(url + "/login/")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Answer me = api.get("/api/v1/me/");
        if (me.status() != 200 || !me.json().path("result").path("username").asText().equals(user)) {
            throw new IllegalStateException("Cannot log in to Superset at " + url + " as " + user + ": /api/v1/me/ answered " + me.status());
        }
        api.csrfToken = api.csrfToken();
        return api;
    }

    /**
     * The CSRF token of this session: from /api/v1/security/csrf_token/ when the role may read it
     * (admin), else from the hidden csrf_token field every Superset page carries, as the browser gets it.
     */
    private String csrfToken() {
        Answer api = get("/api/v1/security/csrf_token/");
        if (api.status() == 200) {
            return api.json().path("result").asText();
        }
        Matcher page = FORM_CSRF.matcher(get("/dashboard/list/").body());
        if (!page.find()) {
            throw new IllegalStateException("Cannot get a CSRF token from Superset at " + url + ": " + api.status() + " and no csrf_token on /dashboard/list/");
        }
        return page.group(1);
    }

    String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("session"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    Answer postJson(String path, JsonNode body) {
        return send(writeRequest(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /**
     * POSTs a bundle zip as multipart form data with overwrite=true, as the README's curl does; the
     * dashboard import reads the zip from the field formData, the assets import from bundle.
     */
    Answer importZip(String path, String field, Path zip) {
        String boundary = "provpulse" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + zip.getFileName()
                    + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(zip));
            body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"overwrite\"\r\n\r\ntrue\r\n--" + boundary + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + zip, e);
        }
        return send(writeRequest(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder writeRequest(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("X-CSRFToken", csrfToken).header("Referer", url + "/");
    }

    /**
     * Sends once more when gunicorn closed a kept-alive connection just as it was reused (the
     * request never reached Superset: "header parser received no bytes").
     */
    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(120)).build();
        try {
            try {
                return answer(http.send(built, HttpResponse.BodyHandlers.ofString()));
            }
            catch (IOException e) {
                if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                    throw e;
                }
                return answer(http.send(built, HttpResponse.BodyHandlers.ofString()));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot reach Superset at " + url, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling Superset", e);
        }
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
