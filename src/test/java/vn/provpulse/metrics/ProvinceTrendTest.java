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

    @Test
    void rateColumnAgreesWithThePlainRate() {
        List<Row> checked = rows(spark, "numerator long, denominator long",
                new Object[] {2L, 3L}, new Object[] {0L, 5L}, new Object[] {0L, 0L}, new Object[] {18L, 5L}, new Object[] {1L, 7L})
                .select(col("numerator"), col("denominator"), Rate.column("numerator", "denominator")).collectAsList();
        assertThat(checked).hasSize(5).allSatisfy(row -> assertThat((Double) row.get(2))
                .isEqualTo(new Rate(row.getLong(0), row.getLong(1)).value()));
        assertThat(checked.get(0).getDouble(2)).isEqualTo(2.0 / 3.0);
        assertThat(checked.get(2).get(2)).isNull();
    }

    @Test
    void pooledSumsAgreeWithThePlainPooling() {
        // unit A: 1/1 + 1/3 = 2/4; unit B: 0/0 + 0/0, no value
        Row[] pooled = (Row[]) rows(spark, "unit string, on_time long, due_tasks long",
                new Object[] {"A", 1L, 1L}, new Object[] {"A", 1L, 3L}, new Object[] {"B", 0L, 0L}, new Object[] {"B", 0L, 0L})
                .groupBy(col("unit")).agg(Rate.pooledSum("on_time"), Rate.pooledSum("due_tasks"))
                .select(col("unit"), Rate.column("on_time", "due_tasks")).orderBy(col("unit")).collect();
        assertThat((Double) pooled[0].get(1)).isEqualTo(Rate.pooled(List.of(new Rate(1, 1), new Rate(1, 3))).value()).isEqualTo(0.5);
        assertThat((Double) pooled[1].get(1)).isEqualTo(Rate.pooled(List.of(new Rate(0, 0), new Rate(0, 0))).value()).isNull();
    }
}
