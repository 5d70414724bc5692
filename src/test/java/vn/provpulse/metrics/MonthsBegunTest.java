package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.provpulse.refine.Refiner;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.provpulse.testing.Fixtures.collect;
import static vn.provpulse.testing.Fixtures.date;
import static vn.provpulse.testing.Fixtures.rows;

/**
 * docs/metrics.md, "No month that has not begun": monthly rows stop at the month of D. Unit A has five tasks due in March
 * (four on time, one late) and one completed on 20 March but due on 10 April: as of 31 March the
 * scorecard and the trend have March only (80); as of 1 April April appears, its task on time.
 */
class MonthsBegunTest extends SparkTestCase {
    private static final LocalDate MARCH = LocalDate.of(2026, 3, 1);
    private static final LocalDate APRIL = LocalDate.of(2026, 4, 1);
    private static final String LATEST = "task_id string, current_unit_code string, status string, due_date date, extended_due_date date, "
            + "effective_due date, completed_date date";

    private static Object[] completed(String id, String due, String completed) {
        return new Object[] {id, "A", "completed", date(due), null, date(due), date(completed)};
    }

    private static Dataset<Row> tasks(LocalDate asOf) {
        return UnitMonthTasks.build(rows(spark, LATEST,
                completed("M1", "2026-03-02", "2026-03-02"), completed("M2", "2026-03-03", "2026-03-01"),
                completed("M3", "2026-03-04", "2026-03-04"), completed("M4", "2026-03-05", "2026-03-05"),
                completed("M5-late", "2026-03-06", "2026-03-09"),
                completed("done-early-for-april", "2026-04-10", "2026-03-20")), asOf);
    }

    private static Dataset<Row> noFeedback(LocalDate asOf) {
        return UnitMonthFeedback.build(Refiner.feedbackLatest(rows(spark, "feedback_id string, current_unit_code string, status string, "
                + "received_date date, response_deadline date, responded_at timestamp, responded_date date, citizen_satisfied string, "
                + "data_date date, source_file string, line_number int"), 15), asOf);
    }

    private static Dataset<Row> noRatings(LocalDate asOf) {
        return UnitMonthRatings.build(rows(spark, "rating_id string, current_unit_code string, rated_date date, score int, access int, "
                + "procedure int, staff int, result int, complaint_handling int"), asOf);
    }

    private static List<Map<String, Object>> scorecard(LocalDate asOf) {
        Dataset<Row> unitMap = rows(spark, "unit_code string, current_unit_code string, unit_name string, unit_type string, is_current boolean",
                new Object[] {"A", "A", "Xã A", "commune", true});
        return collect(UnitScorecard.build(tasks(asOf), noFeedback(asOf), noRatings(asOf), unitMap, TestSpark.config().scoring(), asOf)
                .orderBy(col("month"), col("period")));
    }

    private static List<Map<String, Object>> trend(LocalDate asOf) {
        return collect(ProvinceTrend.build(tasks(asOf), noFeedback(asOf), noRatings(asOf), asOf).orderBy(col("month")));
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, LocalDate month, String period) {
        return rows.stream().filter(row -> row.get("month").equals(month) && row.get("period").equals(period)).findFirst().orElseThrow();
    }

    @Test
    void asOf31MarchTheScorecardHasMarchOnlyAndItsYearToDateLeavesOutTheAprilTask() {
        List<Map<String, Object>> rows = scorecard(date("2026-03-31"));
        assertThat(rows).extracting(row -> row.get("month")).containsOnly(MARCH);
        // tasks 4/5 on time, the only component: 100 × 0.8
        assertThat(row(rows, MARCH, "ytd")).containsEntry("due_tasks", 5L).containsEntry("on_time", 4L);
        assertThat((double) row(rows, MARCH, "ytd").get("score")).isCloseTo(80.0, within(1e-9));
    }

    @Test
    void theAprilScorecardAppearsOn1April() {
        List<Map<String, Object>> rows = scorecard(date("2026-04-01"));
        assertThat(rows).extracting(row -> row.get("month")).containsOnly(MARCH, APRIL);
        // April alone: 1 task due, under the minimum of 5, so no score and no rank
        assertThat(row(rows, APRIL, "month")).containsEntry("due_tasks", 1L).containsEntry("on_time", 1L)
                .containsEntry("score", null).containsEntry("rank_in_type", null);
        // April ytd pools March and April: 5 on time of 6
        assertThat(row(rows, APRIL, "ytd")).containsEntry("due_tasks", 6L).containsEntry("on_time", 5L);
        assertThat((double) row(rows, APRIL, "ytd").get("score")).isCloseTo(100.0 * 5 / 6, within(1e-9));
        // March's ytd still stops at March
        assertThat(row(rows, MARCH, "ytd")).containsEntry("due_tasks", 5L).containsEntry("on_time", 4L);
    }

    @Test
    void theTrendHasNoMonthAfterTheMonthOfD() {
        assertThat(trend(date("2026-03-31"))).extracting(row -> row.get("month")).containsExactly(MARCH);
        List<Map<String, Object>> trend = trend(date("2026-04-01"));
        assertThat(trend).extracting(row -> row.get("month")).containsExactly(MARCH, APRIL);
        assertThat(trend.get(1)).containsEntry("due_tasks", 1L).containsEntry("on_time_rate", 1.0).containsEntry("units_reporting", 1L);
        assertThat((double) trend.get(1).get("on_time_rate_change_mom")).isCloseTo(1.0 - 0.8, within(1e-12));
    }

    @Test
    void scorecardAndTrendCutMonthlyRowsGivenToThemForALaterMonth() {
        // monthly rows as a later run would have them (March and April), given with D = 31 March
        LocalDate asOf = date("2026-03-31");
        Dataset<Row> tasksOfApril1 = tasks(date("2026-04-01"));
        Dataset<Row> unitMap = rows(spark, "unit_code string, current_unit_code string, unit_name string, unit_type string, is_current boolean",
                new Object[] {"A", "A", "Xã A", "commune", true});
        Set<Object> scorecardMonths = Set.copyOf(collect(UnitScorecard.build(tasksOfApril1, noFeedback(asOf), noRatings(asOf), unitMap,
                TestSpark.config().scoring(), asOf)).stream().map(row -> row.get("month")).toList());
        assertThat(scorecardMonths).containsOnly(MARCH);
        assertThat(collect(ProvinceTrend.build(tasksOfApril1, noFeedback(asOf), noRatings(asOf), asOf))).extracting(row -> row.get("month"))
                .containsExactly(MARCH);
    }

    @Test
    void monthsToRecomputeIncludeEveryMonthBegunSinceTheEarlierGoldAndNoneAfterD() {
        assertThat(MonthsBegun.after(date("2026-03-31"), date("2026-04-01"))).containsExactly(APRIL);
        assertThat(MonthsBegun.after(date("2026-03-30"), date("2026-03-31"))).isEmpty();
        assertThat(MonthsBegun.after(date("2026-01-31"), date("2026-04-01"))).containsExactly(date("2026-02-01"), MARCH, APRIL);
        assertThat(MonthsBegun.of(Set.of(MARCH, APRIL, date("2026-06-01")), date("2026-03-31"))).containsExactly(MARCH);
    }
}
