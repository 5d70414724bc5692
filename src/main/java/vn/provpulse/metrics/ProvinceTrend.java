package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.province_trend: one row per month with data, up to the month of D; rates are ratios of province sums, with the
 * change against the previous month and the same month a year before (differences of rates).
 */
public final class ProvinceTrend {
    public static final String NAME = "province_trend";
    public static final String UNITS_REPORTING = "units_reporting";
    public static final String FEEDBACK_OVERDUE_OPEN = "feedback_overdue_open";
    /** The rates that get month-on-month and year-on-year changes. */
    public static final List<String> RATES = List.of(ON_TIME_RATE, ON_TIME_RATE_STRICT, ON_TIME_ANSWER_RATE, SATISFACTION_RATE,
            CSAT, DISSATISFIED, MEAN_SCORE);

    private ProvinceTrend() {}

    public static Dataset<Row> build(Dataset<Row> tasks, Dataset<Row> feedback, Dataset<Row> ratings, LocalDate asOf) {
        Dataset<Row> taskSums = tasks.groupBy(col(MONTH)).agg(Rate.pooledSum(DUE_TASKS), Rate.pooledSum(ON_TIME),
                Rate.pooledSum(ON_TIME_STRICT), Rate.pooledSum(LATE), Rate.pooledSum(OVERDUE_OPEN));
        Dataset<Row> feedbackSums = feedback.groupBy(col(MONTH)).agg(Rate.pooledSum(RECEIVED), Rate.pooledSum(ANSWERED),
                Rate.pooledSum(ANSWERED_ON_TIME), Rate.pooledSum(ANSWERED_LATE),
                sum(col(OVERDUE_OPEN)).as(FEEDBACK_OVERDUE_OPEN), Rate.pooledSum(ANSWER_ASSESSED),
                Rate.pooledSum(UNSATISFIED_ANSWERS));
        Dataset<Row> ratingSums = ratings.groupBy(col(MONTH)).agg(Rate.pooledSum(RATINGS), Rate.pooledSum(SCORE_SUM),
                Rate.pooledSum(SATISFIED_RATINGS), Rate.pooledSum(DISSATISFIED_RATINGS));
        Dataset<Row> reporting = tasks.select(UNIT_CODE, MONTH).union(feedback.select(UNIT_CODE, MONTH)).union(ratings.select(UNIT_CODE, MONTH))
                .filter(MonthsBegun.filter(asOf))
                .groupBy(col(MONTH)).agg(countDistinct(col(UNIT_CODE)).as(UNITS_REPORTING));
        String[] counts = {DUE_TASKS, ON_TIME, ON_TIME_STRICT, LATE, OVERDUE_OPEN, RECEIVED, ANSWERED, ANSWERED_ON_TIME, ANSWERED_LATE,
                FEEDBACK_OVERDUE_OPEN, ANSWER_ASSESSED, UNSATISFIED_ANSWERS, RATINGS, SCORE_SUM, SATISFIED_RATINGS, DISSATISFIED_RATINGS};
        Dataset<Row> rates = reporting
                .join(taskSums, JoinKeysOfMonth.KEY, "left")
                .join(feedbackSums, JoinKeysOfMonth.KEY, "left")
                .join(ratingSums, JoinKeysOfMonth.KEY, "left")
                .na().fill(0L, counts)
                .withColumn(ON_TIME_RATE, Rate.column(ON_TIME, DUE_TASKS))
                .withColumn(ON_TIME_RATE_STRICT, Rate.column(ON_TIME_STRICT, DUE_TASKS))
                .withColumn(ON_TIME_ANSWER_RATE, Rate.column(ANSWERED_ON_TIME, ANSWER_ASSESSED))
                .withColumn("_satisfied_answers", col(ANSWERED).minus(col(UNSATISFIED_ANSWERS)))
                .withColumn(SATISFACTION_RATE, Rate.column("_satisfied_answers", ANSWERED))
                .withColumn(CSAT, Rate.column(SATISFIED_RATINGS, RATINGS))
                .withColumn(DISSATISFIED, Rate.column(DISSATISFIED_RATINGS, RATINGS))
                .withColumn(MEAN_SCORE, Rate.column(SCORE_SUM, RATINGS))
                .drop("_satisfied_answers");
        rates = collected(rates);
        Dataset<Row> previous = shifted(rates, 1, "_mom");
        Dataset<Row> yearBefore = shifted(rates, 12, "_yoy");
        List<Column> output = new ArrayList<>();
        output.add(lit(asOf).as(AS_OF_DATE));
        output.add(col(MONTH));
        output.add(col(UNITS_REPORTING));
        for (String count : counts) {
            output.add(col(count));
        }
        for (String rate : RATES) {
            output.add(col(rate));
            output.add(col(rate).minus(col(rate + "_mom")).as(rate + "_change_mom"));
            output.add(col(rate).minus(col(rate + "_yoy")).as(rate + "_change_yoy"));
        }
        return rates.join(previous, JoinKeysOfMonth.KEY, "left").join(yearBefore, JoinKeysOfMonth.KEY, "left")
                .select(output.toArray(Column[]::new));
    }

    /**
     * The rates of every month (a row per month) held on the driver: the month-on-month and year-on-year joins read
     * them three times, and would otherwise recompute them from the monthly tables each time.
     */
    private static Dataset<Row> collected(Dataset<Row> rates) {
        return rates.sparkSession().createDataFrame(rates.collectAsList(), rates.schema());
    }

    /** Each month's rates re-keyed to the month {@code months} later, suffixed. */
    private static Dataset<Row> shifted(Dataset<Row> rates, int months, String suffix) {
        List<Column> columns = new ArrayList<>();
        columns.add(add_months(col(MONTH), months).as(MONTH));
        RATES.forEach(rate -> columns.add(col(rate).as(rate + suffix)));
        return rates.select(columns.toArray(Column[]::new));
    }

    private static final class JoinKeysOfMonth {
        static final scala.collection.immutable.Seq<String> KEY = vn.provpulse.contract.JoinKeys.of(MONTH);
    }
}
