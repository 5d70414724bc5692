package vn.provpulse.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.provpulse.contract.Lineage;

/**
 * quarantine.&lt;source&gt;: one row per landing row that was not accepted, with its reason, the
 * file, line and raw text (personal numbers masked). Restricted: never published.
 */
public final class QuarantineTable {
    public static final String SOURCE = "source";
    public static final String UNIT_CODE = "unit_code";
    /** The reason with its field, e.g. {@code bad_date:due_date}. */
    public static final String REASON = "reason";
    /** The reason's code alone, e.g. {@code bad_date}. */
    public static final String REASON_CODE = "reason_code";
    public static final String FIELD = "field";
    public static final String DETAIL = "detail";
    public static final String RAW = "raw";

    public static final StructType SCHEMA = DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
            DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
            DataTypes.createStructField(UNIT_CODE, DataTypes.StringType, true),
            DataTypes.createStructField(REASON, DataTypes.StringType, false),
            DataTypes.createStructField(REASON_CODE, DataTypes.StringType, false),
            DataTypes.createStructField(FIELD, DataTypes.StringType, true),
            DataTypes.createStructField(DETAIL, DataTypes.StringType, false),
            DataTypes.createStructField(RAW, DataTypes.StringType, true),
            DataTypes.createStructField(Lineage.SOURCE_FILE, DataTypes.StringType, false),
            DataTypes.createStructField(Lineage.LINE_NUMBER, DataTypes.IntegerType, false),
            DataTypes.createStructField(Lineage.DATA_DATE, DataTypes.DateType, false),
    });

    private QuarantineTable() {}
}
