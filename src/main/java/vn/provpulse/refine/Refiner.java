package vn.provpulse.refine;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Reason;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Tasks;
import vn.provpulse.contract.Units;
import vn.provpulse.ingest.QuarantineTable;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

/**
 * Bronze → silver transforms as of D (docs/incremental.md, "Refine"): unknown units and
 * duplicates are found here, against everything delivered up to D, so that a run for D gives the
 * same answer whatever order the nights ran in.
 */
public final class Refiner {
    private static final String OCCURRENCE = "_occurrence";
    private static final String FIRST_OCCURRENCE = "_first_occurrence";
    private static final String EARLIER = "_earlier";
    /** The columns of delivery order: export date, file name, line. */
    private static final List<String> DELIVERY = List.of(Lineage.DATA_DATE, Lineage.SOURCE_FILE, Lineage.LINE_NUMBER);

    private Refiner() {}

    /** Delivery order: export date, file name, line. */
    public static Column[] deliveryOrder() {
        return DELIVERY.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** Units duplicates are judged within one snapshot (one export date): a later snapshot repeats the earlier one by design. */
    public static Split deduplicateUnits(Dataset<Row> unitsBronze) {
        return splitDuplicates(unitsBronze, new Column[] {col(Lineage.DATA_DATE), col(Units.UNIT_CODE), col(Units.VALID_FROM)}, Units.SOURCE);
    }

    /** Rows of units in no snapshot up to D are quarantined; the rest are deduplicated on the source's key. */
    public static Split checkUnitsAndDeduplicate(Dataset<Row> bronze, SourceContract source, Dataset<Row> unitMap) {
        return checkUnitsAndDeduplicate(bronze, source, unitMap, null);
    }

    /**
     * The same for rows delivered after earlier silver: {@code earlier} holds the silver rows already
     * accepted with a key among these rows' keys (as {@link #withKeysOf} gives them: key and delivery
     * columns only); they come first in delivery order, so a new row repeating one of them is a duplicate
     * of it. Only the new rows are returned.
     */
    public static Split checkUnitsAndDeduplicate(Dataset<Row> bronze, SourceContract source, Dataset<Row> unitMap, Dataset<Row> earlier) {
        Dataset<Row> codes = unitMap.select(col(UnitMapTable.UNIT_CODE).as("_known_code"),
                col(UnitMapTable.CURRENT_UNIT_CODE).as(SilverColumns.CURRENT_UNIT_CODE));
        Dataset<Row> mapped = bronze.join(org.apache.spark.sql.functions.broadcast(codes), col(Units.UNIT_CODE).equalTo(col("_known_code")), "left")
                .drop("_known_code");
        Dataset<Row> unknown = mapped.filter(col(SilverColumns.CURRENT_UNIT_CODE).isNull());
        Dataset<Row> known = mapped.filter(col(SilverColumns.CURRENT_UNIT_CODE).isNotNull()).withColumn(EARLIER, lit(false));
        if (earlier != null) {
            known = known.unionByName(earlier.withColumn(EARLIER, lit(true)), true);
        }
        Dataset<Row> unknownQuarantine = quarantine(unknown, source.name(), lit(Reason.UNKNOWN_UNIT), lit(Reason.UNKNOWN_UNIT),
                lit(Units.UNIT_CODE), concat(lit("unit_code "), col(Units.UNIT_CODE), lit(" is in no units snapshot up to the run date")));
        Column[] key = source.duplicateKey().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Split deduplicated = splitDuplicates(known, key, source.name());
        Dataset<Row> accepted = deduplicated.accepted().filter(not(col(EARLIER))).drop(EARLIER);
        return new Split(accepted, deduplicated.quarantined().unionByName(unknownQuarantine), deduplicated.judged());
    }

    /**
     * The accepted rows among {@code silver} whose duplicate key is one of {@code rows}' keys: their key and delivery
     * columns, all a duplicate judgement reads of a row that comes first in its group (the rest of a year's history
     * stays unread).
     */
    public static Dataset<Row> withKeysOf(Dataset<Row> silver, Dataset<Row> rows, SourceContract source) {
        Column[] key = source.duplicateKey().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        java.util.Set<String> read = new java.util.LinkedHashSet<>(source.duplicateKey());
        read.addAll(DELIVERY);
        return silver.select(read.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .join(rows.select(key).distinct(), vn.provpulse.contract.JoinKeys.of(source.duplicateKey().toArray(String[]::new)), "left_semi");
    }

    /**
     * Numbers each duplicate group's rows in delivery order. The groups are spread over as many tasks as Spark has
     * cores (not the shuffle partitions, one by default here), so that a large source's window is not one task.
     */
    private static Split splitDuplicates(Dataset<Row> rows, Column[] key, String source) {
        WindowSpec window = Window.partitionBy(key).orderBy(deliveryOrder());
        Dataset<Row> numbered = rows.repartition(rows.sparkSession().sparkContext().defaultParallelism(), key)
                .withColumn(OCCURRENCE, row_number().over(window))
                .withColumn(FIRST_OCCURRENCE, first(concat(col(Lineage.DATA_DATE).cast("string"), lit("/"),
                        col(Lineage.SOURCE_FILE), lit(" line "), col(Lineage.LINE_NUMBER).cast("string"))).over(window))
                // read twice (accepted rows, duplicates): compute the window once
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> accepted = numbered.filter(col(OCCURRENCE).equalTo(1)).drop(OCCURRENCE, FIRST_OCCURRENCE);
        Dataset<Row> duplicates = numbered.filter(col(OCCURRENCE).gt(1));
        return new Split(accepted, quarantine(duplicates, source, lit(Reason.DUPLICATE), lit(Reason.DUPLICATE), lit(null).cast("string"),
                concat(lit("duplicate of the row first delivered in " + source + "/"), col(FIRST_OCCURRENCE))), numbered);
    }

    private static Dataset<Row> quarantine(Dataset<Row> rows, String source, Column reason, Column code, Column field, Column detail) {
        return rows.select(
                lit(source).as(QuarantineTable.SOURCE),
                col(Units.UNIT_CODE).as(QuarantineTable.UNIT_CODE),
                reason.as(QuarantineTable.REASON),
                code.as(QuarantineTable.REASON_CODE),
                field.cast("string").as(QuarantineTable.FIELD),
                detail.as(QuarantineTable.DETAIL),
                lit(null).cast("string").as(QuarantineTable.RAW),
                col(Lineage.SOURCE_FILE),
                col(Lineage.LINE_NUMBER),
                col(Lineage.DATA_DATE));
    }

    /** Each task's record with the greatest updated_at, with its effective due date. */
    public static Dataset<Row> taskLatest(Dataset<Row> taskHistory) {
        WindowSpec newestFirst = Window.partitionBy(col(Tasks.TASK_ID)).orderBy(col(Tasks.UPDATED_AT).desc());
        return taskHistory
                .withColumn(OCCURRENCE, row_number().over(newestFirst))
                .filter(col(OCCURRENCE).equalTo(1))
                .drop(OCCURRENCE)
                .withColumn(SilverColumns.EFFECTIVE_DUE, coalesce(col(Tasks.EXTENDED_DUE_DATE), col(Tasks.DUE_DATE)));
    }

    /** Each feedback item's last delivered record, with its deadline and whether it was answered. */
    public static Dataset<Row> feedbackLatest(Dataset<Row> feedbackHistory, int defaultResponseDays) {
        List<Column> newestFirst = List.of(col(Lineage.DATA_DATE).desc(), col(Lineage.SOURCE_FILE).desc(), col(Lineage.LINE_NUMBER).desc());
        WindowSpec window = Window.partitionBy(col(Feedback.FEEDBACK_ID)).orderBy(newestFirst.toArray(Column[]::new));
        return feedbackHistory
                .withColumn(OCCURRENCE, row_number().over(window))
                .filter(col(OCCURRENCE).equalTo(1))
                .drop(OCCURRENCE)
                .withColumn(SilverColumns.DEADLINE, coalesce(col(Feedback.RESPONSE_DEADLINE),
                        date_add(col(Feedback.RECEIVED_DATE), defaultResponseDays)))
                .withColumn(SilverColumns.ANSWERED, col(Feedback.RESPONDED_AT).isNotNull());
    }

    /**
     * Rows kept, and rows quarantined with their reasons.
     *
     * @param judged every row numbered in its duplicate group, cached: the accepted and quarantined rows are read from it
     */
    public record Split(Dataset<Row> accepted, Dataset<Row> quarantined, Dataset<Row> judged) {}

    /**
     * Computes and caches the judged rows of every split in one Spark job, their windows in parallel. Written
     * from several writes at once instead, a write waiting for another to cache the rows it reads holds one of
     * the task slots idle (a year's backfill: ~17 s with one core waiting).
     */
    public static void judge(List<Split> splits) {
        splits.stream().map(split -> split.judged().select(lit(1).as("_judged"))).reduce(Dataset::union).ifPresent(Dataset::count);
    }
}
