package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.config.ProvPulseConfig;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * The scorecard score (docs/metrics.md, gold.unit_scorecard): 100 × the weighted mean of on_time_rate, on_time_answer_rate and
 * csat over the components whose own denominator reaches its minimum. Works on pooled sums, so
 * the same formula serves a month, the year to date and the classification.
 */
public final class ScoreFormula {
    public static final String COMPONENTS = "components";
    public static final String SCORE_REASON = "score_reason";

    private ScoreFormula() {}

    /** Adds the three rates, the components used, the score and the reason to rows of pooled sums. */
    public static Dataset<Row> apply(Dataset<Row> sums, ProvPulseConfig.Scoring scoring) {
        ProvPulseConfig.Components weights = scoring.weights();
        ProvPulseConfig.Components minimums = scoring.minimums();
        Column tasksUsed = available(DUE_TASKS, minimums.tasks());
        Column feedbackUsed = available(ANSWER_ASSESSED, minimums.feedback());
        Column ratingsUsed = available(RATINGS, minimums.ratings());
        Column weightSum = weighted(tasksUsed, weights.tasks(), lit(1.0))
                .plus(weighted(feedbackUsed, weights.feedback(), lit(1.0)))
                .plus(weighted(ratingsUsed, weights.ratings(), lit(1.0)));
        Column weightedRates = weighted(tasksUsed, weights.tasks(), col(ON_TIME_RATE))
                .plus(weighted(feedbackUsed, weights.feedback(), col(ON_TIME_ANSWER_RATE)))
                .plus(weighted(ratingsUsed, weights.ratings(), col(CSAT)));
        return sums
                .withColumn(ON_TIME_RATE, rate(ON_TIME, DUE_TASKS))
                .withColumn(ON_TIME_ANSWER_RATE, rate(ANSWERED_ON_TIME, ANSWER_ASSESSED))
                .withColumn(CSAT, rate(SATISFIED_RATINGS, RATINGS))
                .withColumn(COMPONENTS, concat_ws(",",
                        when(tasksUsed, lit("tasks")), when(feedbackUsed, lit("feedback")), when(ratingsUsed, lit("ratings"))))
                .withColumn(SCORE, when(weightSum.gt(0), lit(100.0).multiply(weightedRates).divide(weightSum)))
                .withColumn(SCORE_REASON, when(weightSum.gt(0), concat(lit("components used: "), col(COMPONENTS)))
                        .otherwise(concat(lit("not enough data: tasks "), col(DUE_TASKS).cast("string"), lit("/" + whole(minimums.tasks())),
                                lit(", feedback "), col(ANSWER_ASSESSED).cast("string"), lit("/" + whole(minimums.feedback())),
                                lit(", ratings "), col(RATINGS).cast("string"), lit("/" + whole(minimums.ratings())),
                                lit(" (assessed/minimum)"))));
    }

    private static Column available(String denominator, double minimum) {
        return col(denominator).gt(0).and(col(denominator).geq(minimum));
    }

    private static Column weighted(Column used, double weight, Column value) {
        return when(used, lit(weight).multiply(value)).otherwise(lit(0.0));
    }

    private static String whole(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
