package vn.provpulse.refine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Ratings;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Tasks;
import vn.provpulse.contract.Units;
import vn.provpulse.ingest.BronzeSchema;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.ingest.QuarantineTable;
import vn.provpulse.pipeline.TableFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/** Bronze → silver as of D: reads committed bronze up to D, refines it, writes silver. */
public final class RefineJob {
    private static final Logger LOG = LogManager.getLogger(RefineJob.class);
    public static final String UNITS = "units";
    public static final String TASK_HISTORY = "task_history";
    public static final String TASK_LATEST = "task_latest";
    public static final String FEEDBACK_HISTORY = "feedback_history";
    public static final String FEEDBACK_LATEST = "feedback_latest";
    public static final String RATINGS = "ratings";

    private static final StructType LEDGER_FILES = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField(Lineage.DATA_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(Lineage.SOURCE_FILE, DataTypes.StringType, false),
    });

    private final SparkSession spark;
    private final WarehouseLayout warehouse;
    private final int defaultResponseDays;

    public RefineJob(SparkSession spark, WarehouseLayout warehouse, int defaultResponseDays) {
        this.spark = requireNonNull(spark, "spark is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.defaultResponseDays = defaultResponseDays;
    }

    public Silver execute(LocalDate asOf) {
        spark.sparkContext().setJobGroup("refine", "Refine bronze to silver as of " + asOf, false);
        TableFiles.recover(warehouse.root(), warehouse.staging());
        FileLedger ledger = FileLedger.loadAll(warehouse);
        Refiner.Split units = Refiner.deduplicateUnits(committed(Units.CONTRACT, ledger, asOf));
        UnitDirectory directory = new UnitDirectory(latestVersions(units.accepted().collectAsList()), asOf);
        Dataset<Row> unitMap = UnitMapTable.build(spark, directory).cache();
        Refiner.Split tasks = Refiner.checkUnitsAndDeduplicate(committed(Tasks.CONTRACT, ledger, asOf), Tasks.CONTRACT, unitMap);
        Refiner.Split feedback = Refiner.checkUnitsAndDeduplicate(committed(Feedback.CONTRACT, ledger, asOf), Feedback.CONTRACT, unitMap);
        Refiner.Split ratings = Refiner.checkUnitsAndDeduplicate(committed(Ratings.CONTRACT, ledger, asOf), Ratings.CONTRACT, unitMap);

        Dataset<Row> taskHistory = write(TASK_HISTORY, tasks.accepted(), List.of(Tasks.TASK_ID, Tasks.UPDATED_AT));
        Dataset<Row> feedbackHistory = write(FEEDBACK_HISTORY, feedback.accepted(), List.of(Lineage.DATA_DATE, Lineage.SOURCE_FILE, Lineage.LINE_NUMBER));
        Dataset<Row> refineQuarantine = units.quarantined().unionByName(tasks.quarantined()).unionByName(feedback.quarantined())
                .unionByName(ratings.quarantined());
        TableFiles.replaceTable(refineQuarantine, List.of(QuarantineTable.SOURCE, Lineage.DATA_DATE, Lineage.SOURCE_FILE, Lineage.LINE_NUMBER),
                warehouse.refineQuarantine(), warehouse.staging());
        Silver silver = new Silver(
                directory,
                write(UnitMapTable.NAME, unitMap, List.of(UnitMapTable.UNIT_CODE)),
                write(UNITS, units.accepted(), List.of(Units.UNIT_CODE, Units.VALID_FROM, Lineage.DATA_DATE)),
                taskHistory,
                write(TASK_LATEST, Refiner.taskLatest(taskHistory), List.of(Tasks.TASK_ID)),
                feedbackHistory,
                write(FEEDBACK_LATEST, Refiner.feedbackLatest(feedbackHistory, defaultResponseDays), List.of(Feedback.FEEDBACK_ID)),
                write(RATINGS, ratings.accepted(), List.of(Ratings.RATING_ID)),
                spark.read().schema(QuarantineTable.SCHEMA).parquet(warehouse.refineQuarantine().toString()).cache(),
                committedQuarantine(ledger, asOf).cache());
        TableFiles.writeAtomically(warehouse.silverAsOf(), asOf.toString());
        LOG.info("refine as of {}: {} units, {} task records, {} feedback records, {} ratings", asOf,
                directory.codes().size(), taskHistory.count(), feedbackHistory.count(), silver.ratings().count());
        spark.sparkContext().clearJobGroup();
        return silver;
    }

    /** Silver as the last refine left it, for computing gold in a separate step; it must be as of D. */
    public Silver load(LocalDate asOf) {
        LocalDate refined = readAsOf();
        if (!asOf.equals(refined)) {
            throw new IllegalStateException("Cannot compute gold as of " + asOf + ": silver is as of " + refined
                    + " (run provpulse refine --date " + asOf + " first)");
        }
        FileLedger ledger = FileLedger.loadAll(warehouse);
        Dataset<Row> units = read(UNITS);
        return new Silver(new UnitDirectory(latestVersions(units.collectAsList()), asOf), read(UnitMapTable.NAME), units,
                read(TASK_HISTORY), read(TASK_LATEST), read(FEEDBACK_HISTORY), read(FEEDBACK_LATEST), read(RATINGS),
                spark.read().schema(QuarantineTable.SCHEMA).parquet(warehouse.refineQuarantine().toString()).cache(),
                committedQuarantine(ledger, asOf).cache());
    }

    private Dataset<Row> read(String table) {
        return spark.read().parquet(warehouse.silver(table).toString()).cache();
    }

    private LocalDate readAsOf() {
        try {
            return LocalDate.parse(Files.readString(warehouse.silverAsOf()).strip());
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot compute gold: silver has not been refined yet (run provpulse refine --date D first)");
        }
    }

    private Dataset<Row> write(String table, Dataset<Row> rows, List<String> order) {
        Path location = warehouse.silver(table);
        TableFiles.replaceTable(rows, order, location, warehouse.staging());
        return spark.read().parquet(location.toString()).cache();
    }

    /** Bronze rows of files the ledger committed, delivered up to D. */
    private Dataset<Row> committed(SourceContract source, FileLedger ledger, LocalDate asOf) {
        StructType schema = BronzeSchema.of(source);
        return readCommitted(warehouse.bronze(source.name()), schema, source.name(), ledger, asOf);
    }

    private Dataset<Row> committedQuarantine(FileLedger ledger, LocalDate asOf) {
        Dataset<Row> all = null;
        for (SourceContract source : vn.provpulse.contract.Sources.ALL) {
            Dataset<Row> rows = readCommitted(warehouse.quarantine(source.name()), QuarantineTable.SCHEMA, source.name(), ledger, asOf);
            all = all == null ? rows : all.unionByName(rows);
        }
        return all;
    }

    private Dataset<Row> readCommitted(Path table, StructType schema, String source, FileLedger ledger, LocalDate asOf) {
        if (!Files.isDirectory(table)) {
            return spark.createDataFrame(List.of(), schema);
        }
        List<Row> files = ledger.files().stream()
                .filter(entry -> entry.source().equals(source) && !entry.dataDate().isAfter(asOf))
                .filter(entry -> !entry.status().equals(FileLedger.STATUS_DUPLICATE_FILE))
                .map(entry -> RowFactory.create(entry.dataDate(), entry.fileName()))
                .toList();
        Dataset<Row> committedFiles = spark.createDataFrame(files, LEDGER_FILES);
        return spark.read().schema(schema).parquet(table.toString())
                .filter(col(Lineage.DATA_DATE).leq(org.apache.spark.sql.functions.lit(asOf)))
                .join(org.apache.spark.sql.functions.broadcast(committedFiles),
                        vn.provpulse.contract.JoinKeys.of(Lineage.DATA_DATE, Lineage.SOURCE_FILE), "left_semi")
                .select(java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
    }

    /** For each unit code, its versions from the latest snapshot that lists it. */
    static List<UnitVersion> latestVersions(List<Row> units) {
        Map<String, LocalDate> latestSnapshot = new HashMap<>();
        for (Row row : units) {
            latestSnapshot.merge(row.getAs(Units.UNIT_CODE), row.getAs(Lineage.DATA_DATE), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<UnitVersion> versions = new ArrayList<>();
        for (Row row : units) {
            String code = row.getAs(Units.UNIT_CODE);
            LocalDate snapshot = row.getAs(Lineage.DATA_DATE);
            if (snapshot.equals(latestSnapshot.get(code))) {
                versions.add(new UnitVersion(code, row.getAs(Units.UNIT_NAME), row.getAs(Units.UNIT_TYPE), row.getAs(Units.PARENT_CODE),
                        row.getAs(Units.HEAD_NAME), row.getAs(Units.HEAD_TITLE), row.getAs(Units.VALID_FROM), row.getAs(Units.VALID_TO),
                        row.getAs(Units.SUCCESSOR_CODE), snapshot));
            }
        }
        return versions;
    }

    /** Silver as of D, cached for the metrics, plus the quarantine found by refine and by ingest. */
    public record Silver(
            UnitDirectory directory,
            Dataset<Row> unitMap,
            Dataset<Row> units,
            Dataset<Row> taskHistory,
            Dataset<Row> taskLatest,
            Dataset<Row> feedbackHistory,
            Dataset<Row> feedbackLatest,
            Dataset<Row> ratings,
            Dataset<Row> refineQuarantine,
            Dataset<Row> ingestQuarantine) {}
}
