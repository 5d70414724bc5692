package vn.provpulse.refine;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * silver.unit_map: one row per unit code known up to D, with the current unit it reports under
 * and that current unit's type, name and head in office at D.
 */
public final class UnitMapTable {
    public static final String NAME = "unit_map";
    public static final String UNIT_CODE = "unit_code";
    public static final String CURRENT_UNIT_CODE = "current_unit_code";
    public static final String UNIT_NAME = "unit_name";
    public static final String UNIT_TYPE = "unit_type";
    public static final String HEAD_NAME = "head_name";
    public static final String HEAD_TITLE = "head_title";
    public static final String IS_CURRENT = "is_current";
    public static final String IN_FORCE_AT_AS_OF = "in_force_at_as_of";

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField(UNIT_CODE, DataTypes.StringType, false),
            DataTypes.createStructField(CURRENT_UNIT_CODE, DataTypes.StringType, false),
            DataTypes.createStructField(UNIT_NAME, DataTypes.StringType, true),
            DataTypes.createStructField(UNIT_TYPE, DataTypes.StringType, true),
            DataTypes.createStructField(HEAD_NAME, DataTypes.StringType, true),
            DataTypes.createStructField(HEAD_TITLE, DataTypes.StringType, true),
            DataTypes.createStructField(IS_CURRENT, DataTypes.BooleanType, false),
            DataTypes.createStructField(IN_FORCE_AT_AS_OF, DataTypes.BooleanType, false),
    });

    private UnitMapTable() {}

    public static Dataset<Row> build(SparkSession spark, UnitDirectory directory) {
        List<Row> rows = new ArrayList<>();
        for (String code : directory.codes()) {
            String current = directory.currentCodeOf(code);
            UnitVersion currentVersion = directory.versionAtAsOf(current);
            UnitVersion head = directory.inForceAtAsOf(current).orElse(null);
            rows.add(RowFactory.create(code, current, currentVersion.unitName(), currentVersion.unitType(),
                    head == null ? null : head.headName(), head == null ? null : head.headTitle(),
                    current.equals(code), directory.inForceAtAsOf(code).isPresent()));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }
}
