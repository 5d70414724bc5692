package vn.provpulse.ingest;

import org.apache.spark.sql.Row;
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
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/** Late files, re-deliveries and the debris of a crashed run, on a small hand-made landing zone. */
class IngestRecoveryIT extends SparkTestCase {
    private static final String HEADER = "rating_id,unit_code,rated_at,channel,score\n";
    @TempDir
    static Path directory;
    private static ProvPulseConfig config;
    private static WarehouseLayout warehouse;
    private static Path landing;

    @BeforeAll
    static void start() throws IOException {
        landing = directory.resolve("landing");
        write("units/2026-03-01/units.csv", "unit_code,unit_name,unit_type,valid_from\nXA01,Xã Mường Phăng,commune,2025-07-01\n");
        write("ratings/2026-03-01/r.csv", HEADER + "R1,XA01,2026-03-01T09:00:00+07:00,kiosk,5\nR2,XA01,2026-03-01T10:00:00+07:00,kiosk,4\n");
        write("ratings/2026-03-02/r.csv", HEADER + "R3,XA01,2026-03-02T09:00:00+07:00,kiosk,3\n");
        config = TestSpark.configFor(directory, "warehouse");
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        new NightlyPipeline(spark, config).run(LocalDate.of(2026, 3, 2), "nightly", "night-1");
    }


    private static void write(String relative, String content) throws IOException {
        Path file = landing.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Row reconciliation(String file) {
        return spark.read().parquet(warehouse.gold("file_reconciliation").toString()).filter(col("file").equalTo(file)).first();
    }

    @Test
    void fileArrivingAfterItsDatesRunIsIngestedAndMarkedLate() throws IOException {
        write("ratings/2026-03-01/late.csv", HEADER + "R9,XA01,2026-03-01T15:00:00+07:00,sms,2\n");
        write("ratings/2026-03-03/r.csv", HEADER + "R1,XA01,2026-03-01T09:00:00+07:00,kiosk,5\n");
        write("ratings/2026-03-02/resent-under-another-name.csv", HEADER + "R3,XA01,2026-03-02T09:00:00+07:00,kiosk,3\n");
        new NightlyPipeline(spark, config).run(LocalDate.of(2026, 3, 3), "nightly", "night-2");
        assertThat(vn.provpulse.refine.SilverState.read(warehouse.silverState()).orElseThrow().since())
                .as("a file late for a date silver already covers makes a full pass").isNull();

        Row late = reconciliation("ratings/2026-03-01/late.csv");
        assertThat((String) late.getAs("status")).isEqualTo("late");
        assertThat((long) late.getAs("accepted")).isEqualTo(1L);
        Row resent = reconciliation("ratings/2026-03-02/resent-under-another-name.csv");
        assertThat((String) resent.getAs("status")).isEqualTo("duplicate_file");
        assertThat((long) resent.getAs("rows_read")).isZero();
        Row repeatedRow = reconciliation("ratings/2026-03-03/r.csv");
        assertThat((long) repeatedRow.getAs("quarantined")).isEqualTo(1L);
        assertThat((long) repeatedRow.getAs("duplicates")).isEqualTo(1L);
        long lateRows = spark.read().parquet(warehouse.gold("data_quality").toString())
                .filter(col("data_date").equalTo(java.sql.Date.valueOf("2026-03-01")).and(col("source").equalTo("ratings")))
                .first().getAs("late_rows");
        assertThat(lateRows).isEqualTo(1L);
        assertThat(vn.provpulse.storage.TableFiles.readSliced(spark, warehouse.silver("ratings")).count()).isEqualTo(4);

        // the late file changes the figures exactly as on-time delivery would have
        ProvPulseConfig onTime = TestSpark.configFor(directory, "warehouse-on-time");
        new NightlyPipeline(spark, onTime).run(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3), "backfill", "on-time");
        WarehouseLayout onTimeWarehouse = new WarehouseLayout(Path.of(onTime.paths().warehouse()));
        for (String table : List.of("unit_month_ratings", "unit_scorecard", "province_trend", "unit_classification")) {
            org.apache.spark.sql.Dataset<Row> afterLateFile = spark.read().parquet(warehouse.gold(table).toString());
            org.apache.spark.sql.Dataset<Row> expected = spark.read().parquet(onTimeWarehouse.gold(table).toString());
            assertThat(afterLateFile.exceptAll(expected).count() + expected.exceptAll(afterLateFile).count()).as(table).isZero();
        }
    }

    @Test
    void debrisOfACrashedRunIsClearedAndItsRowsAreNotCounted() throws IOException {
        // What kill -9 can leave behind: a staging folder, a table caught mid-swap, and bronze files of an uncommitted run.
        Files.createDirectories(warehouse.staging().resolve("bronze-ratings-99/data_month=2026-03"));
        Path gold = warehouse.gold("unit_month_ratings");
        Files.move(gold, gold.resolveSibling("unit_month_ratings.old"));
        FileLedger ledger = FileLedger.load(warehouse.ledgerFile("ratings"));
        Path orphan = warehouse.bronze("ratings").resolve("data_month=2026-03")
                .resolve(String.format("run-%06d.parquet", ledger.nextSequence()));
        Path committed;
        try (Stream<Path> files = Files.list(warehouse.bronze("ratings").resolve("data_month=2026-03"))) {
            committed = files.sorted().findFirst().orElseThrow();
        }
        Files.copy(committed, orphan);

        new NightlyPipeline(spark, config).run(LocalDate.of(2026, 3, 2), "nightly", "after-crash");

        assertThat(warehouse.staging()).doesNotExist();
        assertThat(gold.resolveSibling("unit_month_ratings.old")).doesNotExist();
        assertThat(spark.read().parquet(gold.toString()).count()).isPositive();
        List<Row> march = vn.provpulse.storage.TableFiles.readSliced(spark, warehouse.silver("ratings"))
                .filter(col("data_date").equalTo(java.sql.Date.valueOf("2026-03-01"))).select("rating_id").collectAsList();
        assertThat(march).extracting(row -> row.getString(0)).doesNotHaveDuplicates();
    }
}
