package vn.provpulse.metrics;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.ingest.LedgerTable;
import vn.provpulse.pipeline.TableFiles;
import vn.provpulse.refine.RefineJob;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Silver → gold as of D: builds every gold table of SPEC §4 and writes each one atomically. */
public final class GoldJob {
    private static final Logger LOG = LogManager.getLogger(GoldJob.class);
    /** Every gold table, in the order they are built (the SPEC's published names). */
    public static final List<String> TABLES = List.of(UnitMonthTasks.NAME, UnitMonthFeedback.NAME, UnitMonthRatings.NAME,
            UnitScorecard.NAME, UnitClassification.NAME, ProvinceTrend.NAME, OverdueRegister.NAME, IntegrityFlags.NAME,
            DataQuality.NAME, FileReconciliation.NAME);

    private final SparkSession spark;
    private final WarehouseLayout warehouse;
    private final ProvPulseConfig config;

    public GoldJob(SparkSession spark, WarehouseLayout warehouse, ProvPulseConfig config) {
        this.spark = requireNonNull(spark, "spark is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** Builds the gold tables as datasets, without writing them. */
    public Map<String, Dataset<Row>> build(RefineJob.Silver silver, LocalDate asOf) {
        Map<String, Dataset<Row>> gold = new LinkedHashMap<>();
        Dataset<Row> tasks = UnitMonthTasks.build(silver.taskLatest(), asOf).cache();
        Dataset<Row> feedback = UnitMonthFeedback.build(silver.feedbackLatest(), asOf).cache();
        Dataset<Row> ratings = UnitMonthRatings.build(silver.ratings(), asOf).cache();
        gold.put(UnitMonthTasks.NAME, tasks);
        gold.put(UnitMonthFeedback.NAME, feedback);
        gold.put(UnitMonthRatings.NAME, ratings);
        gold.put(UnitScorecard.NAME, UnitScorecard.build(tasks, feedback, ratings, silver.unitMap(), config.scoring(), asOf));
        gold.put(UnitClassification.NAME, UnitClassification.build(spark, tasks, feedback, ratings, silver.taskLatest(),
                silver.directory(), config, asOf));
        gold.put(ProvinceTrend.NAME, ProvinceTrend.build(tasks, feedback, ratings, asOf));
        gold.put(OverdueRegister.NAME, OverdueRegister.build(silver.taskLatest(), silver.feedbackLatest(), silver.unitMap(), config.overdue(), asOf));
        Dataset<Row> activity = ActivityTable.build(silver.taskHistory(), silver.feedbackHistory(), silver.ratings());
        gold.put(IntegrityFlags.NAME, IntegrityFlags.build(silver.taskHistory(), silver.taskLatest(), silver.ratings(), activity,
                config.integrity(), asOf));
        Dataset<Row> quarantine = silver.ingestQuarantine().unionByName(silver.refineQuarantine());
        Dataset<Row> ledger = LedgerTable.asOf(spark, FileLedger.loadAll(warehouse), asOf);
        gold.put(DataQuality.NAME, DataQuality.build(silver.units(), silver.taskHistory(), silver.feedbackHistory(), silver.ratings(),
                quarantine, ledger, asOf));
        gold.put(FileReconciliation.NAME, FileReconciliation.build(ledger, quarantine, asOf));
        return gold;
    }

    /** Builds and writes every gold table; returns the row count of each. */
    public Map<String, Long> execute(RefineJob.Silver silver, LocalDate asOf) {
        spark.sparkContext().setJobGroup("gold", "Compute gold tables as of " + asOf, false);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset<Row>> table : build(silver, asOf).entrySet()) {
            Dataset<Row> rows = table.getValue();
            List<String> order = List.of(rows.columns());
            TableFiles.replaceTable(rows, order, warehouse.gold(table.getKey()), warehouse.staging());
            long count = spark.read().parquet(warehouse.gold(table.getKey()).toString()).count();
            counts.put(table.getKey(), count);
            LOG.info("gold.{}: {} rows", table.getKey(), count);
        }
        spark.sparkContext().clearJobGroup();
        return counts;
    }
}
