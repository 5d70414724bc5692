package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import vn.provpulse.contract.Tasks;
import vn.provpulse.refine.SilverColumns;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * When a task (its latest state as of D) is completed, open, past due, and overdue and still open: one
 * definition for gold.unit_month_tasks, gold.overdue_register, gold.unit_classification and gold.integrity_flags, in a
 * plain form and a Spark form over silver's task columns.
 */
public final class TaskRules {
    /** Statuses of a task still to be done (neither completed nor cancelled). */
    public static final List<String> OPEN_STATUSES = List.of(Tasks.STATUS_OPEN, Tasks.STATUS_IN_PROGRESS);

    private TaskRules() {}

    public static boolean isOpen(String status) {
        return status != null && OPEN_STATUSES.contains(status);
    }

    /** Past due as of D: its effective due date (extended, else original) is before D; due on D itself is not yet. */
    public static boolean isPastDue(LocalDate effectiveDue, LocalDate asOf) {
        requireNonNull(asOf, "asOf is null");
        return effectiveDue != null && effectiveDue.isBefore(asOf);
    }

    /** Open and past its effective due date as of D. */
    public static boolean isOverdueOpen(String status, LocalDate effectiveDue, LocalDate asOf) {
        return isOpen(status) && isPastDue(effectiveDue, asOf);
    }

    /** Cancelled tasks count nowhere: not due, not open, not completed. */
    public static Column notCancelled() {
        return col(Tasks.STATUS).notEqual(Tasks.STATUS_CANCELLED);
    }

    public static Column completed() {
        return col(Tasks.STATUS).equalTo(Tasks.STATUS_COMPLETED);
    }

    public static Column open() {
        return col(Tasks.STATUS).isin(OPEN_STATUSES.toArray());
    }

    public static Column pastDue(LocalDate asOf) {
        return col(SilverColumns.EFFECTIVE_DUE).lt(lit(asOf));
    }

    public static Column overdueOpen(LocalDate asOf) {
        return open().and(pastDue(asOf));
    }
}
