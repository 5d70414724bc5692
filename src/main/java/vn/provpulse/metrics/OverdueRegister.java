package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Tasks;
import vn.provpulse.refine.SilverColumns;
import vn.provpulse.refine.UnitMapTable;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.overdue_register ("rõ người"): one row per task or feedback item overdue and still open as
 * of D, with the current unit, its head in office at D, the assignee, and how long it is overdue.
 */
public final class OverdueRegister {
    public static final String NAME = "overdue_register";
    public static final String ITEM_ID = "item_id";
    public static final String ITEM_TYPE = "item_type";
    public static final String ORIGINAL_UNIT_CODE = "original_unit_code";
    public static final String ASSIGNEE = "assignee";
    public static final String TITLE = "title";
    public static final String DEADLINE = "deadline";
    public static final String DAYS_OVERDUE = "days_overdue";
    public static final String AGING_BUCKET = "aging_bucket";
    public static final String STATUS = "status";

    private OverdueRegister() {}

    public static Dataset<Row> build(Dataset<Row> taskLatest, Dataset<Row> feedbackLatest, Dataset<Row> unitMap,
                                     ProvPulseConfig.Overdue overdue, LocalDate asOf) {
        Dataset<Row> tasks = taskLatest
                .filter(TaskRules.overdueOpen(asOf))
                .select(col(Tasks.TASK_ID).as(ITEM_ID), lit("task").as(ITEM_TYPE), col(SilverColumns.CURRENT_UNIT_CODE),
                        col(Tasks.UNIT_CODE).as(ORIGINAL_UNIT_CODE), col(Tasks.ASSIGNEE).as(ASSIGNEE), col(Tasks.TITLE).as(TITLE),
                        col(Tasks.STATUS).as(STATUS), col(SilverColumns.EFFECTIVE_DUE).as(DEADLINE));
        Dataset<Row> feedback = feedbackLatest
                .filter(col(Feedback.STATUS).notEqual(Feedback.STATUS_OUT_OF_SCOPE))
                .filter(col(SilverColumns.ANSWERED).equalTo(false))
                .filter(col(SilverColumns.DEADLINE).lt(lit(asOf)))
                .select(col(Feedback.FEEDBACK_ID).as(ITEM_ID), lit("feedback").as(ITEM_TYPE), col(SilverColumns.CURRENT_UNIT_CODE),
                        col(Feedback.UNIT_CODE).as(ORIGINAL_UNIT_CODE), lit(null).cast("string").as(ASSIGNEE), col(Feedback.TOPIC).as(TITLE),
                        col(Feedback.STATUS).as(STATUS), col(SilverColumns.DEADLINE).as(DEADLINE));
        Dataset<Row> heads = unitMap.select(col(UnitMapTable.UNIT_CODE).as(SilverColumns.CURRENT_UNIT_CODE),
                col(UnitMapTable.UNIT_NAME).as(UNIT_NAME), col(UnitMapTable.HEAD_NAME).as(HEAD_NAME), col(UnitMapTable.HEAD_TITLE).as(HEAD_TITLE));
        Column daysOverdue = datediff(lit(asOf), col(DEADLINE));
        return tasks.unionByName(feedback)
                .join(heads, vn.provpulse.contract.JoinKeys.of(SilverColumns.CURRENT_UNIT_CODE), "left")
                .select(lit(asOf).as(AS_OF_DATE), col(ITEM_ID), col(ITEM_TYPE), col(SilverColumns.CURRENT_UNIT_CODE).as(UNIT_CODE),
                        col(UNIT_NAME), col(ORIGINAL_UNIT_CODE), col(HEAD_NAME), col(HEAD_TITLE), col(ASSIGNEE), col(TITLE), col(STATUS),
                        col(DEADLINE), trunc(col(DEADLINE), "month").as(MONTH), daysOverdue.as(DAYS_OVERDUE),
                        agingBucket(daysOverdue, overdue.agingBucketDays()).as(AGING_BUCKET));
    }

    /** "1-7 ngày", "8-30 ngày", …, "trên 90 ngày" for bounds [7, 30, 90]. */
    static Column agingBucket(Column days, List<Integer> bounds) {
        if (bounds.isEmpty()) {
            return lit("quá hạn");
        }
        Column bucket = lit("trên " + bounds.get(bounds.size() - 1) + " ngày");
        for (int i = bounds.size() - 1; i >= 0; i--) {
            int from = i == 0 ? 1 : bounds.get(i - 1) + 1;
            bucket = when(days.leq(bounds.get(i)), lit(from + "-" + bounds.get(i) + " ngày")).otherwise(bucket);
        }
        return bucket;
    }
}
