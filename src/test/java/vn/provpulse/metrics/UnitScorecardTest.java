package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.provpulse.testing.Fixtures.collect;
import static vn.provpulse.testing.Fixtures.date;
import static vn.provpulse.testing.Fixtures.rows;

class UnitScorecardTest extends SparkTestCase {
    private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
    private static final LocalDate FEB = LocalDate.of(2026, 2, 1);
    private static List<Map<String, Object>> scorecard;

    @BeforeAll
    static void start() {
        Dataset<Row> tasks = rows(spark, "unit_code string, month date, due_tasks long, on_time long",
                new Object[] {"A", JAN, 10L, 8L}, new Object[] {"A", FEB, 10L, 10L},
                new Object[] {"B", JAN, 4L, 4L}, new Object[] {"C", JAN, 10L, 8L}, new Object[] {"D", JAN, 5L, 1L},
                new Object[] {"E", JAN, 5L, 5L});
        Dataset<Row> feedback = rows(spark, "unit_code string, month date, answer_assessed long, answered_on_time long",
                new Object[] {"A", JAN, 4L, 0L}, new Object[] {"A", FEB, 5L, 5L});
        Dataset<Row> ratings = rows(spark, "unit_code string, month date, ratings long, satisfied_ratings long",
                new Object[] {"A", JAN, 40L, 30L}, new Object[] {"B", JAN, 10L, 10L}, new Object[] {"C", JAN, 40L, 30L});
        Dataset<Row> unitMap = rows(spark, "unit_code string, current_unit_code string, unit_name string, unit_type string, is_current boolean",
                new Object[] {"A", "A", "Xã A", "commune", true}, new Object[] {"B", "B", "Xã B", "commune", true},
                new Object[] {"C", "C", "Xã C", "commune", true}, new Object[] {"D", "D", "Xã D", "commune", true},
                new Object[] {"E", "E", "Phường E", "ward", true});
        scorecard = collect(UnitScorecard.build(tasks, feedback, ratings, unitMap, TestSpark.config().scoring(), date("2026-02-28"))
                .orderBy(col("period"), col("unit_code"), col("month")));
    }


    private static Map<String, Object> row(String unit, LocalDate month, String period) {
        return scorecard.stream().filter(row -> row.get("unit_code").equals(unit) && row.get("month").equals(month) && row.get("period").equals(period))
                .findFirst().orElseThrow();
    }

    @Test
    void componentBelowItsMinimumIsLeftOutOfTheWeightedMean() {
        // tasks 8/10 (weight 50) and ratings 30/40 (weight 30); feedback 4 < minimum 5
        assertThat((double) row("A", JAN, "month").get("score")).isCloseTo(100 * (50 * 0.8 + 30 * 0.75) / 80, within(1e-9));
        assertThat(row("A", JAN, "month").get("components")).isEqualTo("tasks,ratings");
    }

    @Test
    void yearToDatePoolsNumeratorsAndDenominators() {
        // Jan+Feb: tasks 18/20, feedback 5/9, ratings 30/40
        Map<String, Object> ytd = row("A", FEB, "ytd");
        assertThat(ytd).containsEntry("due_tasks", 20L).containsEntry("answer_assessed", 9L);
        assertThat((double) ytd.get("score")).isCloseTo(100 * (50 * 0.9 + 20 * (5.0 / 9) + 30 * 0.75) / 100, within(1e-9));
        assertThat((double) row("A", FEB, "month").get("score")).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void unitUnderEveryMinimumHasNoScoreNoRankAndAReason() {
        Map<String, Object> unitB = row("B", JAN, "month");
        assertThat(unitB.get("score")).isNull();
        assertThat(unitB.get("rank_in_type")).isNull();
        assertThat((String) unitB.get("score_reason")).contains("not enough data").contains("tasks 4/5").contains("ratings 10/30");
    }

    @Test
    void tiesShareARankAndTheNextRankSkips() {
        assertThat(row("A", JAN, "month").get("rank_in_type")).isEqualTo(1);
        assertThat(row("C", JAN, "month").get("rank_in_type")).isEqualTo(1);
        assertThat(row("D", JAN, "month").get("rank_in_type")).isEqualTo(3);
        assertThat(row("E", JAN, "month").get("rank_in_type")).isEqualTo(1);
    }

    @Test
    void scoreColumnsAgreeWithThePlainFormula() {
        ProvPulseConfig.Scoring scoring = TestSpark.config().scoring();
        Object[][] sums = {
                {10L, 8L, 4L, 0L, 40L, 30L}, {20L, 18L, 9L, 5L, 40L, 30L}, {4L, 4L, 0L, 0L, 10L, 10L},
                {5L, 1L, 5L, 5L, 30L, 29L}, {7L, 3L, 6L, 5L, 31L, 17L}, {0L, 0L, 0L, 0L, 0L, 0L}};
        List<Row> checked = ScoreFormula.apply(rows(spark, "due_tasks long, on_time long, answer_assessed long, answered_on_time long, "
                + "ratings long, satisfied_ratings long", sums), scoring).collectAsList();
        assertThat(checked).hasSize(sums.length).allSatisfy(row -> {
            ScoreFormula.Sums plain = new ScoreFormula.Sums(new Rate(row.getAs("on_time"), row.getAs("due_tasks")),
                    new Rate(row.getAs("answered_on_time"), row.getAs("answer_assessed")), new Rate(row.getAs("satisfied_ratings"), row.getAs("ratings")));
            assertThat((Double) row.getAs("score")).isEqualTo(ScoreFormula.score(plain, scoring));
            assertThat((String) row.getAs("components")).isEqualTo(ScoreFormula.components(plain, scoring));
            assertThat((String) row.getAs("score_reason")).isEqualTo(ScoreFormula.reason(plain, scoring));
            assertThat((Double) row.getAs("on_time_rate")).isEqualTo(plain.tasks().value());
            assertThat((Double) row.getAs("on_time_answer_rate")).isEqualTo(plain.feedback().value());
            assertThat((Double) row.getAs("csat")).isEqualTo(plain.ratings().value());
        });
        // 100 × (50 × 0.9 + 20 × 5/9 + 30 × 0.75) / 100, the pooled year to date of unit A above
        assertThat((double) checked.get(1).getAs("score")).isCloseTo(67.5 + 100.0 / 9, within(1e-9));
    }
}
