package vn.provpulse.refine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.storage.Rewrite;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every refine case of docs/incremental.md, decided without Spark; figures worked out by hand. */
class RunPlanTest {
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);
    private static final LocalDate MARCH_3 = LocalDate.of(2026, 3, 3);
    private static final int RESPONSE_DAYS = 15;

    @TempDir
    Path folder;

    /** A ledger with one tasks file per date (a second file of a date counts too). */
    private FileLedger ledger(LocalDate... dataDates) {
        FileLedger ledger = FileLedger.load(folder.resolve("no-ledger.json"));
        for (int i = 0; i < dataDates.length; i++) {
            String name = "tasks_" + i + ".jsonl";
            ledger.add(new FileLedger.Entry("tasks/" + dataDates[i] + "/" + name, "tasks", dataDates[i], name, "hash" + i, 10,
                    FileLedger.STATUS_INGESTED, 1, 0, 1, dataDates[i], null, null));
        }
        return ledger;
    }

    /** Silver as of {@code asOf}, built when the ledger held {@code files} files dated up to it. */
    private static Optional<SilverState> silverAsOf(LocalDate asOf, long files, int responseDays) {
        return Optional.of(new SilverState(asOf, null, files, responseDays, List.of(), List.of(), List.of()));
    }

    @Test
    void noSilverStateMakesAFullPass() {
        RunPlan plan = RunPlan.forRefine(Optional.empty(), ledger(MARCH_1), RESPONSE_DAYS, MARCH_1);
        assertThat(plan.fullPass()).isTrue();
        assertThat(plan.since()).isEmpty();
        assertThat(plan.reason()).isEqualTo(RunPlan.Reason.NO_SILVER_STATE);
    }

    @Test
    void silverAsOfDOrLaterMakesAFullPass() {
        FileLedger ledger = ledger(MARCH_1, MARCH_2);
        assertThat(RunPlan.forRefine(silverAsOf(MARCH_2, 2, RESPONSE_DAYS), ledger, RESPONSE_DAYS, MARCH_2).reason())
                .as("a rerun of D").isEqualTo(RunPlan.Reason.SILVER_AS_OF_D_OR_LATER);
        assertThat(RunPlan.forRefine(silverAsOf(MARCH_2, 2, RESPONSE_DAYS), ledger, RESPONSE_DAYS, MARCH_1).reason())
                .as("an earlier date").isEqualTo(RunPlan.Reason.SILVER_AS_OF_D_OR_LATER);
    }

    @Test
    void changedResponseDaysMakeAFullPass() {
        RunPlan plan = RunPlan.forRefine(silverAsOf(MARCH_1, 1, 10), ledger(MARCH_1, MARCH_2), RESPONSE_DAYS, MARCH_2);
        assertThat(plan.reason()).isEqualTo(RunPlan.Reason.RESPONSE_DAYS_CHANGED);
        assertThat(plan.fullPass()).isTrue();
    }

    @Test
    void aLateFileMakesAFullPass() {
        // silver as of 2 March was built on 2 files dated up to 2 March; a third dated 1 March arrived with 3 March's
        RunPlan plan = RunPlan.forRefine(silverAsOf(MARCH_2, 2, RESPONSE_DAYS), ledger(MARCH_1, MARCH_2, MARCH_1, MARCH_3),
                RESPONSE_DAYS, MARCH_3);
        assertThat(plan.reason()).isEqualTo(RunPlan.Reason.FILES_ARRIVED_LATE);
    }

    @Test
    void filesOfNewDatesKeepTheRunIncremental() {
        // two files dated after 2 March (one of them after D) do not count as late
        RunPlan plan = RunPlan.forRefine(silverAsOf(MARCH_2, 2, RESPONSE_DAYS), ledger(MARCH_1, MARCH_2, MARCH_3, MARCH_3.plusDays(1)),
                RESPONSE_DAYS, MARCH_3);
        assertThat(plan.fullPass()).isFalse();
        assertThat(plan.since()).contains(MARCH_2);
        assertThat(plan.reason()).isEqualTo(RunPlan.Reason.BUILDS_ON_EARLIER);
        assertThat(plan).isEqualTo(RunPlan.incremental(MARCH_2, MARCH_3));
    }

    @Test
    void aUnitsSnapshotThatChangesEarlierVerdictsMakesAFullPass() {
        RunPlan incremental = RunPlan.incremental(MARCH_2, MARCH_3);
        assertThat(incremental.afterUnitsSnapshot(true, () -> false))
                .isEqualTo(RunPlan.fullPass(MARCH_3, RunPlan.Reason.UNITS_SNAPSHOT_CHANGES_VERDICTS));
        assertThat(incremental.afterUnitsSnapshot(true, () -> true)).isEqualTo(incremental);
    }

    @Test
    void theUnitsCheckIsAskedOnlyForANewSnapshotOnAnIncrementalRun() {
        RunPlan incremental = RunPlan.incremental(MARCH_2, MARCH_3);
        RunPlan full = RunPlan.fullPass(MARCH_3, RunPlan.Reason.NO_SILVER_STATE);
        assertThat(incremental.afterUnitsSnapshot(false, RunPlanTest::notAsked)).isEqualTo(incremental);
        assertThat(full.afterUnitsSnapshot(true, RunPlanTest::notAsked)).isEqualTo(full);
    }

    private static boolean notAsked() {
        throw new AssertionError("the units check was asked");
    }

    @Test
    void anIncrementalRunReadsTheDatesAfterSinceUpToD() {
        RunPlan plan = RunPlan.incremental(MARCH_1, MARCH_3);
        assertThat(plan.reads(MARCH_1)).isFalse();
        assertThat(plan.reads(MARCH_2)).isTrue();
        assertThat(plan.reads(MARCH_3)).isTrue();
        assertThat(plan.reads(MARCH_3.plusDays(1))).isFalse();
    }

    @Test
    void aFullPassReadsEveryDateUpToD() {
        RunPlan plan = RunPlan.fullPass(MARCH_3, RunPlan.Reason.FILES_ARRIVED_LATE);
        assertThat(plan.reads(LocalDate.of(2025, 1, 1))).isTrue();
        assertThat(plan.reads(MARCH_3)).isTrue();
        assertThat(plan.reads(MARCH_3.plusDays(1))).isFalse();
    }

    @Test
    void historySlicesAreTheMonthsOfTheDatesRead() {
        assertThat(RunPlan.incremental(MARCH_1, MARCH_3).dataMonthSlices()).isEqualTo(Rewrite.only(Set.of("2026-03")));
        // 31 March → 1 April: only April's dates are read
        assertThat(RunPlan.incremental(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1)).dataMonthSlices())
                .isEqualTo(Rewrite.only(Set.of("2026-04")));
        // skipped nights: 30 January → 1 March reads 31 January, all of February and 1 March
        assertThat(RunPlan.incremental(LocalDate.of(2026, 1, 30), MARCH_1).dataMonthSlices())
                .isEqualTo(Rewrite.only(Set.of("2026-01", "2026-02", "2026-03")));
        assertThat(RunPlan.fullPass(MARCH_3, RunPlan.Reason.NO_SILVER_STATE).dataMonthSlices()).isEqualTo(Rewrite.entireTable());
    }

    @Test
    void theStateKeepsHowSilverWasRefined() {
        SilverState incremental = SilverState.after(RunPlan.incremental(MARCH_2, MARCH_3), 3, RESPONSE_DAYS, List.of(), List.of(), List.of());
        assertThat(incremental.since()).isEqualTo(MARCH_2);
        assertThat(RunPlan.of(incremental)).isEqualTo(RunPlan.incremental(MARCH_2, MARCH_3));
        SilverState full = SilverState.after(RunPlan.fullPass(MARCH_3, RunPlan.Reason.FILES_ARRIVED_LATE), 3, RESPONSE_DAYS,
                List.of(), List.of(), List.of());
        assertThat(full.since()).isNull();
        assertThat(RunPlan.of(full)).isEqualTo(RunPlan.fullPass(MARCH_3, RunPlan.Reason.SILVER_REFINED_IN_FULL));
    }

    @Test
    void anIncrementalRunBuildsOnAnEarlierDate() {
        assertThatThrownBy(() -> RunPlan.incremental(MARCH_3, MARCH_3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot plan a run as of 2026-03-03 incrementally since 2026-03-03");
        assertThatThrownBy(() -> RunPlan.fullPass(MARCH_3, RunPlan.Reason.BUILDS_ON_EARLIER)).isInstanceOf(IllegalArgumentException.class);
    }
}
