package vn.provpulse.metrics;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/** Column names shared by gold tables (docs/metrics.md), and the flag helper for counting. */
public final class GoldColumns {
    public static final String AS_OF_DATE = "as_of_date";
    public static final String UNIT_CODE = "unit_code";
    public static final String UNIT_NAME = "unit_name";
    public static final String UNIT_TYPE = "unit_type";
    public static final String MONTH = "month";
    public static final String HEAD_NAME = "head_name";
    public static final String HEAD_TITLE = "head_title";

    public static final String TASKS = "tasks";
    public static final String DUE_TASKS = "due_tasks";
    public static final String ON_TIME = "on_time";
    public static final String LATE = "late";
    public static final String OVERDUE_OPEN = "overdue_open";
    public static final String ON_TIME_STRICT = "on_time_strict";
    public static final String ON_TIME_RATE = "on_time_rate";
    public static final String ON_TIME_RATE_STRICT = "on_time_rate_strict";
    public static final String EXTENDED = "extended";
    public static final String NOT_YET_DUE = "not_yet_due";

    public static final String RECEIVED = "received";
    public static final String ANSWERED = "answered";
    public static final String ANSWERED_ON_TIME = "answered_on_time";
    public static final String ANSWERED_LATE = "answered_late";
    public static final String ANSWER_ASSESSED = "answer_assessed";
    public static final String UNSATISFIED_ANSWERS = "unsatisfied_answers";
    public static final String ON_TIME_ANSWER_RATE = "on_time_answer_rate";
    public static final String SATISFACTION_RATE = "satisfaction_rate";
    public static final String MEDIAN_DAYS_TO_ANSWER = "median_days_to_answer";

    public static final String RATINGS = "ratings";
    public static final String SCORE_SUM = "score_sum";
    public static final String MEAN_SCORE = "mean_score";
    public static final String SATISFIED_RATINGS = "satisfied_ratings";
    public static final String DISSATISFIED_RATINGS = "dissatisfied_ratings";
    public static final String CSAT = "csat";
    public static final String DISSATISFIED = "dissatisfied";
    public static final String CSAT_LOWER95 = "csat_lower95";

    public static final String PERIOD = "period";
    public static final String SCORE = "score";
    public static final String RANK_IN_TYPE = "rank_in_type";
    public static final String BAND = "band";

    public static final String PERIOD_MONTH = "month";
    public static final String PERIOD_YTD = "ytd";

    private GoldColumns() {}

    /** 1 when the condition holds, else 0: for counting with sum(). */
    public static Column flag(Column condition) {
        return when(condition, lit(1L)).otherwise(lit(0L));
    }
}
