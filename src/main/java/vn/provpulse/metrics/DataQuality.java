package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.JoinKeys;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Ratings;
import vn.provpulse.contract.Reason;
import vn.provpulse.contract.Tasks;
import vn.provpulse.contract.Units;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.ingest.LedgerTable;
import vn.provpulse.ingest.QuarantineTable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.data_quality: one row per source, delivering unit (the code as delivered; null when the
 * row had none) and export day: files, rows read, accepted, quarantined by reason, duplicates
 * dropped and rows that arrived in late files.
 */
public final class DataQuality {
    public static final String NAME = "data_quality";
    public static final String SOURCE = "source";
    public static final String FILES = "files";
    public static final String ROWS_READ = "rows_read";
    public static final String ACCEPTED = "accepted";
    public static final String QUARANTINED = "quarantined";
    public static final String DUPLICATES_DROPPED = "duplicates_dropped";
    public static final String LATE_ROWS = "late_rows";
    public static final String QUARANTINED_PREFIX = "quarantined_";
    /** The count of {@link #rowsPerFile}. */
    public static final String ROWS = "rows";
    /** Whether {@link #rowsPerFile}'s rows were quarantined (by ingest or refine) rather than accepted into silver. */
    public static final String IN_QUARANTINE = "in_quarantine";

    /** Set on the verdicts of files that came late. */
    private static final String LATE = "_late";
    private static final String REASON_SOURCE = "_reason_source";
    private static final String REASON_UNIT = "_reason_unit";
    private static final String REASON_DATE = "_reason_date";
    private static final String REASON_PREFIX = "_reason_";
    /** What {@link #acceptedDeliveries} gives: one row per source, delivering unit and day (repeated). */
    private static final Column[] DELIVERY = {col(SOURCE), col(UNIT_CODE), col(Lineage.DATA_DATE)};

    private DataQuality() {}

    /** One row per accepted (silver) row: source, unit_code, data_date, source_file and a null reason code. */
    public static Dataset<Row> acceptedRows(Dataset<Row> units, Dataset<Row> taskHistory, Dataset<Row> feedbackHistory, Dataset<Row> ratings) {
        return accepted(units, Units.SOURCE)
                .union(accepted(taskHistory, Tasks.SOURCE))
                .union(accepted(feedbackHistory, Feedback.SOURCE))
                .union(accepted(ratings, Ratings.SOURCE));
    }

    /**
     * Rows per source file, delivering unit and verdict: the accepted rows (as {@link #acceptedRows} makes them, reason
     * null) and the quarantined ones (by reason, {@link #IN_QUARANTINE} true), counted in {@link #ROWS}. Both daily
     * tables count from it, so the row-level work is done once.
     */
    public static Dataset<Row> rowsPerFile(Dataset<Row> acceptedRows, Dataset<Row> quarantine) {
        Column[] verdict = {col(SOURCE), col(UNIT_CODE), col(Lineage.DATA_DATE), col(Lineage.SOURCE_FILE), col(QuarantineTable.REASON_CODE),
                col(IN_QUARANTINE)};
        return acceptedRows.select(col(SOURCE), col(UNIT_CODE), col(Lineage.DATA_DATE), col(Lineage.SOURCE_FILE),
                        col(QuarantineTable.REASON_CODE), lit(false).as(IN_QUARANTINE))
                .union(quarantine.select(col(QuarantineTable.SOURCE), col(QuarantineTable.UNIT_CODE), col(Lineage.DATA_DATE),
                        col(Lineage.SOURCE_FILE), col(QuarantineTable.REASON_CODE), lit(true).as(IN_QUARANTINE)))
                .groupBy(verdict)
                .agg(count(lit(1)).as(ROWS));
    }

    /** {@code rowsPerFile} as {@link #rowsPerFile} makes them. */
    public static Dataset<Row> build(Dataset<Row> rowsPerFile, Dataset<Row> ledger, LocalDate asOf) {
        Dataset<Row> lateFiles = ledger.filter(col(LedgerTable.STATUS).equalTo(FileLedger.STATUS_LATE))
                .select(col(LedgerTable.SOURCE).as(SOURCE), col(LedgerTable.DATA_DATE).as(Lineage.DATA_DATE),
                        col(LedgerTable.FILE_NAME).as(Lineage.SOURCE_FILE), lit(true).as(LATE));
        Dataset<Row> verdicts = rowsPerFile.join(lateFiles, JoinKeys.of(SOURCE, Lineage.DATA_DATE, Lineage.SOURCE_FILE), "left");
        List<Column> output = new ArrayList<>(List.of(lit(asOf).as(AS_OF_DATE), col(SOURCE), col(UNIT_CODE), col(Lineage.DATA_DATE),
                trunc(col(Lineage.DATA_DATE), "month").as(MONTH), col(FILES), col(ROWS_READ), col(ACCEPTED), col(QUARANTINED),
                quarantinedFor(Reason.DUPLICATE).as(DUPLICATES_DROPPED), col(LATE_ROWS)));
        Reason.ALL.forEach(reason -> output.add(quarantinedFor(reason).as(QUARANTINED_PREFIX + reason)));
        Column sameDay = col(SOURCE).equalTo(col(REASON_SOURCE)).and(col(UNIT_CODE).eqNullSafe(col(REASON_UNIT)))
                .and(col(Lineage.DATA_DATE).equalTo(col(REASON_DATE)));
        // a hash of the days with quarantined rows: no sort of both sides (a sort-merge join cost more than the pivot saved on a year)
        return totalsPerDay(verdicts).join(quarantinedByReason(rowsPerFile).hint("shuffle_hash"), sameDay, "left").select(output.toArray(Column[]::new));
    }

    /** Files, rows read, accepted, quarantined and late rows per day: per file first, then per day (no distinct count's expansion). */
    private static Dataset<Row> totalsPerDay(Dataset<Row> verdicts) {
        return verdicts
                .groupBy(col(SOURCE), col(UNIT_CODE), col(Lineage.DATA_DATE), col(Lineage.SOURCE_FILE))
                .agg(sum(col(ROWS)).as(ROWS_READ), rowsWhere(col(QuarantineTable.REASON_CODE).isNull()).as(ACCEPTED),
                        rowsWhere(col(QuarantineTable.REASON_CODE).isNotNull()).as(QUARANTINED), rowsWhere(col(LATE).isNotNull()).as(LATE_ROWS))
                .groupBy(col(SOURCE), col(UNIT_CODE), col(Lineage.DATA_DATE))
                .agg(count(col(Lineage.SOURCE_FILE)).as(FILES), sum(col(ROWS_READ)).as(ROWS_READ), sum(col(ACCEPTED)).as(ACCEPTED),
                        sum(col(QUARANTINED)).as(QUARANTINED), sum(col(LATE_ROWS)).as(LATE_ROWS));
    }

    /**
     * The quarantined rows per day, a column per reason: pivoted from the quarantined verdicts alone, not summed per
     * reason over every file (half of data_quality's time on a full pass).
     */
    private static Dataset<Row> quarantinedByReason(Dataset<Row> rowsPerFile) {
        List<Column> columns = new ArrayList<>(List.of(col(REASON_SOURCE), col(REASON_UNIT), col(REASON_DATE)));
        Reason.ALL.forEach(reason -> columns.add(col(reason).as(REASON_PREFIX + reason)));
        return rowsPerFile.filter(col(QuarantineTable.REASON_CODE).isNotNull())
                .groupBy(col(SOURCE).as(REASON_SOURCE), col(UNIT_CODE).as(REASON_UNIT), col(Lineage.DATA_DATE).as(REASON_DATE))
                .pivot(QuarantineTable.REASON_CODE, List.<Object>copyOf(Reason.ALL))
                .agg(sum(col(ROWS)))
                .select(columns.toArray(Column[]::new));
    }

    /** A day's quarantined rows for the reason, 0 when it had none. */
    private static Column quarantinedFor(String reason) {
        return coalesce(col(REASON_PREFIX + reason), lit(0L));
    }

    /** Source, delivering unit and day of {@code rowsPerFile}'s accepted rows (as {@link #rowsPerFile} makes them). */
    public static Dataset<Row> acceptedDeliveries(Dataset<Row> rowsPerFile) {
        return rowsPerFile.filter(not(col(IN_QUARANTINE))).select(DELIVERY);
    }

    /** The same read from a data_quality table: its rows that count an accepted row. */
    public static Dataset<Row> acceptedDeliveriesOf(Dataset<Row> dataQuality) {
        return dataQuality.filter(col(ACCEPTED).gt(0)).select(DELIVERY);
    }

    /** The rows of a file's verdicts that meet the condition. */
    static Column rowsWhere(Column condition) {
        return sum(when(condition, col(ROWS)).otherwise(lit(0L)));
    }

    private static Dataset<Row> accepted(Dataset<Row> rows, String source) {
        return rows.select(lit(source).as(SOURCE), col(Units.UNIT_CODE).as(UNIT_CODE), col(Lineage.DATA_DATE), col(Lineage.SOURCE_FILE),
                lit(null).cast("string").as(QuarantineTable.REASON_CODE));
    }
}
