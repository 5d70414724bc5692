package vn.provpulse.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A backfill gives the same gold as running every night in turn. */
class BackfillEqualsNightlyTest {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 1, 20);
    @TempDir
    static Path directory;
    private static SparkSession spark;
    private static WarehouseLayout nightByNight;
    private static WarehouseLayout backfilled;

    @BeforeAll
    static void runBothWays() throws IOException {
        new ProvinceGenerator(new ProvinceGenerator.Options(5, FROM, TO, 0.05, 0.02, directory)).generate(progress -> { });
        ProvPulseConfig nightly = TestSpark.configFor(directory, "nightly");
        ProvPulseConfig backfill = TestSpark.configFor(directory, "backfill");
        nightByNight = new WarehouseLayout(Path.of(nightly.paths().warehouse()));
        backfilled = new WarehouseLayout(Path.of(backfill.paths().warehouse()));
        spark = TestSpark.start();
        new NightlyPipeline(spark, nightly).run(FROM, TO.minusDays(3), "backfill", "first-part");
        for (LocalDate night = TO.minusDays(2); !night.isAfter(TO); night = night.plusDays(1)) {
            new NightlyPipeline(spark, nightly).run(night, "nightly", "night-" + night);
        }
        new NightlyPipeline(spark, backfill).run(FROM, TO, "backfill", "whole-range");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyGoldTableHasTheSameRows() {
        for (String table : GoldJob.TABLES) {
            Dataset<Row> a = read(nightByNight, table);
            Dataset<Row> b = read(backfilled, table);
            if (!table.equals("integrity_flags")) {
                // twenty days are too short for the planted patterns, so that table may be empty both ways
                assertThat(a.count()).as(table).isPositive();
            }
            assertThat(a.exceptAll(b).count()).as(table + " rows only night by night").isZero();
            assertThat(b.exceptAll(a).count()).as(table + " rows only in the backfill").isZero();
        }
    }

    private static Dataset<Row> read(WarehouseLayout warehouse, String table) {
        // The run that first saw a file is the one thing that differs by construction.
        return spark.read().parquet(warehouse.gold(table).toString()).drop("first_seen_run_date");
    }
}
