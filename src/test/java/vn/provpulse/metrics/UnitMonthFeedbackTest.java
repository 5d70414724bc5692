package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provpulse.refine.Refiner;
import vn.provpulse.testing.SparkTestCase;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.provpulse.testing.Fixtures.collect;
import static vn.provpulse.testing.Fixtures.date;
import static vn.provpulse.testing.Fixtures.instant;
import static vn.provpulse.testing.Fixtures.rows;

class UnitMonthFeedbackTest extends SparkTestCase {
    private static final String HISTORY = "feedback_id string, current_unit_code string, status string, received_date date, "
            + "response_deadline date, responded_at timestamp, responded_date date, citizen_satisfied string, "
            + "data_date date, source_file string, line_number int";
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 20);
    private static Map<String, Object> march;

    @BeforeAll
    static void start() {
        Dataset<Row> history = rows(spark, HISTORY,
                // F1 first delivered unanswered, then answered on its default deadline (received 03-01 + 15 days)
                item("F1", "received", "2026-03-01", null, null, null, "2026-03-01", 2),
                item("F1", "closed", "2026-03-01", null, "2026-03-16", "yes", "2026-03-17", 2),
                item("F2", "responded", "2026-03-02", null, "2026-03-18", null, "2026-03-18", 3),
                item("F3", "processing", "2026-03-03", "2026-03-05", null, null, "2026-03-04", 2),
                item("F4", "received", "2026-03-10", null, null, null, "2026-03-10", 2),
                item("F5", "out_of_scope", "2026-03-04", null, null, null, "2026-03-05", 2),
                item("F6", "closed", "2026-03-05", null, "2026-03-06", "no", "2026-03-07", 2));
        march = collect(UnitMonthFeedback.build(Refiner.feedbackLatest(history, 15), AS_OF)).get(0);
    }


    private static Object[] item(String id, String status, String received, String deadline, String responded, String satisfied,
                                 String delivered, int line) {
        return new Object[] {id, "A", status, date(received), date(deadline),
                responded == null ? null : instant(responded + "T10:00:00+07:00"), date(responded), satisfied,
                date(delivered), "feedback_A.csv", line};
    }

    @Test
    void itemReceivedAfterTheMonthOfDIsInNoRow() {
        // ingest quarantines an item received after its export date; the month cut holds even so
        Dataset<Row> history = rows(spark, HISTORY,
                item("F7", "received", "2026-03-19", null, null, null, "2026-03-19", 2),
                item("F8", "received", "2026-04-02", null, null, null, "2026-04-02", 2));
        List<Map<String, Object>> result = collect(UnitMonthFeedback.build(Refiner.feedbackLatest(history, 15), AS_OF));
        assertThat(result).extracting(row -> row.get("month")).containsExactly(LocalDate.of(2026, 3, 1));
        assertThat(result.get(0)).containsEntry("received", 1L);
    }

    @Test
    void outOfScopeItemsAreLeftOut() {
        assertThat(march).containsEntry("received", 5L);
    }

    @Test
    void lastDeliveredRecordIsTheItemsState() {
        assertThat(march).containsEntry("answered", 3L);
    }

    @Test
    void answeredOnTheDeadlinesDateIsOnTime() {
        assertThat(march).containsEntry("answered_on_time", 2L).containsEntry("answered_late", 1L);
    }

    @Test
    void unansweredPastAnExplicitDeadlineIsOverdue() {
        assertThat(march).containsEntry("overdue_open", 1L).containsEntry("answer_assessed", 4L);
        assertThat((double) march.get("on_time_answer_rate")).isCloseTo(2.0 / 4, within(1e-12));
    }

    @Test
    void lateOrUnsatisfiedAnswersCountOnceAgainstSatisfaction() {
        // answered 3; F2 late, F6 citizen_satisfied = no → (3 - 2) / 3
        assertThat((double) march.get("satisfaction_rate")).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void medianDaysToAnswerOverAnsweredItems() {
        // F1 15 days, F2 16 days, F6 1 day
        assertThat((double) march.get("median_days_to_answer")).isEqualTo(15.0);
    }
}
