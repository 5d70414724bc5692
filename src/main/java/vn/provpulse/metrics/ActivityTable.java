package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Sources;
import vn.provpulse.refine.SilverColumns;
import vn.provpulse.refine.UnitMapTable;

import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

/**
 * The days on which each current unit delivered at least one accepted row of each activity source, from the deliveries
 * data_quality counts (kept for earlier days by an incremental run) rolled up through unit_map: a silver row's current
 * unit is the map's for its delivering unit, as refine redoes every row when a snapshot moves a unit.
 */
public final class ActivityTable {
    public static final String SOURCE = DataQuality.SOURCE;
    /** The activity sources a unit delivers daily, by name. */
    public static final List<String> SOURCES = Sources.ACTIVITY.stream().map(SourceContract::name).toList();
    private static final String DELIVERED_CODE = "_delivered_code";

    private ActivityTable() {}

    /**
     * One row per current unit, activity source and data date, from {@code acceptedDeliveries}: source,
     * {@code unit_code} as delivered and data date of accepted rows, of any source (units deliveries are left out here).
     */
    public static Dataset<Row> build(Dataset<Row> acceptedDeliveries, Dataset<Row> unitMap) {
        Dataset<Row> currentUnits = unitMap.select(col(UnitMapTable.UNIT_CODE).as(DELIVERED_CODE),
                col(UnitMapTable.CURRENT_UNIT_CODE).as(SilverColumns.CURRENT_UNIT_CODE));
        return acceptedDeliveries
                .filter(col(SOURCE).isin(SOURCES.toArray()))
                .join(broadcast(currentUnits), col(GoldColumns.UNIT_CODE).equalTo(col(DELIVERED_CODE)))
                .select(col(SilverColumns.CURRENT_UNIT_CODE), col(SOURCE), col(Lineage.DATA_DATE))
                .distinct();
    }
}
