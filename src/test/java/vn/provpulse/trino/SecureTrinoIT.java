package vn.provpulse.trino;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.publish.Publisher;
import vn.provpulse.testing.FreePorts;
import vn.provpulse.testing.ReadsDuring;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;
import vn.provpulse.testing.TrinoRows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundled Trino in password mode, on the real server: HTTPS only, password logins, no
 * impersonation, per-unit row filters (with a merged predecessor), a file system rooted at the
 * published folder, and a publish as the service user while an analyst keeps reading. The run is
 * dirty on purpose: a scan then finds no citizen's name, phone, CCCD or complaint outside restricted/.
 */
class SecureTrinoIT extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 1, 2);
    private static final String SERVICE_PASSWORD_ENV = "PROVPULSE_TRINO_TEST_SERVICE_PASSWORD";
    private static final String ANALYST_PASSWORD = "analyst-password-0001";
    private static final String UNIT_USER = "xa01.chutich";
    private static final String UNIT_PASSWORD = "xa01-password-0001";
    /** XA90 ("cũ") was merged into XA01 on 2025-07-01 (the generator's catalog) and still sends ratings under its old code in the first week. */
    private static final String UNIT_CODES = "('XA01', 'XA90')";
    @TempDir
    static Path directory;
    private static ProvPulseConfig config;
    private static WarehouseLayout warehouse;
    private static TrinoServer server;

    @BeforeAll
    static void startSecureServerAndPublish() throws IOException {
        new ProvinceGenerator(new ProvinceGenerator.Options(5, FROM, TO, 0.01, 0.05, directory)).generate(progress -> { });
        Path unitUsers = directory.resolve("unit-users.yaml");
        Files.writeString(unitUsers, "XA01: [" + UNIT_USER + "]\nSO02: [so02.giamdoc]\n");
        ProvPulseConfig base = TestSpark.configFor(directory, "warehouse");
        ProvPulseConfig.Trino shipped = base.trino();
        config = base.withTrino(new ProvPulseConfig.Trino(shipped.javaHome(), FreePorts.next(), "1G", shipped.installDir(), "password", "",
                "pipeline", SERVICE_PASSWORD_ENV, List.of("analyst"), unitUsers.toString(), ""));
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        new NightlyPipeline(spark, config).run(FROM, TO, "backfill", "secure-trino-test");
        server = new TrinoServer(config.trino(), warehouse);
        server.secrets().createCertificate(TrinoJava.find("", System.getenv(), Path.of("/usr/lib/jvm")), List.of("127.0.0.1", "localhost"));
        server.secrets().setPassword("pipeline", System.getenv(SERVICE_PASSWORD_ENV).toCharArray());
        server.secrets().setPassword("analyst", ANALYST_PASSWORD.toCharArray());
        server.secrets().setPassword(UNIT_USER, UNIT_PASSWORD.toCharArray());
        server.start();
        new Publisher(spark, warehouse, server).publish();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static List<List<Object>> query(String user, String password, String sql) throws SQLException {
        try (Connection connection = server.connect(user, password)) {
            return TrinoRows.of(connection, sql);
        }
    }

    private static long count(String user, String password, String sql) throws SQLException {
        return (Long) query(user, password, sql).get(0).get(0);
    }

    @Test
    void theSecretsAndTheServerSettingsAreOwnerOnly() throws IOException {
        for (Path file : List.of(server.secrets().passwordFile(), server.secrets().keystore(), server.secrets().folder().resolve(TrinoSecrets.SHARED_SECRET),
                warehouse.root().resolve("_trino/etc/config.properties"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(Files.readString(server.secrets().passwordFile())).contains(UNIT_USER + ":$2y$10$").doesNotContain(UNIT_PASSWORD);
        assertThat(Files.readString(warehouse.root().resolve("_trino/etc/config.properties")))
                .contains("http-server.http.enabled=false", "http-server.authentication.type=PASSWORD", "internal-communication.shared-secret=");
    }

    @Test
    void theAnalystWithTheRightPasswordReadsGold() throws SQLException {
        for (String table : GoldJob.TABLES) {
            long rows = spark.read().parquet(warehouse.gold(table).toString()).count();
            assertThat(count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM gold." + table)).as(table).isEqualTo(rows);
        }
    }

    @Test
    void aWrongPasswordNoPasswordAndPlainHttpAreRefused() {
        assertThatThrownBy(() -> query("analyst", "not-the-password", "SELECT 1")).hasMessageContaining("Invalid credentials");
        assertThatThrownBy(() -> query("analyst", null, "SELECT 1")).hasMessageContaining("Unauthorized");
        Properties properties = new Properties();
        properties.setProperty("user", "analyst");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:trino://127.0.0.1:" + config.trino().port() + "/hive", properties)
                .createStatement().executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        properties.setProperty("password", ANALYST_PASSWORD);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:trino://127.0.0.1:" + config.trino().port() + "/hive", properties))
                .hasMessageContaining("TLS/SSL is required for authentication");
    }

    @Test
    void aRequestClaimingAnotherUserIsRefused() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "analyst");
        properties.setProperty("password", ANALYST_PASSWORD);
        properties.setProperty("sessionUser", "pipeline");
        assertThatThrownBy(() -> {
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties)) {
                connection.createStatement().executeQuery("SELECT current_user").next();
            }
        }).hasMessageContaining("Access Denied: User analyst cannot impersonate user pipeline");
        try (Connection connection = server.connect("analyst", ANALYST_PASSWORD); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SET SESSION AUTHORIZATION 'pipeline'")).hasMessageContaining("Access Denied");
        }
    }

    @Test
    void theUnitUserSeesExactlyItsUnitsRowsIncludingTheMergedPredecessor() throws SQLException {
        assertThat(count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM silver.ratings WHERE unit_code = 'XA90'")).isPositive();
        for (PublishedScope.Table table : PublishedScope.read(warehouse.root().resolve("_trino/published-scope.json")).tables()) {
            String name = table.schema() + "." + table.name();
            if (table.hasUnitCode()) {
                long byHand = count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM " + name + " WHERE unit_code IN " + UNIT_CODES);
                assertThat(count(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM " + name)).as(name).isEqualTo(byHand);
                assertThat(count(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM " + name + " WHERE unit_code NOT IN " + UNIT_CODES)).as(name).isZero();
            }
        }
        assertThat(count(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM silver.ratings WHERE unit_code = 'XA90'"))
                .isEqualTo(count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM silver.ratings WHERE unit_code = 'XA90'"));
        assertThat(count(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM gold.province_trend"))
                .isEqualTo(count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM gold.province_trend"));
    }

    @Test
    void theUnitUserCannotSeeVersionsNorSystemRuntimeNorAnotherUnit() throws SQLException {
        List<Object> schemas = query(UNIT_USER, UNIT_PASSWORD, "SHOW SCHEMAS FROM hive").stream().map(row -> row.get(0)).toList();
        assertThat(schemas).doesNotContain("gold_versions", "silver_versions");
        String version = Files.exists(warehouse.root().resolve("_published/current")) ? read(warehouse.root().resolve("_published/current")) : "";
        assertThatThrownBy(() -> query(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM hive.gold_versions.\"unit_scorecard__" + version + "\""))
                .hasMessageContaining("Access Denied");
        for (String user : List.of(UNIT_USER, "analyst")) {
            String password = user.equals(UNIT_USER) ? UNIT_PASSWORD : ANALYST_PASSWORD;
            assertThatThrownBy(() -> query(user, password, "SELECT count(*) FROM system.runtime.queries")).as(user).hasMessageContaining("Access Denied");
        }
        assertThat(count("pipeline", System.getenv(SERVICE_PASSWORD_ENV), "SELECT count(*) FROM system.runtime.queries")).isPositive();
        assertThat(count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM gold.data_quality WHERE unit_code = 'SO02'")).isPositive();
        assertThat(count(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM gold.data_quality WHERE unit_code = 'SO02'")).isZero();
    }

    @Test
    void nobodyMapsATableOverTheWarehouseNorAddsAViewToGold() {
        for (String folder : List.of("state", "restricted", "bronze", "quarantine")) {
            String external = "CREATE TABLE hive.gold_versions.stolen (line varchar) WITH (format = 'TEXTFILE', external_location = 'local:///../" + folder + "')";
            assertThatThrownBy(() -> query("pipeline", System.getenv(SERVICE_PASSWORD_ENV), external)).as(folder)
                    .hasMessageContaining("External location is not a valid file system URI");
            String absolute = external.replace("local:///../", "file://" + warehouse.root() + "/");
            assertThatThrownBy(() -> query("pipeline", System.getenv(SERVICE_PASSWORD_ENV), absolute)).as(folder).hasMessageContaining("External location");
            assertThatThrownBy(() -> query("analyst", ANALYST_PASSWORD, external.replace("gold_versions", "gold"))).as(folder).hasMessageContaining("Access Denied");
        }
        assertThatThrownBy(() -> query("analyst", ANALYST_PASSWORD, "CREATE VIEW hive.gold.mine SECURITY DEFINER AS SELECT * FROM hive.gold.unit_scorecard"))
                .hasMessageContaining("Access Denied");
        assertThatThrownBy(() -> query(UNIT_USER, UNIT_PASSWORD, "CREATE VIEW hive.gold.mine AS SELECT 1 AS x")).hasMessageContaining("Access Denied");
        assertThatThrownBy(() -> query("analyst", ANALYST_PASSWORD, "CREATE SCHEMA hive.mine")).hasMessageContaining("Access Denied");
    }

    /** A new version (one gold file renamed: same rows, other content hash) is published while an analyst and a unit user keep reading. */
    @Test
    void aPublishInPasswordModeLeavesReadersWithoutAnError() throws InterruptedException, SQLException, IOException {
        String before = read(warehouse.root().resolve("_published/current"));
        long unitRows = count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM gold.unit_scorecard WHERE unit_code IN " + UNIT_CODES);
        Path file;
        try (Stream<Path> files = Files.walk(warehouse.gold("unit_scorecard"))) {
            file = files.filter(path -> path.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.move(file, file.resolveSibling("republished-" + file.getFileName()));
        String[] after = new String[1];
        ReadsDuring reads = ReadsDuring.publish(() -> {
            count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM gold.unit_scorecard");
            count(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM gold.unit_scorecard");
            return List.of();
        }, () -> after[0] = new Publisher(spark, warehouse, server).publish());
        assertThat(reads.problems()).isEmpty();
        assertThat(reads.rounds()).isPositive();
        assertThat(after[0]).isNotEqualTo(before).isEqualTo(read(warehouse.root().resolve("_published/current")));
        assertThat(count(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM gold.unit_scorecard")).isEqualTo(unitRows).isPositive();
    }

    /** provpulse report in password mode: HTTPS and the service user's password; its overdue card shows what the analyst counts. */
    @Test
    void theReportIsWrittenInPasswordMode() throws Exception {
        Path html = directory.resolve("report/bao-cao.html");
        vn.provpulse.cli.ReportCommand.writeHtml(server, TO, html);
        long overdue = count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM gold.overdue_register");
        assertThat(Files.readString(html)).contains("<div class=\"label\">Việc quá hạn chưa xử lý</div><div class=\"value\">" + overdue + "</div>");
    }

    @Test
    void aDirtyRunLeavesNoPersonalDataOutsideRestricted() throws IOException {
        Set<String> personal = personalValuesOfTheLanding();
        assertThat(personal).hasSizeGreaterThan(20);
        assertThat(spark.read().parquet(warehouse.root().resolve("quarantine/feedback").toString()).count()).as("quarantined feedback rows").isPositive();
        List<String> found = new ArrayList<>();
        for (String folder : List.of("quarantine", "bronze", "silver", "gold", "state")) {
            try (Stream<Path> tables = Files.list(warehouse.root().resolve(folder))) {
                for (Path table : tables.filter(SecureTrinoIT::holdsParquet).toList()) {
                    found.addAll(personalIn(table.toString(), textOfParquet(table), personal));
                }
            }
        }
        try (Stream<Path> files = Files.walk(warehouse.root())) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> !file.startsWith(warehouse.root().resolve("restricted"))).toList()) {
                found.addAll(personalIn(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8), personal));
            }
        }
        assertThat(found).isEmpty();
        try (Stream<Path> tables = Files.list(warehouse.root().resolve("restricted"))) {
            String restricted = String.join("\n", tables.filter(SecureTrinoIT::holdsParquet).map(SecureTrinoIT::textOfParquet).toList());
            assertThat(personalIn("restricted", restricted, personal)).as("the scan finds complaint texts where they are kept").isNotEmpty();
        }
        for (String folder : List.of("quarantine", "restricted", "state")) {
            try (Stream<Path> files = Files.walk(warehouse.root().resolve(folder))) {
                files.forEach(file -> assertThat(permissions(file)).as(file.toString()).isIn("rw-------", "rwx------"));
            }
        }
    }

    @Test
    void sparkRedactsThePiiKeyFromItsEnvironmentListingAndEventLogs() {
        List<scala.Tuple2<String, String>> settings = List.of(new scala.Tuple2<>("spark.executorEnv.PROVPULSE_PII_KEY", "the-key-itself"),
                new scala.Tuple2<>("PROVPULSE_PII_KEY", "the-key-itself"), new scala.Tuple2<>("spark.sql.shuffle.partitions", "4"));
        scala.collection.Seq<scala.Tuple2<String, String>> redacted = org.apache.spark.util.Utils.redact(spark.sparkContext().conf(),
                scala.jdk.javaapi.CollectionConverters.asScala(settings).toList());
        assertThat(redacted.mkString(";")).doesNotContain("the-key-itself").contains("(spark.sql.shuffle.partitions,4)");
    }

    /** Citizen names, phones, CCCD numbers and complaint texts of the generated feedback; names that officials also bear are left out. */
    private static Set<String> personalValuesOfTheLanding() {
        Dataset<Row> feedback = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(Path.of(config.paths().landing()).resolve("feedback/*/*.csv").toString());
        Set<String> officials = new HashSet<>();
        spark.read().option("header", "true").csv(Path.of(config.paths().landing()).resolve("units/*/*.csv").toString())
                .select("head_name").collectAsList().forEach(row -> officials.add(row.getString(0)));
        spark.read().json(Path.of(config.paths().landing()).resolve("tasks/*/*.jsonl").toString()).select("assignee", "assigned_by")
                .collectAsList().forEach(row -> { officials.add(row.getString(0)); officials.add(row.getString(1)); });
        Set<String> personal = new HashSet<>();
        for (Row row : feedback.select("citizen_name", "citizen_phone", "citizen_id_number", "content").collectAsList()) {
            for (int i = 0; i < 4; i++) {
                String value = row.getString(i);
                if (value != null && value.strip().length() >= 8 && !officials.contains(value.strip())) {
                    personal.add(value.strip());
                }
            }
        }
        return personal;
    }

    private static String textOfParquet(Path table) {
        Dataset<Row> rows = spark.read().option("recursiveFileLookup", "true").parquet(table.toString());
        List<org.apache.spark.sql.Column> texts = new ArrayList<>();
        for (org.apache.spark.sql.types.StructField field : rows.schema().fields()) {
            if (field.dataType().equals(org.apache.spark.sql.types.DataTypes.StringType)) {
                texts.add(org.apache.spark.sql.functions.coalesce(org.apache.spark.sql.functions.col(field.name()), org.apache.spark.sql.functions.lit("")));
            }
        }
        if (texts.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        rows.select(org.apache.spark.sql.functions.concat_ws("\u0001", texts.toArray(org.apache.spark.sql.Column[]::new)))
                .collectAsList().forEach(row -> text.append(row.getString(0)).append('\n'));
        return text.toString();
    }

    private static boolean holdsParquet(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return Files.isDirectory(folder) && files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet"));
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> personalIn(String where, String text, Set<String> personal) {
        return personal.stream().filter(text::contains).map(value -> where + ": " + value).limit(3).toList();
    }

    private static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
