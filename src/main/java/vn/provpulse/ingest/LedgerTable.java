package vn.provpulse.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.List;

/** The ingest ledger as a dataset: one row per landing file delivered up to D. */
public final class LedgerTable {
    public static final String FILE = "file";
    public static final String SOURCE = "source";
    public static final String DATA_DATE = "data_date";
    public static final String FILE_NAME = "file_name";
    public static final String CONTENT_HASH = "content_hash";
    public static final String SIZE_BYTES = "size_bytes";
    public static final String STATUS = "status";
    public static final String ROWS_READ = "rows_read";
    public static final String FIRST_SEEN_RUN_DATE = "first_seen_run_date";
    public static final String DUPLICATE_OF = "duplicate_of";

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField(FILE, DataTypes.StringType, false),
            DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
            DataTypes.createStructField(DATA_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(FILE_NAME, DataTypes.StringType, false),
            DataTypes.createStructField(CONTENT_HASH, DataTypes.StringType, false),
            DataTypes.createStructField(SIZE_BYTES, DataTypes.LongType, false),
            DataTypes.createStructField(STATUS, DataTypes.StringType, false),
            DataTypes.createStructField(ROWS_READ, DataTypes.LongType, false),
            DataTypes.createStructField(FIRST_SEEN_RUN_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(DUPLICATE_OF, DataTypes.StringType, true),
    });

    private LedgerTable() {}

    /** The ledger's files whose data date a run reads. */
    public static Dataset<Row> of(SparkSession spark, FileLedger ledger, java.util.function.Predicate<LocalDate> dataDates) {
        List<Row> rows = ledger.files().stream()
                .filter(entry -> dataDates.test(entry.dataDate()))
                .map(entry -> RowFactory.create(entry.path(), entry.source(), entry.dataDate(), entry.fileName(), entry.contentHash(),
                        entry.size(), entry.status(), (long) entry.rowsRead(), entry.runDate(), entry.duplicateOf()))
                .toList();
        return spark.createDataFrame(rows, SCHEMA);
    }
}
