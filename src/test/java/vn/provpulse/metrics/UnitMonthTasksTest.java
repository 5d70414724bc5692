package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.provpulse.testing.SparkTestCase;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.provpulse.testing.Fixtures.collect;
import static vn.provpulse.testing.Fixtures.date;
import static vn.provpulse.testing.Fixtures.rows;

class UnitMonthTasksTest extends SparkTestCase {
    private static final String LATEST = "task_id string, current_unit_code string, status string, due_date date, extended_due_date date, "
            + "effective_due date, completed_date date";
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 15);



    private static Object[] task(String id, String unit, String status, String due, String extended, String completed) {
        return new Object[] {id, unit, status, date(due), date(extended), date(extended != null ? extended : due), date(completed)};
    }

    private static Map<String, Object> march() {
        Dataset<Row> latest = rows(spark, LATEST,
                task("completed-on-due-date", "A", "completed", "2026-03-10", null, "2026-03-10"),
                task("completed-late", "A", "completed", "2026-03-11", null, "2026-03-12"),
                task("open-due-on-as-of-date", "A", "open", "2026-03-15", null, null),
                task("open-overdue", "A", "in_progress", "2026-03-14", null, null),
                task("cancelled", "A", "cancelled", "2026-03-05", null, null),
                task("extended-then-done", "A", "completed", "2026-03-05", "2026-03-09", "2026-03-08"),
                task("done-early-for-april", "A", "completed", "2026-04-20", null, "2026-03-01"),
                task("open-for-may", "A", "open", "2026-05-02", null, null));
        List<Map<String, Object>> result = collect(UnitMonthTasks.build(latest, AS_OF));
        // the tasks due in April and May count from their own month on: no row for a month that has not begun
        assertThat(result).extracting(row -> row.get("month")).containsExactly(LocalDate.of(2026, 3, 1));
        return result.get(0);
    }

    /** A task completed in March (on the 20th) but due on 10 April, beside a task due and completed in March. */
    private static Dataset<Row> doneInMarchForApril() {
        return rows(spark, LATEST,
                task("due-in-march", "A", "completed", "2026-03-10", null, "2026-03-09"),
                task("done-in-march-for-april", "A", "completed", "2026-04-10", null, "2026-03-20"));
    }

    @Test
    void dueTasksAreCompletedPlusOpenPastTheirDueDate() {
        // completed: 3 (on due date, late, extended); open past due: 1; due on D itself is not yet assessable
        assertThat(march()).containsEntry("tasks", 5L).containsEntry("due_tasks", 4L).containsEntry("not_yet_due", 1L);
    }

    @Test
    void taskCompletedOnItsDueDateIsOnTime() {
        Map<String, Object> march = march();
        assertThat(march).containsEntry("on_time", 2L).containsEntry("late", 1L).containsEntry("overdue_open", 1L);
        assertThat((double) march.get("on_time_rate")).isCloseTo(2.0 / 4, within(1e-12));
    }

    @Test
    void strictRateUsesTheOriginalDueDateOnTheSameRows() {
        Map<String, Object> march = march();
        assertThat(march).containsEntry("on_time_strict", 1L).containsEntry("extended", 1L);
        assertThat((double) march.get("on_time_rate_strict")).isCloseTo(1.0 / 4, within(1e-12));
    }

    @Test
    void monthOfDWithOnlyTasksNotYetDueHasARowWithoutARate() {
        Dataset<Row> latest = rows(spark, LATEST, task("due-later-this-month", "B", "open", "2026-03-20", null, null));
        Map<String, Object> march = collect(UnitMonthTasks.build(latest, AS_OF)).get(0);
        assertThat(march).containsEntry("month", LocalDate.of(2026, 3, 1)).containsEntry("tasks", 1L).containsEntry("due_tasks", 0L)
                .containsEntry("not_yet_due", 1L).containsEntry("on_time_rate", null);
    }

    @Test
    void taskCompletedInMarchButDueInAprilIsInNoRowAsOf31March() {
        List<Map<String, Object>> result = collect(UnitMonthTasks.build(doneInMarchForApril(), date("2026-03-31")));
        assertThat(result).hasSize(1);
        assertThat(result.get(0)).containsEntry("month", LocalDate.of(2026, 3, 1)).containsEntry("tasks", 1L).containsEntry("due_tasks", 1L)
                .containsEntry("on_time", 1L);
    }

    @Test
    void taskCompletedInMarchButDueInAprilIsOnTimeInAprilsRowAsOf1April() {
        List<Map<String, Object>> result = collect(UnitMonthTasks.build(doneInMarchForApril(), date("2026-04-01")).orderBy(col("month")));
        assertThat(result).extracting(row -> row.get("month")).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
        assertThat(result.get(1)).containsEntry("tasks", 1L).containsEntry("due_tasks", 1L).containsEntry("on_time", 1L).containsEntry("late", 0L)
                .containsEntry("on_time_rate", 1.0);
    }

    @Test
    void overdueOpenColumnAgreesWithThePlainRule() {
        Dataset<Row> latest = rows(spark, LATEST,
                task("open-day-before", "A", "open", "2026-03-14", null, null),
                task("in-progress-extended-past", "A", "in_progress", "2026-03-01", "2026-03-10", null),
                task("in-progress-extended-to-d", "A", "in_progress", "2026-03-01", "2026-03-15", null),
                task("open-due-on-d", "A", "open", "2026-03-15", null, null),
                task("completed-late", "A", "completed", "2026-03-01", null, "2026-03-20"),
                task("cancelled-past-due", "A", "cancelled", "2026-03-01", null, null));
        List<Row> checked = latest.select(col("task_id"), col("status"), col("effective_due"), TaskRules.overdueOpen(AS_OF)).collectAsList();
        assertThat(checked).hasSize(6).allSatisfy(row -> assertThat(row.getBoolean(3))
                .as(row.getString(0)).isEqualTo(TaskRules.isOverdueOpen(row.getString(1), row.getLocalDate(2), AS_OF)));
        assertThat(checked).filteredOn(row -> row.getBoolean(3)).extracting(row -> row.getString(0))
                .containsExactly("open-day-before", "in-progress-extended-past");
    }
}
