package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.contract.Ratings;
import vn.provpulse.refine.SilverColumns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.unit_month_ratings: citizen satisfaction with administrative procedures. One row per
 * current unit and month of the local rating date, up to the month of D.
 */
public final class UnitMonthRatings {
    public static final String NAME = "unit_month_ratings";
    public static final double Z_95 = 1.96;
    private static final double Z_95_SQUARED = Z_95 * Z_95;

    private UnitMonthRatings() {}

    public static Dataset<Row> build(Dataset<Row> ratings, LocalDate asOf) {
        List<Column> aggregates = new ArrayList<>(List.of(
                count(lit(1)).as(RATINGS),
                sum(col(Ratings.SCORE).cast("long")).as(SCORE_SUM),
                sum(flag(col(Ratings.SCORE).geq(4))).as(SATISFIED_RATINGS),
                sum(flag(col(Ratings.SCORE).leq(2))).as(DISSATISFIED_RATINGS)));
        for (String criterion : Ratings.CRITERIA) {
            aggregates.add(avg(col(criterion)).as(meanOf(criterion)));
        }
        Dataset<Row> grouped = ratings
                .groupBy(col(SilverColumns.CURRENT_UNIT_CODE).as(UNIT_CODE), trunc(col(Ratings.RATED_DATE), "month").as(MONTH))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .filter(MonthsBegun.filter(asOf));
        List<Column> output = new ArrayList<>(List.of(lit(asOf).as(AS_OF_DATE), col(UNIT_CODE), col(MONTH), col(RATINGS),
                Rate.column(SCORE_SUM, RATINGS).as(MEAN_SCORE), col(SATISFIED_RATINGS), col(DISSATISFIED_RATINGS),
                Rate.column(SATISFIED_RATINGS, RATINGS).as(CSAT), Rate.column(DISSATISFIED_RATINGS, RATINGS).as(DISSATISFIED),
                wilsonLowerBound(col(SATISFIED_RATINGS), col(RATINGS)).as(CSAT_LOWER95), col(SCORE_SUM)));
        Ratings.CRITERIA.forEach(criterion -> output.add(col(meanOf(criterion))));
        return grouped.select(output.toArray(Column[]::new));
    }

    public static String meanOf(String criterion) {
        return "mean_" + criterion;
    }

    /** Wilson score interval's lower bound for successes out of n, z = 1.96; null when n is 0. */
    public static Double wilsonLowerBound(long successes, long n) {
        if (n <= 0) {
            return null;
        }
        double total = n;
        double p = successes / total;
        double centre = p + Z_95_SQUARED / (total * 2);
        double margin = Z_95 * Math.sqrt(p * (1 - p) / total + Z_95_SQUARED / (total * total * 4));
        return (centre - margin) / (1 + Z_95_SQUARED / total);
    }

    /** The Spark form of {@link #wilsonLowerBound(long, long)}, with the same operations in the same order. */
    public static Column wilsonLowerBound(Column successes, Column n) {
        Column total = n.cast("double");
        Column p = successes.cast("double").divide(total);
        Column centre = p.plus(lit(Z_95_SQUARED).divide(total.multiply(2)));
        Column margin = lit(Z_95).multiply(sqrt(p.multiply(lit(1).minus(p)).divide(total).plus(lit(Z_95_SQUARED).divide(total.multiply(total).multiply(4)))));
        return when(n.gt(0), centre.minus(margin).divide(lit(1).plus(lit(Z_95_SQUARED).divide(total))));
    }
}
