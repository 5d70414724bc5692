package vn.provpulse.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Lineage;

/**
 * restricted.feedback_content: one row per accepted feedback row that carries complaint text.
 * The only place free text is kept; never published, never read by a metric.
 */
public final class RestrictedContentTable {
    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField(Feedback.FEEDBACK_ID, DataTypes.StringType, false),
            DataTypes.createStructField(Feedback.CONTENT, DataTypes.StringType, false),
            DataTypes.createStructField(Lineage.SOURCE_FILE, DataTypes.StringType, false),
            DataTypes.createStructField(Lineage.LINE_NUMBER, DataTypes.IntegerType, false),
            DataTypes.createStructField(Lineage.DATA_DATE, DataTypes.DateType, false),
    });

    private RestrictedContentTable() {}
}
