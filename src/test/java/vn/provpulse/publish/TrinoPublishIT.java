package vn.provpulse.publish;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.PublishedDocs;
import vn.provpulse.dashboards.HeadlessChromium;
import vn.provpulse.dashboards.LeadershipReport;
import vn.provpulse.dashboards.SupersetBundle;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.testing.FreePorts;
import vn.provpulse.testing.ReadsDuring;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;
import vn.provpulse.testing.TrinoRows;
import vn.provpulse.trino.TrinoServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publishing to the real bundled Trino server, queried over JDBC. */
class TrinoPublishIT extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 3, 31);
    @TempDir
    static Path directory;
    private static ProvPulseConfig config;
    private static WarehouseLayout warehouse;
    private static TrinoServer server;
    private static String firstVersion;

    @BeforeAll
    static void publish() throws IOException {
        new ProvinceGenerator(new ProvinceGenerator.Options(3, FROM, TO.plusDays(1), 0.02, 0.01, directory)).generate(progress -> { });
        ProvPulseConfig base = TestSpark.configFor(directory, "warehouse");
        ProvPulseConfig.Trino trino = new ProvPulseConfig.Trino(base.trino().javaHome(), FreePorts.next(), "1G", base.trino().installDir());
        config = base.withTrino(trino);
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        new NightlyPipeline(spark, config).run(FROM, TO, "backfill", "trino-test");
        server = new TrinoServer(config.trino(), warehouse);
        server.start();
        firstVersion = new Publisher(spark, warehouse, server).publish();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static List<List<Object>> query(String user, String sql) throws SQLException {
        try (Connection connection = server.connect(user)) {
            return TrinoRows.of(connection, sql);
        }
    }

    @Test
    void publishedFiguresEqualTheGoldParquet() throws SQLException {
        Row parquet = spark.read().parquet(warehouse.gold("unit_scorecard").toString())
                .agg(org.apache.spark.sql.functions.count("*"), sum(col("due_tasks")), sum(col("ratings"))).first();
        List<Object> trino = query(TrinoServer.ANALYST, "SELECT count(*), sum(due_tasks), sum(ratings) FROM gold.unit_scorecard").get(0);
        assertThat(trino).containsExactly(parquet.getLong(0), parquet.getLong(1), parquet.getLong(2));
        for (String table : GoldJob.TABLES) {
            long rows = spark.read().parquet(warehouse.gold(table).toString()).count();
            assertThat(query(TrinoServer.ANALYST, "SELECT count(*) FROM gold." + table).get(0).get(0)).as(table).isEqualTo(rows);
        }
    }

    @Test
    void vietnameseTextIsIntact() throws SQLException {
        assertThat(query(TrinoServer.ANALYST, "SELECT unit_name FROM gold.unit_classification WHERE unit_code = 'SO01'").get(0).get(0))
                .isEqualTo("Sở Nội vụ");
        assertThat(query(TrinoServer.ANALYST, "SELECT count(*) FROM gold.unit_classification WHERE band = 'Chưa đủ dữ liệu' OR band LIKE 'Hoàn thành%' OR band LIKE 'Không%'")
                .get(0).get(0)).isEqualTo(100L);
    }

    @Test
    void everyPublishedColumnHasARealVietnameseAndEnglishDescription() {
        Map<String, List<String>> published = new java.util.LinkedHashMap<>();
        GoldJob.TABLES.forEach(table -> published.put("gold." + table, List.of(TableFiles.readSliced(spark, warehouse.gold(table)).columns())));
        Publisher.SILVER_TABLES.forEach(table -> published.put("silver." + table, List.of(TableFiles.readSliced(spark, warehouse.silver(table)).columns())));
        assertThat(published).hasSize(17);
        assertThat(PublishedDocs.load().gaps(published)).isEmpty();
    }

    @Test
    void everyPublishedTableAndColumnCommentIsItsDescription() throws SQLException {
        PublishedDocs docs = PublishedDocs.load();
        List<List<Object>> columns = query(TrinoServer.ANALYST, "SELECT table_schema, table_name, column_name, comment FROM hive.information_schema.columns "
                + "WHERE table_schema IN ('gold', 'silver')");
        assertThat(columns).hasSize(docs.tables().stream().mapToInt(table -> table.columns().size()).sum());
        for (List<Object> column : columns) {
            assertThat(column.get(3)).as(column.subList(0, 3).toString())
                    .isEqualTo(docs.column((String) column.get(0), (String) column.get(1), (String) column.get(2)).comment());
        }
        assertThat(query(TrinoServer.ANALYST, "SELECT comment FROM system.metadata.table_comments "
                + "WHERE catalog_name = 'hive' AND schema_name = 'gold' AND table_name = 'unit_month_feedback'").get(0).get(0))
                .isEqualTo("Xử lý phản ánh, kiến nghị theo đơn vị và tháng — Timely answers to citizens' feedback (Decision 766/QĐ-TTg): "
                        + "one row per current unit and month of the local received date, out_of_scope items excluded");
    }

    @Test
    void analystSeesOnlyGoldAndSilver() throws SQLException {
        Set<Object> schemas = new HashSet<>();
        query(TrinoServer.ANALYST, "SHOW SCHEMAS FROM hive").forEach(row -> schemas.add(row.get(0)));
        assertThat(schemas).containsExactlyInAnyOrder("gold", "silver", "information_schema");
        assertThatThrownBy(() -> query(TrinoServer.ANALYST, "SELECT count(*) FROM hive.gold_versions.\"unit_scorecard__" + firstVersion + "\""))
                .hasMessageContaining("Access Denied");
        assertThatThrownBy(() -> query(TrinoServer.ANALYST, "CREATE TABLE hive.gold.mine AS SELECT 1 AS x")).hasMessageContaining("Access Denied");
    }

    @Test
    void silverIsPseudonymised() throws SQLException {
        List<List<Object>> columns = query(TrinoServer.ANALYST, "SELECT column_name FROM hive.information_schema.columns WHERE table_schema = 'silver'");
        assertThat(columns).extracting(row -> row.get(0)).contains("citizen_key").doesNotContain("citizen_name", "citizen_phone", "citizen_id_number", "content");
    }

    /** A dataset column as Superset selects it: a physical column by name, a calculated one by its expression. */
    private static String selectable(JsonNode column) {
        String name = "\"" + column.path("column_name").asText() + "\"";
        String expression = column.path("expression").asText("");
        return expression.isBlank() ? name : "(" + expression + ") AS " + name;
    }

    @Test
    void everyDatasetColumnAndMetricOfTheDashboardsComesBackWithRows() throws SQLException {
        SupersetBundle bundle = SupersetBundle.load(Path.of(SupersetBundle.DEFAULT_FOLDER));
        for (JsonNode dataset : bundle.of("datasets")) {
            String table = dataset.path("schema").asText() + "." + dataset.path("table_name").asText();
            List<String> columns = new ArrayList<>();
            dataset.path("columns").forEach(column -> columns.add(selectable(column)));
            List<String> metrics = new ArrayList<>();
            dataset.path("metrics").forEach(metric -> metrics.add(metric.path("expression").asText()));
            assertThat(query(TrinoServer.ANALYST, "SELECT " + String.join(", ", columns) + " FROM " + table + " LIMIT 5")).as(table).isNotEmpty();
            assertThat(query(TrinoServer.ANALYST, "SELECT " + String.join(", ", metrics) + " FROM " + table)).as(table).hasSize(1);
        }
        Map<String, JsonNode> datasets = new java.util.HashMap<>();
        bundle.of("datasets").forEach(dataset -> datasets.put(dataset.path("uuid").asText(), dataset));
        for (JsonNode chart : bundle.of("charts")) {
            JsonNode dataset = datasets.get(chart.path("dataset_uuid").asText());
            Map<String, String> selectable = new java.util.HashMap<>();
            dataset.path("columns").forEach(column -> selectable.put(column.path("column_name").asText(), selectable(column)));
            Set<String> columns = SupersetBundle.columnsUsed(chart);
            String select = columns.isEmpty() ? "count(*)" : String.join(", ", columns.stream().map(column -> selectable.getOrDefault(column, "\"" + column + "\"")).toList());
            assertThat(query(TrinoServer.ANALYST, "SELECT " + select + " FROM gold." + dataset.path("table_name").asText() + " LIMIT 1"))
                    .as(chart.path("slice_name").asText()).isNotEmpty();
        }
    }

    @Test
    void leadershipReportRendersEveryChartInARealBrowser() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find().orElseThrow(() -> new AssertionError("Chromium is not installed (apt-get install chromium)"));
        Path html = directory.resolve("report/bao-cao.html");
        try (Connection connection = server.connect(TrinoServer.ANALYST)) {
            Files.createDirectories(html.getParent());
            Files.writeString(html, new LeadershipReport(connection).render(TO));
        }
        String dom = chromium.dumpDom(html);
        assertThat(dom).contains("data-errors=\"\"").contains("data-charts-rendered=\"3\"");
        for (String chart : List.of("trend", "ranking", "bands")) {
            int start = dom.indexOf("id=\"" + chart + "\"");
            assertThat(start).as(chart).isPositive();
            assertThat(dom.substring(start, Math.min(dom.length(), start + 3000))).as(chart).contains("<svg");
        }
        assertThat(dom).contains("Báo cáo kết quả thực hiện nhiệm vụ").contains("người chịu trách nhiệm");
        Path screenshot = Path.of("target/report-screenshot.png");
        chromium.screenshot(html, screenshot, 1100, 2200);
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
        Path pdf = directory.resolve("report/bao-cao.pdf");
        chromium.printToPdf(html, pdf);
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void publishingTheSameDataTwiceIsANoOp() throws IOException {
        String version = new Publisher(spark, warehouse, server).publish();
        long folders;
        try (var listing = Files.list(warehouse.root().resolve(TrinoServer.Layout.PUBLISHED))) {
            folders = listing.count();
        }
        assertThat(new Publisher(spark, warehouse, server).publish()).isEqualTo(version);
        try (var listing = Files.list(warehouse.root().resolve(TrinoServer.Layout.PUBLISHED))) {
            assertThat(listing.count()).isEqualTo(folders);
        }
    }

    @Test
    void readersDuringAPublishSeeOneVersionOfEachTableAndNoError() throws InterruptedException {
        ReadsDuring reads = ReadsDuring.publish(() -> {
            List<Object> row = query(TrinoServer.ANALYST, "SELECT count(DISTINCT as_of_date), count(*) FROM gold.unit_scorecard").get(0);
            return row.get(0).equals(1L) ? List.of() : List.of("mixed as_of_date in one table: " + row);
        }, () -> new NightlyPipeline(spark, config).run(TO.plusDays(1), "nightly", "trino-test-next-night"));
        assertThat(reads.problems()).isEmpty();
        assertThat(reads.rounds()).isPositive();
        try {
            assertThat(query(TrinoServer.ANALYST, "SELECT DISTINCT as_of_date FROM gold.province_trend").get(0).get(0)).isEqualTo(java.sql.Date.valueOf(TO.plusDays(1)));
        }
        catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
