package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provpulse.testing.SparkTestCase;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.provpulse.testing.Fixtures.collect;
import static vn.provpulse.testing.Fixtures.rows;

class ProvinceTrendTest extends SparkTestCase {
    private static final LocalDate JAN_2025 = LocalDate.of(2025, 1, 1);
    private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
    private static final LocalDate FEB = LocalDate.of(2026, 2, 1);
    private static List<Map<String, Object>> trend;

    @BeforeAll
    static void start() {
        Dataset<Row> tasks = rows(spark, "unit_code string, month date, due_tasks long, on_time long, on_time_strict long, late long, overdue_open long",
                new Object[] {"A", JAN_2025, 10L, 5L, 5L, 5L, 0L},
                new Object[] {"A", JAN, 10L, 8L, 8L, 2L, 0L}, new Object[] {"B", JAN, 10L, 4L, 3L, 6L, 0L},
                new Object[] {"A", FEB, 5L, 5L, 5L, 0L, 0L});
        Dataset<Row> feedback = rows(spark, "unit_code string, month date, received long, answered long, answered_on_time long, "
                + "answered_late long, overdue_open long, answer_assessed long, unsatisfied_answers long",
                new Object[] {"C", FEB, 3L, 2L, 1L, 1L, 1L, 3L, 1L});
        Dataset<Row> ratings = rows(spark, "unit_code string, month date, ratings long, score_sum long, satisfied_ratings long, dissatisfied_ratings long");
        trend = collect(ProvinceTrend.build(tasks, feedback, ratings, LocalDate.of(2026, 2, 28)).orderBy(col("month")));
    }


    @Test
    void ratesAreRatiosOfProvinceSums() {
        Map<String, Object> january = trend.get(1);
        assertThat(january).containsEntry("month", JAN).containsEntry("due_tasks", 20L).containsEntry("units_reporting", 2L);
        assertThat((double) january.get("on_time_rate")).isCloseTo(12.0 / 20, within(1e-12));
    }

    @Test
    void changesAreDifferencesOfRatesAgainstLastMonthAndLastYear() {
        assertThat((double) trend.get(1).get("on_time_rate_change_yoy")).isCloseTo(0.6 - 0.5, within(1e-12));
        assertThat(trend.get(1).get("on_time_rate_change_mom")).isNull();
        Map<String, Object> february = trend.get(2);
        assertThat((double) february.get("on_time_rate_change_mom")).isCloseTo(1.0 - 0.6, within(1e-12));
        assertThat(february.get("on_time_rate_change_yoy")).isNull();
    }

    @Test
    void unitsReportingCountsUnitsWithARowInAnySource() {
        assertThat(trend.get(2)).containsEntry("units_reporting", 2L);
        assertThat((double) trend.get(2).get("on_time_answer_rate")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(trend.get(2).get("csat")).isNull();
    }
}
