package vn.provpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.publish.Publisher;
import vn.provpulse.testing.FreePorts;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;
import vn.provpulse.trino.TrinoServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundle in a real Superset 6.1 (installed by dashboards/install-superset.sh) over the real
 * bundled Trino with a small generated province: imports by the CLI and by the REST API, chart
 * data against the same counts asked of Trino directly, native filters, the leadership role in
 * headless Chromium, and its limits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupersetDashboardsIT extends SparkTestCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    // The shortest span in which the generator plants its integrity flags (in February).
    private static final LocalDate FROM = LocalDate.of(2025, 12, 22);
    private static final LocalDate TO = LocalDate.of(2026, 2, 28);
    private static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());
    private static final String LEADERSHIP_PASSWORD = "lanhdao-" + Long.toHexString(System.nanoTime());
    private static final SupersetBundle BUNDLE = SupersetBundle.load(Path.of(SupersetBundle.DEFAULT_FOLDER));

    /**
     * What each chart shows, counted by hand on Trino: one row per listed record (capped by the
     * chart's row limit), one per month for the trend lines (pivoted by month), one per month with
     * a rate for the big numbers (Superset drops the months whose rate is empty), one per band for
     * the pie. {0} is where a filter's condition goes.
     */
    private static final Map<String, String> EXPECTED_ROWS = Map.ofEntries(
            Map.entry("tt_dung_han", "SELECT count(DISTINCT month) FROM gold.province_trend WHERE due_tasks > 0 AND {0}"),
            Map.entry("tt_tra_loi", "SELECT count(DISTINCT month) FROM gold.province_trend WHERE answer_assessed > 0 AND {0}"),
            Map.entry("tt_hai_long", "SELECT count(DISTINCT month) FROM gold.province_trend WHERE ratings > 0 AND {0}"),
            Map.entry("tt_xu_huong", "SELECT count(DISTINCT month) FROM gold.province_trend WHERE {0}"),
            Map.entry("tt_xep_loai", "SELECT count(DISTINCT band) FROM gold.unit_classification WHERE {0}"),
            Map.entry("tt_tot_nhat", "SELECT least(count(*), 10) FROM gold.unit_scorecard WHERE period = 'ytd' AND score IS NOT NULL AND {0}"),
            Map.entry("tt_kem_nhat", "SELECT least(count(*), 10) FROM gold.unit_scorecard WHERE period = 'ytd' AND score IS NOT NULL AND {0}"),
            Map.entry("dv_diem", "SELECT count(DISTINCT month) FROM gold.unit_scorecard WHERE period = 'month' AND {0}"),
            Map.entry("dv_nhiem_vu", "SELECT least(count(*), 1000) FROM gold.unit_month_tasks WHERE {0}"),
            Map.entry("dv_pakn", "SELECT least(count(*), 1000) FROM gold.unit_month_feedback WHERE {0}"),
            Map.entry("dv_danh_gia", "SELECT least(count(*), 1000) FROM gold.unit_month_ratings WHERE {0}"),
            Map.entry("dv_qua_han", "SELECT least(count(*), 1000) FROM gold.overdue_register WHERE {0}"),
            Map.entry("qh_so_qua_han", "SELECT least(count(*), 1000) FROM gold.overdue_register WHERE {0}"),
            Map.entry("qh_canh_bao", "SELECT least(count(*), 1000) FROM gold.integrity_flags WHERE {0}"),
            Map.entry("qh_chat_luong", "SELECT least(count(*), 1000) FROM gold.data_quality WHERE {0}"),
            Map.entry("qh_doi_soat", "SELECT least(count(*), 1000) FROM gold.file_reconciliation WHERE {0}"));

    @TempDir
    static Path directory;
    private static TrinoServer trino;
    private static SupersetServer superset;
    private static SupersetServer.Started started;
    private static SupersetApi admin;
    private static final Map<String, Long> SECONDS = new LinkedHashMap<>();

    @BeforeAll
    static void serve() throws IOException, InterruptedException {
        installSuperset();
        Instant start = Instant.now();
        new ProvinceGenerator(new ProvinceGenerator.Options(3, FROM, TO.plusDays(1), 0.02, 0.01, directory)).generate(progress -> { });
        ProvPulseConfig base = TestSpark.configFor(directory, "warehouse");
        ProvPulseConfig config = base.withTrino(new ProvPulseConfig.Trino(base.trino().javaHome(), FreePorts.next(), "1G", base.trino().installDir()));
        WarehouseLayout warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        new NightlyPipeline(spark, config).run(FROM, TO, "backfill", "superset-test");
        trino = new TrinoServer(config.trino(), warehouse);
        trino.start();
        new Publisher(spark, warehouse, trino).publish();
        lap("province generated, pipeline run, Trino started and published", start);
        start = Instant.now();
        Map<String, String> environment = Map.of(SupersetServer.ADMIN_PASSWORD_ENV, ADMIN_PASSWORD, SupersetServer.LEADERSHIP_PASSWORD_ENV, LEADERSHIP_PASSWORD);
        SupersetServer.Options defaults = SupersetServer.Options.of(warehouse, config.trino().port());
        superset = new SupersetServer(new SupersetServer.Options(defaults.venv(), defaults.stateFolder(), defaults.bundleFolder(),
                defaults.provisionScript(), config.trino().port(), environment::get));
        started = superset.serve();
        admin = SupersetApi.login(started.url(), SupersetServer.ADMIN_USER, ADMIN_PASSWORD);
        lap("Superset initialised, bundle imported by the CLI, leadership role, server up", start);
    }

    /** The pinned Superset, installed by the project's script (a no-op when it is there), so that `mvn verify` needs nothing else. */
    private static void installSuperset() throws IOException, InterruptedException {
        Path log = Path.of("target", "dashboards", "install-superset.log");
        Files.createDirectories(log.getParent());
        Process install = new ProcessBuilder("dashboards/install-superset.sh").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(install.waitFor()).as("dashboards/install-superset.sh (see " + log + "): " + Files.readString(log).strip()).isZero();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        long supersetPid = superset == null ? -1 : superset.readPid().orElse(-1L);
        if (superset != null) {
            superset.stop();
            if (Files.exists(superset.logFile())) {
                Files.createDirectories(Path.of("target", "dashboards"));
                Files.copy(superset.logFile(), Path.of("target", "dashboards", "superset.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (trino != null) {
            trino.stop();
        }
        assertThat(ProcessHandle.of(supersetPid).map(ProcessHandle::isAlive).orElse(false)).as("gunicorn still running").isFalse();
        System.out.println("Superset IT timings (s): " + SECONDS);
    }

    private static void lap(String what, Instant start) {
        SECONDS.put(what, java.time.Duration.between(start, Instant.now()).toSeconds());
    }

    @Test
    @Order(1)
    void firstImportByTheCliSucceedsWithoutWarningsAndMatchesTheBundle() {
        assertThat(started.importOutput()).doesNotContain("Error", "Traceback");
        // The only WARNING lines a first import prints are SQLAlchemy's notes about Superset's own
        // dataset after_insert listener (superset/connectors/sqla/models.py, models/helpers.py),
        // printed for any new dataset; none may name the bundle's content.
        List<String> warnings = started.importOutput().lines().filter(line -> line.contains("WARNING")).toList();
        assertThat(warnings).allMatch(line -> line.contains("SAWarning") && (line.contains("superset/connectors/sqla/models.py") || line.contains("superset/models/helpers.py")));
        assertImportedObjectsMatchTheBundle();
    }

    @Test
    @Order(2)
    void importByTheRestApiWithCsrfSucceedsAndAssetsImportOverwritesChartsAndDatasets() throws IOException {
        Instant start = Instant.now();
        Path zip = directory.resolve("bundle.zip");
        BUNDLE.zip(zip, trinoPort());
        SupersetApi.Answer imported = admin.importZip("/api/v1/dashboard/import/", "formData", zip);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertImportedObjectsMatchTheBundle();

        // Superset 6.1's dashboard import overwrites dashboards only; the assets import overwrites all.
        Path changed = copyBundle(directory.resolve("changed"));
        JsonNode chart = BUNDLE.of("charts").get(0);
        String title = chart.path("slice_name").asText();
        Path chartFile = changed.resolve("charts").resolve(chartFileName(chart));
        Files.writeString(chartFile, Files.readString(chartFile).replace("slice_name: \"" + title + "\"", "slice_name: \"" + title + " (sửa)\""));
        Path changedZip = directory.resolve("changed.zip");
        SupersetBundle.load(changed).zip(changedZip, trinoPort());
        assertThat(admin.importZip("/api/v1/dashboard/import/", "formData", changedZip).status()).isEqualTo(200);
        assertThat(chartByUuid(chart.path("uuid").asText()).path("slice_name").asText()).isEqualTo(title);

        Files.writeString(changed.resolve("metadata.yaml"), Files.readString(changed.resolve("metadata.yaml")).replace("type: \"Dashboard\"", "type: \"assets\""));
        SupersetBundle.load(changed).zip(changedZip, trinoPort());
        SupersetApi.Answer assets = admin.importZip("/api/v1/assets/import/", "bundle", changedZip);
        assertThat(assets.status()).as(assets.body()).isEqualTo(200);
        assertThat(chartByUuid(chart.path("uuid").asText()).path("slice_name").asText()).isEqualTo(title + " (sửa)");

        Files.writeString(chartFile, Files.readString(chartFile).replace(" (sửa)\"", "\""));
        SupersetBundle.load(changed).zip(changedZip, trinoPort());
        assertThat(admin.importZip("/api/v1/assets/import/", "bundle", changedZip).status()).isEqualTo(200);
        assertThat(chartByUuid(chart.path("uuid").asText()).path("slice_name").asText()).isEqualTo(title);
        lap("REST imports (dashboard import, assets import twice)", start);
    }

    @Test
    @Order(3)
    void everyChartsDataComesFromTrinoWithTheRowsCountedThere() throws SQLException {
        Instant start = Instant.now();
        for (JsonNode chart : BUNDLE.of("charts")) {
            String name = chartName(chart);
            JsonNode saved = chartByUuid(chart.path("uuid").asText());
            long expected = countOnTrino(EXPECTED_ROWS.get(name).replace("{0}", "true"));
            assertThat(expected).as(name + " has rows on Trino").isPositive();
            JsonNode byId = admin.get("/api/v1/chart/" + saved.path("id").asText() + "/data/").json();
            assertThat(rowCount(byId)).as(name + " by id").isEqualTo(expected);
            JsonNode byQueryContext = chartData(admin, saved, null).json();
            assertThat(rowCount(byQueryContext)).as(name + " by its query_context").isEqualTo(expected);
        }
        JsonNode onTime = admin.get("/api/v1/chart/" + chartByUuid(chartUuid("tt_dung_han")).path("id").asText() + "/data/").json()
                .path("result").get(0).path("data").get(0);
        List<Object> sums = rowOnTrino("SELECT sum(on_time), sum(due_tasks) FROM gold.province_trend WHERE due_tasks > 0 GROUP BY month ORDER BY month LIMIT 1");
        assertThat(onTime.path("ty_le_dung_han").asDouble()).as("on-time rate of the first month, not rounded")
                .isCloseTo(((Number) sums.get(0)).doubleValue() / ((Number) sums.get(1)).doubleValue(), org.assertj.core.data.Offset.offset(1e-9));
        lap("chart data of 16 charts (by id and by query_context) against Trino", start);
    }

    @Test
    @Order(4)
    void eachNativeFilterChangesExactlyTheChartsItIsScopedTo() throws SQLException {
        Instant start = Instant.now();
        String unit = String.valueOf(firstValueOnTrino("SELECT unit_code FROM gold.overdue_register GROUP BY unit_code ORDER BY count(*) DESC, unit_code LIMIT 1"));
        String unitType = String.valueOf(firstValueOnTrino("SELECT unit_type FROM gold.unit_classification WHERE unit_code = '" + unit + "'"));
        // Hand-written: what each filter value means on each table of its dashboard.
        Map<String, Map<String, String>> conditions = Map.of(
                "unit_code", Map.of("*", "unit_code = '" + unit + "'"),
                "unit_type", Map.of("dv_diem", "unit_type = '" + unitType + "'",
                        "*", "unit_code IN (SELECT unit_code FROM gold.unit_classification WHERE unit_type = '" + unitType + "')"),
                "source", Map.of("qh_so_qua_han", "item_type = 'task'", "*", "source = 'tasks'"));
        Map<String, String> values = Map.of("unit_code", unit, "unit_type", unitType, "source", "tasks");
        Map<Integer, JsonNode> chartsByBundleId = chartsByBundleId();
        int changedCharts = 0;
        for (JsonNode dashboard : BUNDLE.of("dashboards")) {
            for (JsonNode filter : dashboard.path("metadata").path("native_filter_configuration")) {
                String column = filter.path("targets").get(0).path("column").path("name").asText();
                Set<Integer> excluded = new java.util.HashSet<>();
                filter.path("scope").path("excluded").forEach(id -> excluded.add(id.asInt()));
                for (int bundleId : chartIds(dashboard)) {
                    JsonNode chart = chartsByBundleId.get(bundleId);
                    String name = chartName(chart);
                    JsonNode saved = chartByUuid(chart.path("uuid").asText());
                    JsonNode filtered = chartData(admin, saved, Map.of(column, values.get(column))).json().path("result").get(0);
                    String where = filter.path("name").asText() + " on " + name;
                    if (excluded.contains(bundleId)) {
                        // out of scope because its dataset has no such column: Superset would drop the filter there
                        assertThat(filtered.path("rejected_filters").toString()).as(where).contains(column);
                        continue;
                    }
                    assertThat(filtered.path("rejected_filters").size()).as(where + " rejected").isZero();
                    assertThat(filtered.path("applied_filters").toString()).as(where).contains(column);
                    Map<String, String> byChart = conditions.get(column);
                    long expected = countOnTrino(EXPECTED_ROWS.get(name).replace("{0}", byChart.getOrDefault(name, byChart.get("*"))));
                    assertThat(filtered.path("rowcount").asLong()).as(where).isEqualTo(expected);
                    if (expected != countOnTrino(EXPECTED_ROWS.get(name).replace("{0}", "true"))) {
                        changedCharts++;
                    }
                }
            }
        }
        assertThat(changedCharts).as("charts whose rows a filter changed").isGreaterThanOrEqualTo(6);
        lap("native filters through the chart-data API", start);
    }

    @Test
    @Order(5)
    void leadershipSeesEveryChartOfEachDashboardRenderedInChromium() throws Exception {
        Instant start = Instant.now();
        SupersetApi leadership = SupersetApi.login(started.url(), SupersetServer.LEADERSHIP_USER, LEADERSHIP_PASSWORD);
        long driverPid;
        try (ChromeDriver browser = new ChromeDriver()) {
            driverPid = browser.driverPid();
            browser.logIn(started.url(), leadership.sessionCookie());
            for (JsonNode dashboard : BUNDLE.of("dashboards")) {
                String slug = dashboard.path("slug").asText();
                browser.open(started.url() + "/superset/dashboard/" + slug + "/");
                JsonNode state = waitUntilRendered(browser, chartIds(dashboard).size());
                assertThat(state.path("rendered").asInt()).as(slug + ": " + state).isEqualTo(chartIds(dashboard).size());
                assertThat(state.path("charts").asInt()).as(slug).isEqualTo(chartIds(dashboard).size());
                assertThat(state.path("loading").asInt()).as(slug + " spinners").isZero();
                assertThat(state.path("errors").asInt()).as(slug + " error boxes").isZero();
                browser.screenshot(Path.of("target", "dashboards", slug + ".png"));
                assertThat(Files.size(Path.of("target", "dashboards", slug + ".png"))).isGreaterThan(20_000);
            }
        }
        assertThat(ProcessHandle.of(driverPid).map(ProcessHandle::isAlive).orElse(false)).as("chromedriver still running").isFalse();
        lap("three dashboards in headless Chromium as leadership", start);
    }

    @Test
    @Order(6)
    void leadershipCannotOpenSqlLabNorAnotherDashboardsData() {
        SupersetApi leadership = SupersetApi.login(started.url(), SupersetServer.LEADERSHIP_USER, LEADERSHIP_PASSWORD);
        long database = admin.get("/api/v1/database/").json().path("result").get(0).path("id").asLong();
        ObjectNode dataset = JSON.createObjectNode().put("database", database).put("schema", "silver").put("table_name", "units");
        SupersetApi.Answer created = admin.postJson("/api/v1/dataset/", dataset);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long datasetId = created.json().path("id").asLong();
        ObjectNode dashboardBody = JSON.createObjectNode().put("dashboard_title", "Đơn vị hành chính (nội bộ)").put("published", true);
        long dashboardId = admin.postJson("/api/v1/dashboard/", dashboardBody).json().path("id").asLong();
        ObjectNode chart = JSON.createObjectNode().put("slice_name", "Danh mục đơn vị").put("viz_type", "table").put("datasource_id", datasetId)
                .put("datasource_type", "table").put("params", "{\"query_mode\": \"raw\", \"all_columns\": [\"unit_code\"], \"row_limit\": 10}");
        chart.putArray("dashboards").add(dashboardId);
        SupersetApi.Answer chartCreated = admin.postJson("/api/v1/chart/", chart);
        assertThat(chartCreated.status()).as(chartCreated.body()).isEqualTo(201);

        ObjectNode query = JSON.createObjectNode();
        query.putObject("datasource").put("id", datasetId).put("type", "table");
        ObjectNode queryObject = query.putArray("queries").addObject();
        queryObject.putArray("columns").add("unit_code");
        queryObject.put("row_limit", 10);
        assertThat(admin.postJson("/api/v1/chart/data", query).status()).as("admin reads it").isEqualTo(200);
        assertThat(leadership.postJson("/api/v1/chart/data", query).status()).as("another dashboard's data").isEqualTo(403);
        // Superset answers 404 rather than 403 for a dashboard the user may not see: it does not say it exists.
        assertThat(leadership.get("/api/v1/dashboard/" + dashboardId).status()).as("another dashboard").isEqualTo(404);
        assertThat(admin.get("/api/v1/dashboard/" + dashboardId).status()).as("admin sees it").isEqualTo(200);
        assertThat(leadership.get("/sqllab/").status()).as("SQL Lab page").isEqualTo(403);
        ObjectNode sql = JSON.createObjectNode().put("database_id", database).put("sql", "SELECT 1").put("runAsync", false);
        assertThat(leadership.postJson("/api/v1/sqllab/execute/", sql).status()).as("SQL Lab execute").isEqualTo(403);
        for (JsonNode bundled : BUNDLE.of("charts")) {
            assertThat(chartData(leadership, chartByUuid(bundled.path("uuid").asText()), null).status()).as(chartName(bundled)).isEqualTo(200);
        }
    }

    private static JsonNode waitUntilRendered(ChromeDriver browser, int expectedCharts) throws InterruptedException {
        String script = """
                const charts = Array.from(document.querySelectorAll('[data-test-chart-id]'));
                return {
                  charts: charts.length,
                  rendered: charts.filter(chart => chart.querySelector('canvas, table')).length,
                  loading: document.querySelectorAll('.loading, [data-test="loading-indicator"]').length,
                  errors: document.querySelectorAll('.ant-alert-error, [data-test="error-message"], .alert-danger').length
                };""";
        JsonNode state = browser.script(script);
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && (state.path("rendered").asInt() < expectedCharts || state.path("loading").asInt() > 0)) {
            Thread.sleep(1000);
            state = browser.script(script);
        }
        Thread.sleep(1500);
        return browser.script(script);
    }

    private void assertImportedObjectsMatchTheBundle() {
        assertUuidsAndTitles("/api/v1/dashboard/?q=(page_size:100)", "dashboards", "dashboard_title");
        assertUuidsAndTitles("/api/v1/chart/?q=(page_size:100,columns:!(id,uuid,slice_name))", "charts", "slice_name");
        assertUuidsAndTitles("/api/v1/dataset/?q=(page_size:100,columns:!(id,uuid,table_name))", "datasets", "table_name");
        assertUuidsAndTitles("/api/v1/database/?q=(columns:!(id,uuid,database_name))", "databases", "database_name");
        long database = admin.get("/api/v1/database/").json().path("result").get(0).path("id").asLong();
        assertThat(admin.get("/api/v1/database/" + database + "/connection").json().path("result").path("sqlalchemy_uri").asText()).isEqualTo("trino://analyst@127.0.0.1:" + trinoPort() + "/hive");
    }

    private void assertUuidsAndTitles(String path, String kind, String titleField) {
        Map<String, String> imported = new HashMap<>();
        JsonNode answer = admin.get(path).json();
        answer.path("result").forEach(node -> imported.put(node.path("uuid").asText(), node.path(titleField).asText()));
        Map<String, String> bundled = new HashMap<>();
        BUNDLE.of(kind).forEach(node -> bundled.put(node.path("uuid").asText(), node.path(titleField).asText()));
        assertThat(imported).as(kind).containsAllEntriesOf(bundled);
    }

    private static SupersetApi.Answer chartData(SupersetApi api, JsonNode savedChart, Map<String, String> filter) {
        try {
            ObjectNode queryContext = (ObjectNode) JSON.readTree(savedChart.path("query_context").asText());
            if (filter != null) {
                filter.forEach((column, value) -> {
                    ObjectNode condition = ((ArrayNode) queryContext.path("queries").get(0).path("filters")).addObject();
                    condition.put("col", column).put("op", "IN").putArray("val").add(value);
                });
            }
            return api.postJson("/api/v1/chart/data", queryContext);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read the saved query_context of " + savedChart.path("slice_name").asText(), e);
        }
    }

    private static long rowCount(JsonNode answer) {
        assertThat(answer.path("result").size()).as(answer.toString()).isEqualTo(1);
        JsonNode result = answer.path("result").get(0);
        assertThat(result.path("error").isNull() || result.path("error").isMissingNode()).as(result.toString()).isTrue();
        assertThat(result.path("data").size()).isEqualTo(result.path("rowcount").asInt());
        return result.path("rowcount").asLong();
    }

    private static JsonNode chartByUuid(String uuid) {
        JsonNode list = admin.get("/api/v1/chart/?q=(page_size:100,columns:!(id,uuid))").json().path("result");
        for (JsonNode chart : list) {
            if (chart.path("uuid").asText().equals(uuid)) {
                return admin.get("/api/v1/chart/" + chart.path("id").asText()).json().path("result").deepCopy();
            }
        }
        throw new AssertionError("No chart " + uuid + " in Superset");
    }

    private static Map<Integer, JsonNode> chartsByBundleId() {
        Map<String, JsonNode> byUuid = new HashMap<>();
        BUNDLE.of("charts").forEach(chart -> byUuid.put(chart.path("uuid").asText(), chart));
        Map<Integer, JsonNode> byId = new HashMap<>();
        for (JsonNode dashboard : BUNDLE.of("dashboards")) {
            dashboard.path("position").forEach(component -> {
                if (component.path("type").asText().equals("CHART")) {
                    byId.put(component.path("meta").path("chartId").asInt(), byUuid.get(component.path("meta").path("uuid").asText()));
                }
            });
        }
        return byId;
    }

    private static List<Integer> chartIds(JsonNode dashboard) {
        List<Integer> ids = new java.util.ArrayList<>();
        dashboard.path("position").forEach(component -> {
            if (component.path("type").asText().equals("CHART")) {
                ids.add(component.path("meta").path("chartId").asInt());
            }
        });
        return ids;
    }

    private static String chartName(JsonNode chart) {
        return chartFileName(chart).replace(".yaml", "");
    }

    private static String chartFileName(JsonNode chart) {
        return BUNDLE.files().entrySet().stream().filter(entry -> entry.getValue() == chart).map(Map.Entry::getKey)
                .findFirst().orElseThrow().substring("charts/".length());
    }

    private static Path copyBundle(Path target) throws IOException {
        Path source = Path.of(SupersetBundle.DEFAULT_FOLDER);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                }
                else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    private static int trinoPort() {
        return Integer.parseInt(trino.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
    }

    private static long countOnTrino(String sql) throws SQLException {
        return ((Number) firstValueOnTrino(sql)).longValue();
    }

    private static Object firstValueOnTrino(String sql) throws SQLException {
        return rowOnTrino(sql).get(0);
    }

    private static List<Object> rowOnTrino(String sql) throws SQLException {
        try (Connection connection = trino.connect(TrinoServer.ANALYST); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            List<Object> row = new java.util.ArrayList<>();
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                row.add(rows.getObject(column));
            }
            return row;
        }
    }

    private static String chartUuid(String name) {
        return BUNDLE.files().get("charts/" + name + ".yaml").path("uuid").asText();
    }
}
