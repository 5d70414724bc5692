package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.contract.Tasks;
import vn.provpulse.refine.SilverColumns;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.unit_month_tasks: on-time completion. One row per current unit and month of
 * effective_due that has a task due (cancelled tasks excluded), up to the month of D, using each
 * task's latest state as of D. A task due after D's month, even one completed early, is in no row yet.
 */
public final class UnitMonthTasks {
    public static final String NAME = "unit_month_tasks";

    private UnitMonthTasks() {}

    public static Dataset<Row> build(Dataset<Row> taskLatest, LocalDate asOf) {
        Column completed = TaskRules.completed();
        Column pastDue = TaskRules.pastDue(asOf);
        return taskLatest
                .filter(TaskRules.notCancelled())
                .groupBy(col(SilverColumns.CURRENT_UNIT_CODE).as(UNIT_CODE), trunc(col(SilverColumns.EFFECTIVE_DUE), "month").as(MONTH))
                .agg(
                        count(lit(1)).as(TASKS),
                        sum(flag(completed.or(pastDue))).as(DUE_TASKS),
                        sum(flag(completed.and(col(Tasks.COMPLETED_DATE).leq(col(SilverColumns.EFFECTIVE_DUE))))).as(ON_TIME),
                        sum(flag(completed.and(col(Tasks.COMPLETED_DATE).gt(col(SilverColumns.EFFECTIVE_DUE))))).as(LATE),
                        sum(flag(TaskRules.overdueOpen(asOf))).as(OVERDUE_OPEN),
                        sum(flag(completed.and(col(Tasks.COMPLETED_DATE).leq(col(Tasks.DUE_DATE))))).as(ON_TIME_STRICT),
                        sum(flag(col(Tasks.EXTENDED_DUE_DATE).isNotNull())).as(EXTENDED),
                        sum(flag(TaskRules.open().and(not(pastDue)))).as(NOT_YET_DUE))
                .filter(MonthsBegun.filter(asOf))
                .select(
                        lit(asOf).as(AS_OF_DATE), col(UNIT_CODE), col(MONTH), col(TASKS), col(DUE_TASKS), col(ON_TIME), col(LATE),
                        col(OVERDUE_OPEN), Rate.column(ON_TIME, DUE_TASKS).as(ON_TIME_RATE), col(ON_TIME_STRICT),
                        Rate.column(ON_TIME_STRICT, DUE_TASKS).as(ON_TIME_RATE_STRICT), col(EXTENDED), col(NOT_YET_DUE));
    }
}
