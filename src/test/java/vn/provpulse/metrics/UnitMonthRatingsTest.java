package vn.provpulse.metrics;

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

class UnitMonthRatingsTest extends SparkTestCase {
    private static final String RATINGS = "rating_id string, current_unit_code string, rated_date date, score int, access int, procedure int, "
            + "staff int, result int, complaint_handling int";

    private static Object[] rating(String id, int score, Integer staff) {
        return rating(id, "2026-03-10", score, staff);
    }

    private static Object[] rating(String id, String ratedDate, int score, Integer staff) {
        return new Object[] {id, "A", date(ratedDate), score, null, null, staff, null, null};
    }

    @Test
    void ratingAfterTheMonthOfDIsInNoRow() {
        // ingest quarantines a rating later than its export date; the month cut holds even so
        List<Map<String, Object>> result = collect(UnitMonthRatings.build(rows(spark, RATINGS,
                rating("R1", "2026-03-31", 5, null), rating("R2", "2026-04-01", 1, null)), LocalDate.of(2026, 3, 31)));
        assertThat(result).extracting(row -> row.get("month")).containsExactly(LocalDate.of(2026, 3, 1));
        assertThat(result.get(0)).containsEntry("ratings", 1L).containsEntry("mean_score", 5.0);
    }

    @Test
    void sharesMeansAndWilsonLowerBound() {
        Map<String, Object> march = collect(UnitMonthRatings.build(rows(spark, RATINGS,
                rating("R1", 5, 4), rating("R2", 5, null), rating("R3", 4, 2), rating("R4", 3, null), rating("R5", 1, null)),
                LocalDate.of(2026, 3, 31))).get(0);
        assertThat(march).containsEntry("ratings", 5L).containsEntry("satisfied_ratings", 3L).containsEntry("dissatisfied_ratings", 1L);
        assertThat((double) march.get("mean_score")).isCloseTo(18.0 / 5, within(1e-12));
        assertThat((double) march.get("csat")).isCloseTo(0.6, within(1e-12));
        assertThat((double) march.get("dissatisfied")).isCloseTo(0.2, within(1e-12));
        assertThat((double) march.get("mean_staff")).isCloseTo(3.0, within(1e-12));
        // Wilson, p = 3/5, n = 5, z = 1.96: (0.6 + 3.8416/10 - 1.96 * sqrt(0.24/5 + 3.8416/100)) / (1 + 3.8416/5) ≈ 0.23072
        assertThat((double) march.get("csat_lower95")).isCloseTo(0.23072, within(1e-5));
    }

    @Test
    void wilsonLowerBoundColumnAgreesWithThePlainForm() {
        List<Row> checked = rows(spark, "satisfied long, ratings long",
                new Object[] {3L, 5L}, new Object[] {10L, 10L}, new Object[] {0L, 10L}, new Object[] {200L, 400L}, new Object[] {0L, 0L})
                .select(col("satisfied"), col("ratings"), UnitMonthRatings.wilsonLowerBound(col("satisfied"), col("ratings"))).collectAsList();
        assertThat(checked).hasSize(5).allSatisfy(row -> assertThat((Double) row.get(2))
                .isEqualTo(UnitMonthRatings.wilsonLowerBound(row.getLong(0), row.getLong(1))));
        assertThat(checked.get(4).get(2)).isNull();
    }
}
