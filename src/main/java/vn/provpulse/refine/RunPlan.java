package vn.provpulse.refine;

import vn.provpulse.ingest.FileLedger;
import vn.provpulse.storage.Rewrite;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * What a stage recomputes as of D, decided in plain Java before it reads a table: one full pass
 * over everything up to D, or incrementally since P (the date the tables it builds on are as of)
 * over the data dates (P, D]; and why (docs/incremental.md lists the cases). Refine plans from the
 * silver state and the ledger ({@link #forRefine}); gold from the silver and gold states
 * ({@code metrics.GoldPlan}).
 */
public final class RunPlan {
    /** Why a stage makes a full pass, or that it builds on its earlier tables. */
    public enum Reason {
        BUILDS_ON_EARLIER("nothing the earlier tables were computed from changed"),
        NO_SILVER_STATE("no silver state (first run, or a crash)"),
        SILVER_AS_OF_D_OR_LATER("silver is already as of D or later (a rerun, or an earlier date)"),
        RESPONSE_DAYS_CHANGED("feedback.default_response_days changed"),
        FILES_ARRIVED_LATE("files arrived late for dates silver already covers"),
        UNITS_SNAPSHOT_CHANGES_VERDICTS("a new units snapshot changes how earlier rows are judged"),
        SILVER_REFINED_IN_FULL("silver was refined in a full pass"),
        EARLIER_GOLD_NOT_AS_OF_SINCE("no complete earlier gold as of the date silver built on"),
        GOLD_SETTINGS_CHANGED("a setting gold depends on changed"),
        GOLD_TABLE_MISSING("a gold table is missing");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final LocalDate asOf;
    private final Optional<LocalDate> since;
    private final Reason reason;

    private RunPlan(LocalDate asOf, Optional<LocalDate> since, Reason reason) {
        this.asOf = requireNonNull(asOf, "asOf is null");
        this.since = requireNonNull(since, "since is null");
        this.reason = requireNonNull(reason, "reason is null");
    }

    public static RunPlan fullPass(LocalDate asOf, Reason reason) {
        if (reason == Reason.BUILDS_ON_EARLIER) {
            throw new IllegalArgumentException("Cannot plan a full pass as of " + asOf + ": " + reason + " is the reason of an incremental run");
        }
        return new RunPlan(asOf, Optional.empty(), reason);
    }

    public static RunPlan incremental(LocalDate since, LocalDate asOf) {
        requireNonNull(since, "since is null");
        if (!since.isBefore(asOf)) {
            throw new IllegalArgumentException("Cannot plan a run as of " + asOf + " incrementally since " + since + ": that date is not earlier");
        }
        return new RunPlan(asOf, Optional.of(since), Reason.BUILDS_ON_EARLIER);
    }

    /**
     * Refine as of D: incrementally since P, the date the last complete refine left silver as of,
     * unless there is no such silver, it is already as of D or later, the feedback deadline setting
     * changed, or the ledger holds more files dated up to P than when silver was built (late files).
     */
    public static RunPlan forRefine(Optional<SilverState> previous, FileLedger ledger, int defaultResponseDays, LocalDate asOf) {
        requireNonNull(previous, "previous is null");
        requireNonNull(ledger, "ledger is null");
        if (previous.isEmpty()) {
            return fullPass(asOf, Reason.NO_SILVER_STATE);
        }
        SilverState silver = previous.get();
        if (!silver.asOf().isBefore(asOf)) {
            return fullPass(asOf, Reason.SILVER_AS_OF_D_OR_LATER);
        }
        if (silver.defaultResponseDays() != defaultResponseDays) {
            return fullPass(asOf, Reason.RESPONSE_DAYS_CHANGED);
        }
        if (filesUpTo(ledger, silver.asOf()) != silver.filesUpToAsOf()) {
            return fullPass(asOf, Reason.FILES_ARRIVED_LATE);
        }
        return incremental(silver.asOf(), asOf);
    }

    /** How the silver of a state was refined (the reason of a full pass is not kept in the state). */
    public static RunPlan of(SilverState silver) {
        return silver.incremental() ? incremental(silver.since(), silver.asOf()) : fullPass(silver.asOf(), Reason.SILVER_REFINED_IN_FULL);
    }

    /** Ledger entries (any status) with a data date up to {@code date}. */
    public static long filesUpTo(FileLedger ledger, LocalDate date) {
        return ledger.files().stream().filter(entry -> !entry.dataDate().isAfter(date)).count();
    }

    /**
     * This plan once the units delivered in (P, D] are known: a full pass when they hold a new
     * snapshot that moves an earlier unit to another current unit or makes a quarantined code known
     * ({@code keepsEarlierVerdicts} is asked only for an incremental plan with a new snapshot).
     */
    public RunPlan afterUnitsSnapshot(boolean newSnapshot, BooleanSupplier keepsEarlierVerdicts) {
        if (fullPass() || !newSnapshot || keepsEarlierVerdicts.getAsBoolean()) {
            return this;
        }
        return fullPass(asOf, Reason.UNITS_SNAPSHOT_CHANGES_VERDICTS);
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The date the earlier tables are as of; empty for a full pass. */
    public Optional<LocalDate> since() {
        return since;
    }

    public Reason reason() {
        return reason;
    }

    public boolean fullPass() {
        return since.isEmpty();
    }

    /** Whether the run reads data of this date: up to D, and after P when incremental. */
    public boolean reads(LocalDate dataDate) {
        return !dataDate.isAfter(asOf) && since.map(dataDate::isAfter).orElse(true);
    }

    /** What a table sliced by month of data date rewrites: the whole table, or the slices of the months of (P, D]. */
    public Rewrite dataMonthSlices() {
        return since.map(date -> Rewrite.only(Slices.names(Slices.months(date.plusDays(1), asOf)))).orElse(Rewrite.entireTable());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunPlan plan && asOf.equals(plan.asOf) && since.equals(plan.since) && reason == plan.reason;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(asOf, since, reason);
    }

    @Override
    public String toString() {
        return since.map(date -> "incremental since " + date).orElse("full pass (" + reason.description() + ")");
    }
}
