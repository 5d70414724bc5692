package vn.provpulse.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.metrics.GoldState;
import vn.provpulse.metrics.ProvinceTrend;
import vn.provpulse.metrics.UnitMonthFeedback;
import vn.provpulse.metrics.UnitMonthRatings;
import vn.provpulse.metrics.UnitMonthTasks;
import vn.provpulse.metrics.UnitScorecard;
import vn.provpulse.publish.Publisher;
import vn.provpulse.refine.RefineJob;
import vn.provpulse.refine.SilverState;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.testing.Fixtures;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill (one full pass) gives the same silver and gold as a backfill followed by incremental
 * nights that cross a month boundary and skip a night.
 */
class BackfillEqualsNightlyIT extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 10);
    private static final LocalDate FIRST_PART = LocalDate.of(2026, 1, 29);
    private static final List<LocalDate> NIGHTS = List.of(LocalDate.of(2026, 1, 30), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 2));
    private static final LocalDate TO = LocalDate.of(2026, 2, 2);
    @TempDir
    static Path directory;
    private static WarehouseLayout nightByNight;
    private static WarehouseLayout backfilled;
    private static final List<SilverState> silverStates = new ArrayList<>();
    private static final List<GoldState> goldStates = new ArrayList<>();

    @BeforeAll
    static void runBothWays() throws IOException {
        new ProvinceGenerator(new ProvinceGenerator.Options(5, FROM, TO, 0.05, 0.02, directory)).generate(progress -> { });
        ProvPulseConfig nightly = TestSpark.configFor(directory, "nightly");
        ProvPulseConfig backfill = TestSpark.configFor(directory, "backfill");
        nightByNight = new WarehouseLayout(Path.of(nightly.paths().warehouse()));
        backfilled = new WarehouseLayout(Path.of(backfill.paths().warehouse()));
        new NightlyPipeline(spark, nightly).run(FROM, FIRST_PART, "backfill", "first-part");
        for (LocalDate night : NIGHTS) {
            new NightlyPipeline(spark, nightly).run(night, "nightly", "night-" + night);
            silverStates.add(SilverState.read(nightByNight.silverState()).orElseThrow());
            goldStates.add(GoldState.read(nightByNight.goldState()).orElseThrow());
        }
        new NightlyPipeline(spark, backfill).run(FROM, TO, "backfill", "whole-range");
    }

    @Test
    void eachNightBuiltOnThePreviousOne() {
        List<LocalDate> previous = List.of(FIRST_PART, NIGHTS.get(0), NIGHTS.get(1));
        assertThat(silverStates).extracting(SilverState::since).containsExactlyElementsOf(previous);
        assertThat(goldStates).extracting(GoldState::builtOn).containsExactlyElementsOf(previous);
        // the night of 2 February also read the files of 1 February, whose night was skipped, and moved into a new month
        assertThat(silverStates.get(2).ratingMonths()).contains(LocalDate.of(2026, 2, 1));
        assertThat(SilverState.read(backfilled.silverState()).orElseThrow().since()).isNull();
    }

    @Test
    void goldAsOf2FebruaryHasNoRowForALaterMonthThoughSilverHoldsTasksDueLater() {
        LocalDate february = LocalDate.of(2026, 2, 1);
        // tasks already assigned, due in March or later (some completed early), count from their own month on
        assertThat(TableFiles.readSliced(spark, nightByNight.silver(RefineJob.TASK_LATEST))
                .filter(functions.col("effective_due").geq(functions.lit(february.plusMonths(1)))).count()).isPositive();
        for (String table : List.of(UnitMonthTasks.NAME, UnitMonthFeedback.NAME, UnitMonthRatings.NAME, UnitScorecard.NAME, ProvinceTrend.NAME)) {
            Dataset<Row> gold = spark.read().parquet(nightByNight.gold(table).toString());
            assertThat(gold.filter(functions.col("month").equalTo(functions.lit(february))).count()).as(table + " February").isPositive();
            assertThat(gold.filter(functions.col("month").gt(functions.lit(february))).count()).as(table + " after February").isZero();
        }
    }

    @Test
    void everyGoldTableHasTheSameRows() {
        for (String table : GoldJob.TABLES) {
            // The run that first saw a file is the one thing that differs by construction.
            Dataset<Row> a = spark.read().parquet(nightByNight.gold(table).toString()).drop("first_seen_run_date");
            Dataset<Row> b = spark.read().parquet(backfilled.gold(table).toString()).drop("first_seen_run_date");
            if (!table.equals("integrity_flags")) {
                // three weeks are too short for the planted patterns, so that table may be empty both ways
                assertThat(a.count()).as(table).isPositive();
            }
            assertSameRows(a, b, "gold." + table);
        }
    }

    @Test
    void everySilverTableAndTheRefineQuarantineHaveTheSameRows() {
        for (String table : Publisher.SILVER_TABLES) {
            Dataset<Row> a = TableFiles.readSliced(spark, nightByNight.silver(table));
            assertThat(a.count()).as(table).isPositive();
            assertSameRows(a, TableFiles.readSliced(spark, backfilled.silver(table)), "silver." + table);
        }
        assertSameRows(TableFiles.readSliced(spark, nightByNight.refineQuarantine()), TableFiles.readSliced(spark, backfilled.refineQuarantine()),
                "refine quarantine");
    }

    @Test
    void silverIsByteIdenticalBothWays() throws IOException {
        assertThat(Fixtures.fileHashes(nightByNight.root().resolve("silver"))).isNotEmpty()
                .isEqualTo(Fixtures.fileHashes(backfilled.root().resolve("silver")));
    }

    private static void assertSameRows(Dataset<Row> a, Dataset<Row> b, String table) {
        assertThat(a.columns()).as(table + " columns").containsExactly(b.columns());
        assertThat(a.exceptAll(b).count()).as(table + " rows only night by night").isZero();
        assertThat(b.exceptAll(a).count()).as(table + " rows only in the backfill").isZero();
    }
}
