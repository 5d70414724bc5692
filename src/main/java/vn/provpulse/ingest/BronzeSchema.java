package vn.provpulse.ingest;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Field;
import vn.provpulse.contract.FieldType;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.SourceContract;

import java.util.ArrayList;
import java.util.List;

/**
 * bronze.&lt;source&gt;: one row per accepted landing row, typed; personal identity replaced by
 * {@code citizen_key}, free text moved out (see {@link RestrictedContentTable}). Timestamps are
 * UTC instants; each has its local date beside it. Stored in month partitions of {@code data_date} ({@code storage/MonthFolders}).
 */
public final class BronzeSchema {
    private BronzeSchema() {}

    public static StructType of(SourceContract contract) {
        List<StructField> columns = new ArrayList<>();
        for (Field field : contract.openFields()) {
            columns.add(DataTypes.createStructField(field.name(), sparkType(field.type()), true));
            if (field.type() == FieldType.TIMESTAMP) {
                columns.add(DataTypes.createStructField(field.localDateColumn(), DataTypes.DateType, true));
            }
        }
        if (contract.hasIdentityFields()) {
            columns.add(DataTypes.createStructField(Feedback.CITIZEN_KEY, DataTypes.StringType, true));
        }
        if (contract.wholeRowDuplicateKey()) {
            columns.add(DataTypes.createStructField(Feedback.ROW_FINGERPRINT, DataTypes.StringType, false));
        }
        columns.add(DataTypes.createStructField(Lineage.SOURCE_FILE, DataTypes.StringType, false));
        columns.add(DataTypes.createStructField(Lineage.LINE_NUMBER, DataTypes.IntegerType, false));
        columns.add(DataTypes.createStructField(Lineage.DATA_DATE, DataTypes.DateType, false));
        return DataTypes.createStructType(columns);
    }

    private static DataType sparkType(FieldType type) {
        return switch (type) {
            case TEXT -> DataTypes.StringType;
            case DATE, DEADLINE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case INTEGER, SCORE -> DataTypes.IntegerType;
        };
    }
}
