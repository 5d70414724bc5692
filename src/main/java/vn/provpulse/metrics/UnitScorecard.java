package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.contract.JoinKeys;
import vn.provpulse.refine.UnitMapTable;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.unit_scorecard: one row per current unit, month and period ('month', or 'ytd' pooling
 * January to that month of the same year), for every unit-month with data up to the month of D.
 * Year-to-date figures pool numerators and denominators; they never average monthly rates.
 */
public final class UnitScorecard {
    public static final String NAME = "unit_scorecard";
    /** The pooled sums the score needs, per unit and month. */
    static final List<String> SUMS = ScoreFormula.COUNTS;

    private UnitScorecard() {}

    public static Dataset<Row> build(Dataset<Row> tasks, Dataset<Row> feedback, Dataset<Row> ratings, Dataset<Row> unitMap,
                                     ProvPulseConfig.Scoring scoring, LocalDate asOf) {
        Dataset<Row> monthly = monthlySums(tasks, feedback, ratings).filter(MonthsBegun.filter(asOf));
        Dataset<Row> periods = monthly.withColumn(PERIOD, lit(PERIOD_MONTH)).unionByName(yearToDate(monthly).withColumn(PERIOD, lit(PERIOD_YTD)));
        Dataset<Row> scored = ScoreFormula.apply(periods, scoring)
                .join(currentUnits(unitMap), JoinKeys.of(UNIT_CODE), "left");
        Column rank = when(col(SCORE).isNotNull(), rank().over(Window.partitionBy(col(UNIT_TYPE), col(MONTH), col(PERIOD)).orderBy(col(SCORE).desc())));
        return scored.withColumn(RANK_IN_TYPE, rank).select(
                lit(asOf).as(AS_OF_DATE), col(UNIT_CODE), col(UNIT_NAME), col(UNIT_TYPE), col(MONTH), col(PERIOD),
                col(DUE_TASKS), col(ON_TIME), col(ON_TIME_RATE), col(ANSWER_ASSESSED), col(ANSWERED_ON_TIME), col(ON_TIME_ANSWER_RATE),
                col(RATINGS), col(SATISFIED_RATINGS), col(CSAT), col(ScoreFormula.COMPONENTS), col(SCORE), col(RANK_IN_TYPE),
                col(ScoreFormula.SCORE_REASON));
    }

    /** The three monthly tables' sums on one row per unit and month (0 where a source has no row). */
    static Dataset<Row> monthlySums(Dataset<Row> tasks, Dataset<Row> feedback, Dataset<Row> ratings) {
        Dataset<Row> taskSums = tasks.select(col(UNIT_CODE), col(MONTH), col(DUE_TASKS), col(ON_TIME));
        Dataset<Row> feedbackSums = feedback.select(col(UNIT_CODE), col(MONTH), col(ANSWER_ASSESSED), col(ANSWERED_ON_TIME));
        Dataset<Row> ratingSums = ratings.select(col(UNIT_CODE), col(MONTH), col(RATINGS), col(SATISFIED_RATINGS));
        return taskSums
                .join(feedbackSums, keys(), "full_outer")
                .join(ratingSums, keys(), "full_outer")
                .na().fill(0L, SUMS.toArray(String[]::new));
    }

    /** For each unit-month row, the sums of the same unit from January to that month. */
    static Dataset<Row> yearToDate(Dataset<Row> monthly) {
        Dataset<Row> through = monthly.select(col(UNIT_CODE).as("_unit"), col(MONTH).as("_month"));
        return pooled(through
                .join(monthly, col(UNIT_CODE).equalTo(col("_unit"))
                        .and(year(col(MONTH)).equalTo(year(col("_month"))))
                        .and(col(MONTH).leq(col("_month"))))
                .groupBy(col("_unit").as(UNIT_CODE), col("_month").as(MONTH)));
    }

    /** The score's numerators and denominators summed per group (never an average of rates). */
    static Dataset<Row> pooled(org.apache.spark.sql.RelationalGroupedDataset groups) {
        Column[] sums = SUMS.stream().map(Rate::pooledSum).toArray(Column[]::new);
        return groups.agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length));
    }

    static Dataset<Row> currentUnits(Dataset<Row> unitMap) {
        return unitMap.filter(col(UnitMapTable.IS_CURRENT))
                .select(col(UnitMapTable.UNIT_CODE).as(UNIT_CODE), col(UnitMapTable.UNIT_NAME).as(UNIT_NAME), col(UnitMapTable.UNIT_TYPE).as(UNIT_TYPE));
    }

    static scala.collection.immutable.Seq<String> keys() {
        return JoinKeys.of(UNIT_CODE, MONTH);
    }
}
