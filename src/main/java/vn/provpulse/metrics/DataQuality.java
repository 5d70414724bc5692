package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.contract.Feedback;
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

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
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

    private DataQuality() {}

    /** One row per accepted (silver) row: source, unit_code, data_date, source_file and a null reason code. */
    public static Dataset<Row> acceptedRows(Dataset<Row> units, Dataset<Row> taskHistory, Dataset<Row> feedbackHistory, Dataset<Row> ratings) {
        return accepted(units, Units.SOURCE)
                .union(accepted(taskHistory, Tasks.SOURCE))
                .union(accepted(feedbackHistory, Feedback.SOURCE))
                .union(accepted(ratings, Ratings.SOURCE));
    }

    /** {@code acceptedRows} as {@link #acceptedRows} makes them. */
    public static Dataset<Row> build(Dataset<Row> acceptedRows, Dataset<Row> quarantine, Dataset<Row> ledger, LocalDate asOf) {
        Dataset<Row> rows = acceptedRows
                .union(quarantine.select(col(QuarantineTable.SOURCE), col(QuarantineTable.UNIT_CODE), col(Lineage.DATA_DATE),
                        col(Lineage.SOURCE_FILE), col(QuarantineTable.REASON_CODE)));
        Dataset<Row> lateFiles = ledger.filter(col(LedgerTable.STATUS).equalTo(FileLedger.STATUS_LATE))
                .select(col(LedgerTable.SOURCE).as(SOURCE), col(LedgerTable.DATA_DATE).as(Lineage.DATA_DATE),
                        col(LedgerTable.FILE_NAME).as(Lineage.SOURCE_FILE), lit(true).as("_late"));
        List<Column> aggregates = new ArrayList<>(List.of(
                countDistinct(col(Lineage.SOURCE_FILE)).as(FILES),
                count(lit(1)).as(ROWS_READ),
                sum(flag(col(QuarantineTable.REASON_CODE).isNull())).as(ACCEPTED),
                sum(flag(col(QuarantineTable.REASON_CODE).isNotNull())).as(QUARANTINED),
                sum(flag(col("_late").isNotNull())).as(LATE_ROWS)));
        for (String reason : Reason.ALL) {
            aggregates.add(sum(flag(col(QuarantineTable.REASON_CODE).eqNullSafe(reason))).as(QUARANTINED_PREFIX + reason));
        }
        List<Column> output = new ArrayList<>(List.of(lit(asOf).as(AS_OF_DATE), col(SOURCE), col(UNIT_CODE), col(Lineage.DATA_DATE),
                trunc(col(Lineage.DATA_DATE), "month").as(MONTH), col(FILES), col(ROWS_READ), col(ACCEPTED), col(QUARANTINED),
                col(QUARANTINED_PREFIX + Reason.DUPLICATE).as(DUPLICATES_DROPPED), col(LATE_ROWS)));
        Reason.ALL.forEach(reason -> output.add(col(QUARANTINED_PREFIX + reason)));
        return rows
                .join(lateFiles, vn.provpulse.contract.JoinKeys.of(SOURCE, Lineage.DATA_DATE, Lineage.SOURCE_FILE), "left")
                .groupBy(col(SOURCE), col(UNIT_CODE), col(Lineage.DATA_DATE))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .select(output.toArray(Column[]::new));
    }

    private static Dataset<Row> accepted(Dataset<Row> rows, String source) {
        return rows.select(lit(source).as(SOURCE), col(Units.UNIT_CODE).as(UNIT_CODE), col(Lineage.DATA_DATE), col(Lineage.SOURCE_FILE),
                lit(null).cast("string").as(QuarantineTable.REASON_CODE));
    }
}
