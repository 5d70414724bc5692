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
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundled Trino in password mode, on the real server: HTTPS only, password logins, no
 * impersonation, per-unit row filters (with a merged predecessor), a file system rooted at the
 * published folder, and a publish as the service user while an analyst keeps reading.
 */
class SecureTrinoTest extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 1, 8);
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
        new ProvinceGenerator(new ProvinceGenerator.Options(5, FROM, TO.plusDays(1), 0.02, 0.01, directory)).generate(progress -> { });
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
        try (Connection connection = server.connect(user, password); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
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

    @Test
    void aPublishInPasswordModeLeavesReadersWithoutAnError() throws InterruptedException, SQLException {
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger queries = new AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (publishing.get()) {
                try {
                    count("analyst", ANALYST_PASSWORD, "SELECT count(*) FROM gold.unit_scorecard");
                    count(UNIT_USER, UNIT_PASSWORD, "SELECT count(*) FROM gold.unit_scorecard");
                    queries.incrementAndGet();
                }
                catch (SQLException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        reader.start();
        try {
            new NightlyPipeline(spark, config).run(TO.plusDays(1), "nightly", "secure-trino-test-next-night");
        }
        finally {
            publishing.set(false);
            reader.join();
        }
        assertThat(problems).isEmpty();
        assertThat(queries.get()).isPositive();
        assertThat(query("analyst", ANALYST_PASSWORD, "SELECT DISTINCT as_of_date FROM gold.province_trend").get(0).get(0))
                .isEqualTo(java.sql.Date.valueOf(TO.plusDays(1)));
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
