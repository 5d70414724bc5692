package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.Lineage;
import vn.provpulse.storage.TableFiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/** The nightly data-quality gate: what must hold before a night's figures are trusted. */
public final class QualityGate {
    private final SparkSession spark;
    private final WarehouseLayout warehouse;
    private final ProvPulseConfig.QualityGate settings;

    public QualityGate(SparkSession spark, WarehouseLayout warehouse, ProvPulseConfig.QualityGate settings) {
        this.spark = requireNonNull(spark, "spark is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The reasons the gate fails; empty when it passes. */
    public List<String> check(LocalDate asOf) {
        List<String> failures = new ArrayList<>();
        Dataset<Row> files = TableFiles.readTable(spark, warehouse.gold(FileReconciliation.NAME));
        long stale = files.filter(col(GoldColumns.AS_OF_DATE).notEqual(lit(asOf))).count();
        if (stale > 0 || files.isEmpty()) {
            failures.add("gold is not as of " + asOf + " (run provpulse nightly --date " + asOf + ")");
        }
        long unreconciled = files.filter(col(FileReconciliation.ACCEPTED).plus(col(FileReconciliation.QUARANTINED))
                .notEqual(col(DataQuality.ROWS_READ))).count();
        if (unreconciled > 0) {
            failures.add(unreconciled + " file(s) where rows read differ from accepted + quarantined");
        }
        Row day = TableFiles.readTable(spark, warehouse.gold(DataQuality.NAME))
                .filter(col(Lineage.DATA_DATE).equalTo(lit(asOf)))
                .agg(sum(col(DataQuality.ROWS_READ)), sum(col(DataQuality.QUARANTINED))).first();
        if (!day.isNullAt(0) && day.getLong(0) > 0) {
            double share = (double) day.getLong(1) / day.getLong(0);
            if (share > settings.maxQuarantineShare()) {
                failures.add(String.format("%.1f%% of the rows delivered on %s were quarantined (limit %.1f%%)", share * 100, asOf,
                        settings.maxQuarantineShare() * 100));
            }
        }
        return failures;
    }
}
