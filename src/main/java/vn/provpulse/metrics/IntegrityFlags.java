package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.contract.JoinKeys;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Ratings;
import vn.provpulse.contract.Tasks;
import vn.provpulse.refine.SilverColumns;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.unix_seconds;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.integrity_flags, the "tô hồng" detector: one row per current unit, month and flag, with
 * the number of items behind it and evidence an inspector can follow up.
 */
public final class IntegrityFlags {
    public static final String NAME = "integrity_flags";
    public static final String FLAG = "flag";
    public static final String ITEMS = "items";
    public static final String EVIDENCE = "evidence";
    public static final String RETROACTIVE_EXTENSION = "retroactive_extension";
    public static final String BACKDATED_COMPLETION = "backdated_completion";
    public static final String DEADLINE_DAY_SPIKE = "deadline_day_spike";
    public static final String RATING_BURST = "rating_burst";
    public static final String SILENT_UNIT = "silent_unit";
    /** Evidence lists at most this many items; the count says how many there are. */
    private static final int EVIDENCE_ITEMS = 10;
    private static final String UNIT = SilverColumns.CURRENT_UNIT_CODE;

    private IntegrityFlags() {}

    public static Dataset<Row> build(Dataset<Row> taskHistory, Dataset<Row> taskLatest, Dataset<Row> ratings, Dataset<Row> activity,
                                     ProvPulseConfig.Integrity thresholds, LocalDate asOf) {
        return retroactiveExtensions(taskLatest)
                .unionByName(backdatedCompletions(taskHistory, thresholds.backdatedCompletionDays()))
                .unionByName(deadlineDaySpikes(taskLatest, thresholds))
                .unionByName(ratingBursts(ratings, thresholds))
                .unionByName(silentUnits(activity, thresholds.silentUnitDays(), asOf))
                .select(lit(asOf).as(AS_OF_DATE), col(UNIT).as(UNIT_CODE), col(MONTH), col(FLAG), col(ITEMS), col(EVIDENCE));
    }

    /** An extension approved (local date) after the original due date; month of approval. */
    static Dataset<Row> retroactiveExtensions(Dataset<Row> taskLatest) {
        Dataset<Row> late = taskLatest
                .filter(TaskRules.notCancelled())
                .filter(col(Tasks.EXTENSION_APPROVED_DATE).gt(col(Tasks.DUE_DATE)));
        return summarise(late, trunc(col(Tasks.EXTENSION_APPROVED_DATE), "month"), RETROACTIVE_EXTENSION,
                "extension(s) approved after the original due date: ",
                concat(col(Tasks.TASK_ID), lit(" (due "), col(Tasks.DUE_DATE).cast("string"), lit(", extension approved "),
                        col(Tasks.EXTENSION_APPROVED_DATE).cast("string"), lit(")")));
    }

    /** The first record claiming a completed_at (by updated_at) came more than N days after it; month claimed. */
    static Dataset<Row> backdatedCompletions(Dataset<Row> taskHistory, int days) {
        WindowSpec firstClaim = Window.partitionBy(col(Tasks.TASK_ID)).orderBy(col(Tasks.UPDATED_AT), col(Lineage.DATA_DATE), col(Lineage.SOURCE_FILE), col(Lineage.LINE_NUMBER));
        Dataset<Row> backdated = taskHistory
                .filter(col(Tasks.COMPLETED_AT).isNotNull())
                .withColumn("_claim", row_number().over(firstClaim))
                .filter(col("_claim").equalTo(1))
                .filter(datediff(col(Tasks.UPDATED_DATE), col(Tasks.COMPLETED_DATE)).gt(days));
        return summarise(backdated, trunc(col(Tasks.COMPLETED_DATE), "month"), BACKDATED_COMPLETION,
                "completion(s) first reported more than " + days + " days after the completion date claimed: ",
                concat(col(Tasks.TASK_ID), lit(" (completed "), col(Tasks.COMPLETED_DATE).cast("string"), lit(", first reported "),
                        col(Tasks.UPDATED_DATE).cast("string"), lit(")")));
    }

    /** More than the share of a month's completions fall exactly on the effective due date (n ≥ minimum). */
    static Dataset<Row> deadlineDaySpikes(Dataset<Row> taskLatest, ProvPulseConfig.Integrity thresholds) {
        Column onDueDate = col(Tasks.COMPLETED_DATE).equalTo(col(SilverColumns.EFFECTIVE_DUE));
        return taskLatest
                .filter(TaskRules.completed())
                .groupBy(col(UNIT), trunc(col(Tasks.COMPLETED_DATE), "month").as(MONTH))
                .agg(count(lit(1)).as("_completions"), sum(flag(onDueDate)).as(ITEMS))
                .filter(col("_completions").geq(thresholds.deadlineSpikeMinCompletions()))
                .filter(col(ITEMS).cast("double").divide(col("_completions").cast("double")).gt(thresholds.deadlineSpikeShare()))
                .select(col(UNIT), col(MONTH), lit(DEADLINE_DAY_SPIKE).as(FLAG), col(ITEMS),
                        concat(col(ITEMS).cast("string"), lit(" of "), col("_completions").cast("string"),
                                lit(" completions this month fell exactly on the due date (threshold "),
                                lit(Math.round(thresholds.deadlineSpikeShare() * 100) + "%)")).as(EVIDENCE));
    }

    /** At least N top scores for one unit and channel within M minutes; month of the first. */
    static Dataset<Row> ratingBursts(Dataset<Row> ratings, ProvPulseConfig.Integrity thresholds) {
        WindowSpec byTime = Window.partitionBy(col(UNIT), col(Ratings.CHANNEL)).orderBy(col(Ratings.RATED_AT), col(Ratings.RATING_ID));
        Dataset<Row> starts = ratings
                .filter(col(Ratings.SCORE).equalTo(thresholds.ratingBurstScore()))
                .withColumn("_last", lead(col(Ratings.RATED_AT), thresholds.ratingBurstCount() - 1).over(byTime))
                .filter(col("_last").isNotNull())
                .filter(unix_seconds(col("_last")).minus(unix_seconds(col(Ratings.RATED_AT))).leq(thresholds.ratingBurstMinutes() * 60L));
        Dataset<Row> perChannel = starts
                .groupBy(col(UNIT), trunc(col(Ratings.RATED_DATE), "month").as(MONTH), col(Ratings.CHANNEL))
                .agg(count(lit(1)).as("_windows"), min(col(Ratings.RATED_AT)).as("_first"));
        return perChannel
                .groupBy(col(UNIT), col(MONTH))
                .agg(sum(col("_windows")).as(ITEMS), array_join(array_sort(collect_list(concat(col(Ratings.CHANNEL), lit(" from "),
                        date_format(col("_first"), "yyyy-MM-dd HH:mm:ss")))), "; ").as("_list"))
                .select(col(UNIT), col(MONTH), lit(RATING_BURST).as(FLAG), col(ITEMS),
                        concat(lit(thresholds.ratingBurstCount() + " or more score-" + thresholds.ratingBurstScore()
                                + " ratings within " + thresholds.ratingBurstMinutes() + " minutes (local time): "), col("_list")).as(EVIDENCE));
    }

    /**
     * N or more consecutive days, from the unit's first export date of a source to D, with no
     * accepted row of that source; flagged in every month the silent run touches.
     */
    static Dataset<Row> silentUnits(Dataset<Row> activity, int days, LocalDate asOf) {
        // the unit's first export date: its first day with an accepted row of any source; then each source is checked from there
        Dataset<Row> firstExport = activity.groupBy(col(UNIT)).agg(min(col(Lineage.DATA_DATE)).as("_first"));
        Column sources = array(ActivityTable.SOURCES.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
        Dataset<Row> silentDays = firstExport
                .withColumn(ActivityTable.SOURCE, explode(sources))
                .select(col(UNIT), col(ActivityTable.SOURCE), explode(sequence(col("_first"), lit(asOf))).as(Lineage.DATA_DATE))
                .join(activity, JoinKeys.of(UNIT, ActivityTable.SOURCE, Lineage.DATA_DATE), "left_anti");
        WindowSpec inOrder = Window.partitionBy(col(UNIT), col(ActivityTable.SOURCE)).orderBy(col(Lineage.DATA_DATE));
        Dataset<Row> runs = silentDays
                .withColumn("_island", date_sub(col(Lineage.DATA_DATE), row_number().over(inOrder)))
                .groupBy(col(UNIT), col(ActivityTable.SOURCE), col("_island"))
                .agg(min(col(Lineage.DATA_DATE)).as("_from"), max(col(Lineage.DATA_DATE)).as("_to"), count(lit(1)).as("_days"))
                .filter(col("_days").geq(days))
                .withColumn(MONTH, explode(expr("sequence(trunc(_from, 'MM'), trunc(_to, 'MM'), interval 1 month)")));
        return summarise(runs, col(MONTH), SILENT_UNIT, "silent run(s) with no accepted row: ",
                concat(col(ActivityTable.SOURCE), lit(" "), col("_from").cast("string"), lit(".."), col("_to").cast("string"),
                        lit(" ("), col("_days").cast("string"), lit(" days)")));
    }

    private static Dataset<Row> summarise(Dataset<Row> items, Column month, String flag, String what, Column item) {
        return items
                .groupBy(col(UNIT), month.as(MONTH))
                .agg(count(lit(1)).as(ITEMS), slice(array_sort(collect_list(item)), 1, EVIDENCE_ITEMS).as("_list"))
                .select(col(UNIT), col(MONTH), lit(flag).as(FLAG), col(ITEMS),
                        concat(col(ITEMS).cast("string"), lit(" " + what), array_join(col("_list"), "; "),
                                expr("CASE WHEN " + ITEMS + " > " + EVIDENCE_ITEMS + " THEN '; …' ELSE '' END")).as(EVIDENCE));
    }
}
