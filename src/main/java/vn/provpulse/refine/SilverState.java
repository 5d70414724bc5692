package vn.provpulse.refine;

import com.fasterxml.jackson.annotation.JsonProperty;
import vn.provpulse.storage.StateFile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the last refine left in silver: the date it is as of, how it got there (a full pass, or
 * incrementally since an earlier date) and which months of the latest-state tables it changed,
 * so that gold recomputes only those. Written last by refine, removed first: no state means the
 * silver tables may be half rewritten, and the next refine makes a full pass.
 *
 * @param since the as-of date of the silver this run built on; null after a full pass (in the file
 *        only: code reads how silver was refined as a {@link RunPlan}, with {@link RunPlan#of})
 * @param filesUpToAsOf ledger entries (any status) with a data date up to {@code asOf}: more of
 *        them later means files arrived late for dates silver already covers
 * @param taskDueMonths months of effective_due whose task_latest rows changed (incremental runs)
 * @param feedbackReceivedMonths months of received date whose feedback_latest rows changed
 * @param ratingMonths months of rated date that got new ratings
 */
public record SilverState(
        @JsonProperty("as_of") LocalDate asOf,
        LocalDate since,
        @JsonProperty("files_up_to_as_of") long filesUpToAsOf,
        @JsonProperty("default_response_days") int defaultResponseDays,
        @JsonProperty("task_due_months") List<LocalDate> taskDueMonths,
        @JsonProperty("feedback_received_months") List<LocalDate> feedbackReceivedMonths,
        @JsonProperty("rating_months") List<LocalDate> ratingMonths) {

    public SilverState {
        requireNonNull(asOf, "asOf is null");
        taskDueMonths = List.copyOf(taskDueMonths);
        feedbackReceivedMonths = List.copyOf(feedbackReceivedMonths);
        ratingMonths = List.copyOf(ratingMonths);
    }

    /** The state a refine that followed {@code plan} leaves. */
    public static SilverState after(RunPlan plan, long filesUpToAsOf, int defaultResponseDays, List<LocalDate> taskDueMonths,
                                    List<LocalDate> feedbackReceivedMonths, List<LocalDate> ratingMonths) {
        return new SilverState(plan.asOf(), plan.since().orElse(null), filesUpToAsOf, defaultResponseDays, taskDueMonths,
                feedbackReceivedMonths, ratingMonths);
    }

    public boolean incremental() {
        return since != null;
    }

    public static Optional<SilverState> read(Path file) {
        return StateFile.read(file, SilverState.class);
    }

    public void write(Path file) {
        StateFile.write(file, this);
    }

    public static void clear(Path file) {
        StateFile.clear(file);
    }
}
