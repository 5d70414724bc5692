package vn.provpulse.metrics;

import vn.provpulse.refine.RunPlan;
import vn.provpulse.refine.SilverState;
import vn.provpulse.refine.Slices;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What gold recomputes as of D, decided in plain Java: every month (a full pass), or, when silver
 * was refined incrementally since P and the earlier gold is complete, as of P, with the same
 * settings, only the months of each monthly table that can have changed (docs/incremental.md);
 * the daily tables then recompute the data dates after P.
 */
public final class GoldPlan {
    /** The months (first days) of received date of unanswered feedback whose deadline is in [from, until); read from silver. */
    @FunctionalInterface
    public interface FeedbackFallingDue {
        Set<LocalDate> receivedMonths(LocalDate from, LocalDate until);
    }

    private final RunPlan run;
    private final Set<LocalDate> taskMonths;
    private final Set<LocalDate> feedbackMonths;
    private final Set<LocalDate> ratingMonths;

    private GoldPlan(RunPlan run, Set<LocalDate> taskMonths, Set<LocalDate> feedbackMonths, Set<LocalDate> ratingMonths) {
        this.run = requireNonNull(run, "run is null");
        this.taskMonths = Set.copyOf(taskMonths);
        this.feedbackMonths = Set.copyOf(feedbackMonths);
        this.ratingMonths = Set.copyOf(ratingMonths);
    }

    /**
     * The plan for gold as of the date silver is as of. {@code fallingDue} is asked only for an
     * incremental plan.
     *
     * @param earlier the state of the last complete gold, if any
     * @param settings the fingerprint of the settings now ({@link GoldState#settingsOf})
     * @param everyTablePresent whether every gold table of the earlier gold exists
     */
    public static GoldPlan of(SilverState silver, Optional<GoldState> earlier, String settings, boolean everyTablePresent,
                              FeedbackFallingDue fallingDue) {
        requireNonNull(earlier, "earlier is null");
        requireNonNull(settings, "settings is null");
        LocalDate asOf = silver.asOf();
        if (!silver.incremental()) {
            return fullPass(asOf, RunPlan.Reason.SILVER_REFINED_IN_FULL);
        }
        LocalDate since = silver.since();
        if (earlier.isEmpty() || !earlier.get().asOf().equals(since)) {
            return fullPass(asOf, RunPlan.Reason.EARLIER_GOLD_NOT_AS_OF_SINCE);
        }
        if (!earlier.get().settings().equals(settings)) {
            return fullPass(asOf, RunPlan.Reason.GOLD_SETTINGS_CHANGED);
        }
        if (!everyTablePresent) {
            return fullPass(asOf, RunPlan.Reason.GOLD_TABLE_MISSING);
        }
        // open tasks fell due on the days P … D−1: their months' overdue counts change
        Set<LocalDate> tasks = new TreeSet<>(silver.taskDueMonths());
        tasks.addAll(Slices.months(since, asOf.minusDays(1)));
        Set<LocalDate> feedback = new TreeSet<>(silver.feedbackReceivedMonths());
        feedback.addAll(fallingDue.receivedMonths(since, asOf));
        return new GoldPlan(RunPlan.incremental(since, asOf), withMonthsBegun(tasks, since, asOf), withMonthsBegun(feedback, since, asOf),
                withMonthsBegun(silver.ratingMonths(), since, asOf));
    }

    private static GoldPlan fullPass(LocalDate asOf, RunPlan.Reason reason) {
        return new GoldPlan(RunPlan.fullPass(asOf, reason), Set.of(), Set.of(), Set.of());
    }

    /**
     * The changed months, plus the months begun since the earlier gold (it stopped at its own month,
     * so their rows must come from all of silver, not only from the new rows), none after D's month.
     */
    private static Set<LocalDate> withMonthsBegun(Collection<LocalDate> changed, LocalDate since, LocalDate asOf) {
        Set<LocalDate> months = new TreeSet<>(changed);
        months.addAll(MonthsBegun.after(since, asOf));
        return MonthsBegun.of(months, asOf);
    }

    /** Full pass, or incremental since the date of the earlier gold kept; and why. */
    public RunPlan run() {
        return run;
    }

    public boolean fullPass() {
        return run.fullPass();
    }

    /** unit_month_tasks: months of effective_due recomputed (the others are kept). */
    public Set<LocalDate> taskMonths() {
        return monthsOfIncremental(taskMonths);
    }

    /** unit_month_feedback: months of received date recomputed. */
    public Set<LocalDate> feedbackMonths() {
        return monthsOfIncremental(feedbackMonths);
    }

    /** unit_month_ratings: months of rated date recomputed. */
    public Set<LocalDate> ratingMonths() {
        return monthsOfIncremental(ratingMonths);
    }

    private Set<LocalDate> monthsOfIncremental(Set<LocalDate> months) {
        if (fullPass()) {
            throw new IllegalStateException("Cannot list the months to recompute as of " + run.asOf() + ": a full pass recomputes every month");
        }
        return new TreeSet<>(months);
    }

    @Override
    public String toString() {
        return fullPass() ? "every month recomputed (" + run.reason().description() + ")"
                : "months changed since " + run.since().orElseThrow() + " recomputed: tasks " + taskMonths() + ", feedback " + feedbackMonths()
                        + ", ratings " + ratingMonths();
    }
}
