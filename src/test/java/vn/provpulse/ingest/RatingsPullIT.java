package vn.provpulse.ingest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The incremental JDBC pull against a real PostgreSQL server. */
class RatingsPullIT extends SparkTestCase {
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);
    @TempDir
    static Path directory;
    private static EmbeddedPostgres postgres;
    private static ProvPulseConfig config;
    private static WarehouseLayout warehouse;

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        execute("CREATE TABLE ratings (rating_id text PRIMARY KEY, dossier_id text, unit_code text, procedure_code text, "
                + "rated_at timestamptz, channel text, score int, staff int, dossier_due_at timestamptz, dossier_completed_at timestamptz)");
        Path landing = directory.resolve("landing");
        Files.createDirectories(landing.resolve("units/2026-03-01"));
        Files.writeString(landing.resolve("units/2026-03-01/units.csv"), "unit_code,unit_name,unit_type,valid_from\nXA01,Xã Mường Phăng,commune,2025-07-01\n");
        String url = postgres.getJdbcUrl("postgres", "postgres");
        config = TestSpark.configFor(directory, "warehouse")
                .withRatingsJdbc(new ProvPulseConfig.RatingsJdbc(url, "postgres", "NO_SUCH_VARIABLE", "ratings", "rated_at"));
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void rate(String id, String ratedAt, int score) throws SQLException {
        execute("INSERT INTO ratings VALUES ('" + id + "', 'HS1', 'XA01', '1.000123', '" + ratedAt + "', 'kiosk', " + score + ", 4, NULL, NULL)");
    }

    private static long bronzeRatings() {
        return vn.provpulse.storage.TableFiles.readSliced(spark, warehouse.silver("ratings")).count();
    }

    @Test
    void eachNightPullsOnlyItsNewRowsAndARerunDuplicatesNothing() throws SQLException {
        rate("R1", "2026-03-01T09:00:00+07:00", 5);
        rate("R2", "2026-03-01T23:30:00+07:00", 4);
        rate("R3", "2026-03-02T08:00:00+07:00", 2);
        NightlyPipeline pipeline = new NightlyPipeline(spark, config);

        pipeline.run(MARCH_1, "nightly", "pull-1");
        assertThat(bronzeRatings()).isEqualTo(2);
        pipeline.run(MARCH_1, "nightly", "pull-1-again");
        assertThat(bronzeRatings()).isEqualTo(2);

        pipeline.run(MARCH_2, "nightly", "pull-2");
        assertThat(bronzeRatings()).isEqualTo(3);
        assertThat(Files.exists(warehouse.pulled().resolve("ratings/2026-03-02/" + RatingsPull.FILE_NAME))).isTrue();
        pipeline.run(MARCH_2, "nightly", "pull-2-again");
        assertThat(bronzeRatings()).isEqualTo(3);

        Map<String, Long> perDay = Map.of(
                "2026-03-01", vn.provpulse.storage.TableFiles.readSliced(spark, warehouse.silver("ratings")).filter("data_date = DATE'2026-03-01'").count(),
                "2026-03-02", vn.provpulse.storage.TableFiles.readSliced(spark, warehouse.silver("ratings")).filter("data_date = DATE'2026-03-02'").count());
        assertThat(perDay).containsEntry("2026-03-01", 2L).containsEntry("2026-03-02", 1L);
        assertThat(spark.read().parquet(warehouse.gold("file_reconciliation").toString()).filter("source = 'ratings'").count()).isEqualTo(2);
    }
}
