package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Reason;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.ingest.LedgerTable;
import vn.provpulse.ingest.QuarantineTable;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static vn.provpulse.metrics.GoldColumns.AS_OF_DATE;
import static vn.provpulse.metrics.GoldColumns.flag;

/**
 * gold.file_reconciliation: one row per landing file delivered up to D. For every file,
 * rows_read = accepted + quarantined; a re-delivered file is listed as duplicate_file with zeros.
 */
public final class FileReconciliation {
    public static final String NAME = "file_reconciliation";
    public static final String ACCEPTED = "accepted";
    public static final String QUARANTINED = "quarantined";
    public static final String DUPLICATES = "duplicates";
    public static final String UNKNOWN_UNIT = "unknown_unit";

    private FileReconciliation() {}

    public static Dataset<Row> build(Dataset<Row> ledger, Dataset<Row> quarantine, LocalDate asOf) {
        Dataset<Row> perFile = quarantine
                .groupBy(col(QuarantineTable.SOURCE).as("_source"), col(Lineage.DATA_DATE).as("_date"), col(Lineage.SOURCE_FILE).as("_file"))
                .agg(count(lit(1)).as("_quarantined"),
                        sum(flag(col(QuarantineTable.REASON_CODE).equalTo(Reason.DUPLICATE))).as("_duplicates"),
                        sum(flag(col(QuarantineTable.REASON_CODE).equalTo(Reason.UNKNOWN_UNIT))).as("_unknown"));
        Column duplicateFile = col(LedgerTable.STATUS).equalTo(FileLedger.STATUS_DUPLICATE_FILE);
        Column quarantined = when(duplicateFile, lit(0L)).otherwise(coalesce(col("_quarantined"), lit(0L)));
        return ledger
                .join(perFile, col(LedgerTable.SOURCE).equalTo(col("_source"))
                        .and(col(LedgerTable.DATA_DATE).equalTo(col("_date")))
                        .and(col(LedgerTable.FILE_NAME).equalTo(col("_file"))), "left")
                .select(lit(asOf).as(AS_OF_DATE), col(LedgerTable.FILE), col(LedgerTable.SOURCE), col(LedgerTable.DATA_DATE),
                        col(LedgerTable.FILE_NAME), col(LedgerTable.ROWS_READ),
                        col(LedgerTable.ROWS_READ).minus(quarantined).as(ACCEPTED), quarantined.as(QUARANTINED),
                        when(duplicateFile, lit(0L)).otherwise(coalesce(col("_duplicates"), lit(0L))).as(DUPLICATES),
                        when(duplicateFile, lit(0L)).otherwise(coalesce(col("_unknown"), lit(0L))).as(UNKNOWN_UNIT),
                        col(LedgerTable.STATUS), col(LedgerTable.DUPLICATE_OF), col(LedgerTable.CONTENT_HASH), col(LedgerTable.SIZE_BYTES),
                        col(LedgerTable.FIRST_SEEN_RUN_DATE));
    }
}
