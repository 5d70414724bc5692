package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.contract.Feedback;
import vn.provpulse.refine.SilverColumns;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.unit_month_feedback: timely answers to citizens (Decision 766/QĐ-TTg). One row per
 * current unit and month of the local received date, up to the month of D; out_of_scope items excluded.
 */
public final class UnitMonthFeedback {
    public static final String NAME = "unit_month_feedback";

    private UnitMonthFeedback() {}

    public static Dataset<Row> build(Dataset<Row> feedbackLatest, LocalDate asOf) {
        Column answered = col(SilverColumns.ANSWERED);
        Column onTime = answered.and(col(Feedback.RESPONDED_DATE).leq(col(SilverColumns.DEADLINE)));
        Column late = answered.and(col(Feedback.RESPONDED_DATE).gt(col(SilverColumns.DEADLINE)));
        Column unsatisfied = answered.and(late.or(col(Feedback.CITIZEN_SATISFIED).eqNullSafe("no")));
        return feedbackLatest
                .filter(col(Feedback.STATUS).notEqual(Feedback.STATUS_OUT_OF_SCOPE))
                .groupBy(col(SilverColumns.CURRENT_UNIT_CODE).as(UNIT_CODE), trunc(col(Feedback.RECEIVED_DATE), "month").as(MONTH))
                .agg(
                        count(lit(1)).as(RECEIVED),
                        sum(flag(answered)).as(ANSWERED),
                        sum(flag(onTime)).as(ANSWERED_ON_TIME),
                        sum(flag(late)).as(ANSWERED_LATE),
                        sum(flag(not(answered).and(col(SilverColumns.DEADLINE).lt(lit(asOf))))).as(OVERDUE_OPEN),
                        sum(flag(unsatisfied)).as(UNSATISFIED_ANSWERS),
                        median(when(answered, datediff(col(Feedback.RESPONDED_DATE), col(Feedback.RECEIVED_DATE)))).as(MEDIAN_DAYS_TO_ANSWER))
                .filter(MonthsBegun.filter(asOf))
                .withColumn(ANSWER_ASSESSED, col(ANSWERED).plus(col(OVERDUE_OPEN)))
                .withColumn("_satisfied_answers", col(ANSWERED).minus(col(UNSATISFIED_ANSWERS)))
                .select(
                        lit(asOf).as(AS_OF_DATE), col(UNIT_CODE), col(MONTH), col(RECEIVED), col(ANSWERED), col(ANSWERED_ON_TIME),
                        col(ANSWERED_LATE), col(OVERDUE_OPEN), col(ANSWER_ASSESSED), Rate.column(ANSWERED_ON_TIME, ANSWER_ASSESSED).as(ON_TIME_ANSWER_RATE),
                        col(UNSATISFIED_ANSWERS), Rate.column("_satisfied_answers", ANSWERED).as(SATISFACTION_RATE), col(MEDIAN_DAYS_TO_ANSWER));
    }
}
