package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Reason;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Sources;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.ingest.LandingScanner;
import vn.provpulse.ingest.LedgerTable;
import vn.provpulse.ingest.QuarantineTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static vn.provpulse.metrics.GoldColumns.AS_OF_DATE;

/**
 * gold.file_reconciliation: one row per landing file delivered up to D, and one per landing entry
 * not read (status skipped, with the reason; no data date, no counts). {@code accepted} counts the
 * file's rows in silver and {@code quarantined} its quarantined rows, each on its own, so a row
 * lost on the way shows as {@code unaccounted} = rows_read − accepted − quarantined ≠ 0. A
 * re-delivered file is listed as duplicate_file with zeros.
 */
public final class FileReconciliation {
    public static final String NAME = "file_reconciliation";
    public static final String ACCEPTED = "accepted";
    public static final String QUARANTINED = "quarantined";
    public static final String DUPLICATES = "duplicates";
    public static final String UNKNOWN_UNIT = "unknown_unit";
    public static final String UNACCOUNTED = "unaccounted";
    public static final String SKIP_REASON = "skip_reason";
    /** The status of a landing entry the run did not read (see {@link LandingScanner}). */
    public static final String STATUS_SKIPPED = "skipped";

    private FileReconciliation() {}

    /**
     * The delivered files of {@code ledger}, with their rows counted in {@code rowsPerFile} (as
     * {@link DataQuality#rowsPerFile} makes them: accepted with a null reason, quarantined by reason), then the
     * {@code skipped} entries.
     */
    public static Dataset<Row> build(Dataset<Row> ledger, Dataset<Row> rowsPerFile, List<LandingScanner.SkippedInput> skipped,
                                     LocalDate asOf) {
        Column quarantinedRow = col(DataQuality.IN_QUARANTINE);
        Dataset<Row> quarantinedPerFile = rowsPerFile.filter(quarantinedRow)
                .groupBy(col(QuarantineTable.SOURCE).as("_source"), col(Lineage.DATA_DATE).as("_date"), col(Lineage.SOURCE_FILE).as("_file"))
                .agg(sum(col(DataQuality.ROWS)).as("_quarantined"),
                        DataQuality.rowsWhere(col(QuarantineTable.REASON_CODE).equalTo(Reason.DUPLICATE)).as("_duplicates"),
                        DataQuality.rowsWhere(col(QuarantineTable.REASON_CODE).equalTo(Reason.UNKNOWN_UNIT)).as("_unknown"));
        Dataset<Row> acceptedPerFile = rowsPerFile.filter(not(quarantinedRow))
                .groupBy(col(DataQuality.SOURCE).as("_accepted_source"), col(Lineage.DATA_DATE).as("_accepted_date"),
                        col(Lineage.SOURCE_FILE).as("_accepted_file"))
                .agg(sum(col(DataQuality.ROWS)).as("_accepted"));
        Column duplicateFile = col(LedgerTable.STATUS).equalTo(FileLedger.STATUS_DUPLICATE_FILE);
        Column accepted = zeroForDuplicateFile(duplicateFile, "_accepted");
        Column quarantined = zeroForDuplicateFile(duplicateFile, "_quarantined");
        Dataset<Row> files = ledger
                .join(quarantinedPerFile, sameFile("_source", "_date", "_file"), "left")
                .join(acceptedPerFile, sameFile("_accepted_source", "_accepted_date", "_accepted_file"), "left")
                .select(lit(asOf).as(AS_OF_DATE), col(LedgerTable.FILE), col(LedgerTable.SOURCE), col(LedgerTable.DATA_DATE),
                        col(LedgerTable.FILE_NAME), col(LedgerTable.ROWS_READ), accepted.as(ACCEPTED), quarantined.as(QUARANTINED),
                        zeroForDuplicateFile(duplicateFile, "_duplicates").as(DUPLICATES),
                        zeroForDuplicateFile(duplicateFile, "_unknown").as(UNKNOWN_UNIT),
                        col(LedgerTable.STATUS), col(LedgerTable.DUPLICATE_OF), col(LedgerTable.CONTENT_HASH), col(LedgerTable.SIZE_BYTES),
                        col(LedgerTable.FIRST_SEEN_RUN_DATE),
                        when(duplicateFile, lit(0L)).otherwise(col(LedgerTable.ROWS_READ).minus(accepted).minus(quarantined)).as(UNACCOUNTED),
                        lit(null).cast("string").as(SKIP_REASON));
        return files.unionByName(skippedRows(ledger.sparkSession(), skipped, asOf), true);
    }

    /** The landing entries a run for D would not read, with the reason; none when the landing folder is missing. */
    public static List<LandingScanner.SkippedInput> skippedInputs(Path landingRoot, LocalDate asOf) {
        if (!Files.isDirectory(landingRoot)) {
            return List.of();
        }
        List<LandingScanner.SkippedInput> skipped = new ArrayList<>(LandingScanner.unknownEntries(landingRoot, Sources.ALL));
        skipped.addAll(LandingScanner.scanWithSkipped(landingRoot, Sources.ALL, asOf).skipped());
        return skipped;
    }

    private static Column sameFile(String source, String date, String file) {
        return col(LedgerTable.SOURCE).equalTo(col(source)).and(col(LedgerTable.DATA_DATE).equalTo(col(date)))
                .and(col(LedgerTable.FILE_NAME).equalTo(col(file)));
    }

    private static Column zeroForDuplicateFile(Column duplicateFile, String count) {
        return when(duplicateFile, lit(0L)).otherwise(coalesce(col(count), lit(0L)));
    }

    /** One row per skipped entry: its path as file, its last part as file name, the source when the path starts with one. */
    private static Dataset<Row> skippedRows(SparkSession spark, List<LandingScanner.SkippedInput> skipped, LocalDate asOf) {
        List<String> sources = Sources.ALL.stream().map(SourceContract::name).toList();
        List<Row> entries = skipped.stream().map(input -> RowFactory.create(input.path(), input.reason())).toList();
        StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField(LedgerTable.FILE, DataTypes.StringType, false),
                DataTypes.createStructField(SKIP_REASON, DataTypes.StringType, false)));
        Column firstPart = element_at(split(col(LedgerTable.FILE), "/"), 1);
        return spark.createDataFrame(entries, schema)
                .select(lit(asOf).as(AS_OF_DATE), col(LedgerTable.FILE), when(firstPart.isin(sources.toArray()), firstPart).as(LedgerTable.SOURCE),
                        element_at(split(col(LedgerTable.FILE), "/"), -1).as(LedgerTable.FILE_NAME),
                        lit(STATUS_SKIPPED).as(LedgerTable.STATUS), col(SKIP_REASON));
    }
}
