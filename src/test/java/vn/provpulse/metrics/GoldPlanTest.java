package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;
import vn.provpulse.refine.RunPlan;
import vn.provpulse.refine.SilverState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every gold case of docs/incremental.md, decided without Spark; months worked out by hand. */
class GoldPlanTest {
    private static final String SETTINGS = "settings-a";
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);
    private static final LocalDate FEBRUARY = LocalDate.of(2026, 2, 1);
    private static final LocalDate MARCH = LocalDate.of(2026, 3, 1);
    private static final LocalDate APRIL = LocalDate.of(2026, 4, 1);
    private static final LocalDate MAY = LocalDate.of(2026, 5, 1);

    private final List<List<LocalDate>> asked = new ArrayList<>();

    private static SilverState silver(LocalDate since, LocalDate asOf, List<LocalDate> taskMonths, List<LocalDate> feedbackMonths,
                                      List<LocalDate> ratingMonths) {
        return new SilverState(asOf, since, 10, 15, taskMonths, feedbackMonths, ratingMonths);
    }

    private static Optional<GoldState> gold(LocalDate asOf) {
        return Optional.of(new GoldState(asOf, null, SETTINGS));
    }

    /** Unanswered feedback received in December 2025 fell due in the window asked. */
    private Set<LocalDate> decemberFallsDue(LocalDate from, LocalDate until) {
        asked.add(List.of(from, until));
        return Set.of(LocalDate.of(2025, 12, 1));
    }

    private static Set<LocalDate> notAsked(LocalDate from, LocalDate until) {
        throw new AssertionError("feedback falling due was asked for a full pass");
    }

    @Test
    void aNightCrossingIntoAMonthRecomputesTheChangedMonthsTheDaysFallenDueAndTheNewMonth() {
        // silver refined 30 March → 2 April; a task extended into May, one changed in January; feedback received in February; March ratings
        LocalDate since = LocalDate.of(2026, 3, 30);
        LocalDate asOf = LocalDate.of(2026, 4, 2);
        GoldPlan plan = GoldPlan.of(silver(since, asOf, List.of(MAY, JANUARY), List.of(FEBRUARY), List.of(MARCH)), gold(since), SETTINGS,
                true, this::decemberFallsDue);
        assertThat(plan.run()).isEqualTo(RunPlan.incremental(since, asOf));
        // January (changed), March and April (tasks fell due 30 March … 1 April), April (begun); May has not begun
        assertThat(plan.taskMonths()).containsExactly(JANUARY, MARCH, APRIL);
        // December (fell due in [30 March, 2 April)), February (changed), April (begun); not March
        assertThat(plan.feedbackMonths()).containsExactly(LocalDate.of(2025, 12, 1), FEBRUARY, APRIL);
        assertThat(asked).containsExactly(List.of(since, asOf));
        assertThat(plan.ratingMonths()).containsExactly(MARCH, APRIL);
    }

    @Test
    void aNightInsideAMonthRecomputesOnlyThatMonthForTasks() {
        LocalDate since = LocalDate.of(2026, 3, 10);
        GoldPlan plan = GoldPlan.of(silver(since, since.plusDays(1), List.of(), List.of(), List.of()), gold(since), SETTINGS, true,
                (from, until) -> Set.of());
        assertThat(plan.taskMonths()).containsExactly(MARCH);
        assertThat(plan.feedbackMonths()).isEmpty();
        assertThat(plan.ratingMonths()).isEmpty();
    }

    @Test
    void skippedNightsRecomputeEveryMonthBegunSince() {
        // 30 January → 1 March: tasks fell due from 30 January to 28 February; February and March began
        LocalDate since = LocalDate.of(2026, 1, 30);
        GoldPlan plan = GoldPlan.of(silver(since, MARCH, List.of(), List.of(), List.of()), gold(since), SETTINGS, true, (from, until) -> Set.of());
        assertThat(plan.taskMonths()).containsExactly(JANUARY, FEBRUARY, MARCH);
        assertThat(plan.feedbackMonths()).containsExactly(FEBRUARY, MARCH);
        assertThat(plan.ratingMonths()).containsExactly(FEBRUARY, MARCH);
    }

    @Test
    void silverRefinedInAFullPassRecomputesEveryMonth() {
        GoldPlan plan = GoldPlan.of(silver(null, MARCH, List.of(), List.of(), List.of()), gold(FEBRUARY), SETTINGS, true, GoldPlanTest::notAsked);
        assertThat(plan.run()).isEqualTo(RunPlan.fullPass(MARCH, RunPlan.Reason.SILVER_REFINED_IN_FULL));
        assertThat(plan).hasToString("every month recomputed (silver was refined in a full pass)");
        assertThatThrownBy(plan::taskMonths).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot list the months to recompute as of 2026-03-01: a full pass recomputes every month");
    }

    @Test
    void goldNotAsOfTheDateSilverBuiltOnRecomputesEveryMonth() {
        LocalDate since = LocalDate.of(2026, 3, 10);
        SilverState silver = silver(since, since.plusDays(1), List.of(), List.of(), List.of());
        assertThat(GoldPlan.of(silver, Optional.empty(), SETTINGS, true, GoldPlanTest::notAsked).run().reason())
                .as("no gold state (first run, or a crash)").isEqualTo(RunPlan.Reason.EARLIER_GOLD_NOT_AS_OF_SINCE);
        assertThat(GoldPlan.of(silver, gold(since.minusDays(1)), SETTINGS, true, GoldPlanTest::notAsked).run().reason())
                .as("gold a day older than silver (refine ran twice)").isEqualTo(RunPlan.Reason.EARLIER_GOLD_NOT_AS_OF_SINCE);
    }

    @Test
    void changedSettingsRecomputeEveryMonth() {
        LocalDate since = LocalDate.of(2026, 3, 10);
        GoldPlan plan = GoldPlan.of(silver(since, since.plusDays(1), List.of(), List.of(), List.of()), gold(since), "settings-b", true,
                GoldPlanTest::notAsked);
        assertThat(plan.run().reason()).isEqualTo(RunPlan.Reason.GOLD_SETTINGS_CHANGED);
    }

    @Test
    void aMissingGoldTableRecomputesEveryMonth() {
        LocalDate since = LocalDate.of(2026, 3, 10);
        GoldPlan plan = GoldPlan.of(silver(since, since.plusDays(1), List.of(), List.of(), List.of()), gold(since), SETTINGS, false,
                GoldPlanTest::notAsked);
        assertThat(plan.run().reason()).isEqualTo(RunPlan.Reason.GOLD_TABLE_MISSING);
        assertThat(plan.fullPass()).isTrue();
    }

    @Test
    void theGoldStateNamesTheGoldItBuiltOn() {
        LocalDate since = LocalDate.of(2026, 3, 10);
        assertThat(GoldState.after(RunPlan.incremental(since, since.plusDays(1)), SETTINGS).builtOn()).isEqualTo(since);
        assertThat(GoldState.after(RunPlan.fullPass(since, RunPlan.Reason.GOLD_TABLE_MISSING), SETTINGS).builtOn()).isNull();
    }
}
