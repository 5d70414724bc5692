package vn.provpulse.faults;

import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.metrics.GoldState;
import vn.provpulse.publish.GoldCommit;
import vn.provpulse.refine.SilverState;
import vn.provpulse.testing.Fixtures;
import vn.provpulse.testing.SparkTestCase;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publish takes gold only as one complete commit: both state files, the same date, every table in place and of that date. */
class GoldCommitTest extends SparkTestCase {
    private static final LocalDate NIGHT = LocalDate.of(2026, 1, 6);
    @TempDir
    java.nio.file.Path directory;
    private WarehouseLayout warehouse;

    @BeforeEach
    void completeGoldOfTheSixth() {
        warehouse = new WarehouseLayout(directory);
        new GoldState(NIGHT, null, "settings").write(warehouse.goldState());
        new SilverState(NIGHT, null, 4, 15, List.of(), List.of(), List.of()).write(warehouse.silverState());
        GoldJob.TABLES.forEach(table -> writeTable(table, "2026-01-06"));
    }

    @Test
    void completeGoldIsAccepted() {
        assertThat(GoldCommit.reasonIncomplete(spark, warehouse)).isEmpty();
    }

    @Test
    void goldWhoseStateFileIsMissingIsRefusedInOneLine() {
        GoldState.clear(warehouse.goldState());
        assertThatThrownBy(() -> GoldCommit.requireComplete(spark, warehouse))
                .hasMessage("Cannot publish " + directory + ": gold was not completely written (" + warehouse.goldState()
                        + " is missing) (a run did not finish; run provpulse nightly again for that date, then publish)");
    }

    @Test
    void tableOfAnotherNightBesideTheCommittedOnesIsRefused() {
        writeTable("unit_scorecard", "2026-01-05");
        assertThat(GoldCommit.reasonIncomplete(spark, warehouse))
                .hasValue("gold.unit_scorecard is as of 2026-01-05 while state/gold.json says 2026-01-06");
    }

    @Test
    void silverOfAnotherNightIsRefused() {
        new SilverState(NIGHT.plusDays(1), null, 5, 15, List.of(), List.of(), List.of()).write(warehouse.silverState());
        assertThat(GoldCommit.reasonIncomplete(spark, warehouse)).hasValue("silver is as of 2026-01-07 while gold is as of 2026-01-06");
    }

    @Test
    void tableLeftMidSwapIsRefused() throws Exception {
        Files.move(warehouse.gold("unit_month_ratings"), warehouse.gold("unit_month_ratings.old"));
        assertThat(GoldCommit.reasonIncomplete(spark, warehouse)).hasValue("gold.unit_month_ratings is missing or was left mid-swap");
    }

    private void writeTable(String table, String asOf) {
        Fixtures.rows(spark, "as_of_date DATE, unit_code STRING", new Object[] {Fixtures.date(asOf), "XA01"})
                .write().mode(SaveMode.Overwrite).parquet(warehouse.gold(table).toString());
    }
}
