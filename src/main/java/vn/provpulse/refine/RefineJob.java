package vn.provpulse.refine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.JoinKeys;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Ratings;
import vn.provpulse.contract.Reason;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Sources;
import vn.provpulse.contract.Tasks;
import vn.provpulse.contract.Units;
import vn.provpulse.ingest.BronzeSchema;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.ingest.QuarantineTable;
import vn.provpulse.storage.ConcurrentTasks;
import vn.provpulse.storage.MonthFolders;
import vn.provpulse.storage.Rewrite;
import vn.provpulse.storage.StateFile;
import vn.provpulse.storage.TableFiles;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trunc;

/**
 * Bronze → silver as of D, following a {@link RunPlan}: a full pass over all bronze up to D (the
 * first run, late files, a units snapshot that changes how earlier rows are judged, ...), or one
 * that reads only the bronze delivered after the date silver is as of, judges it against silver
 * (duplicates, units as of D) and rewrites only the month slices it touches; both ways give the
 * same silver.
 */
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
    private static final List<String> UNITS_ORDER = List.of(Units.UNIT_CODE, Units.VALID_FROM, Lineage.DATA_DATE);
    private static final List<String> TASK_HISTORY_ORDER = List.of(Tasks.TASK_ID, Tasks.UPDATED_AT);
    private static final List<String> DELIVERY_ORDER = List.of(Lineage.DATA_DATE, Lineage.SOURCE_FILE, Lineage.LINE_NUMBER);
    private static final List<String> QUARANTINE_ORDER = List.of(QuarantineTable.SOURCE, Lineage.DATA_DATE, Lineage.SOURCE_FILE, Lineage.LINE_NUMBER);

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
        try {
            TableFiles.recover(warehouse.root(), warehouse.staging());
            FileLedger ledger = FileLedger.loadAll(warehouse);
            Optional<SilverState> previous = SilverState.read(warehouse.silverState());
            // from here until the new state is written, silver may be half rewritten: without a state the next run is a full pass
            SilverState.clear(warehouse.silverState());
            Refined refined = refine(RunPlan.forRefine(previous, ledger, defaultResponseDays, asOf), ledger);
            if (refined.plan().fullPass()) {
                // gold computed from the silver rewritten here must not be built on (its kept months and days may differ):
                // without its state, the next gold is a full pass
                StateFile.clear(warehouse.goldState());
            }
            refined.staged().forEach(TableFiles.Staged::commit);
            SilverState.after(refined.plan(), RunPlan.filesUpTo(ledger, asOf), defaultResponseDays, refined.taskDueMonths(),
                    refined.feedbackReceivedMonths(), refined.ratingMonths()).write(warehouse.silverState());
            Silver silver = load(asOf);
            LOG.info("refine as of {}: {}; {} units", asOf, refined.plan(), silver.directory().codes().size());
            return silver;
        }
        finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** Silver as the last refine left it, for computing gold in a separate step; it must be as of D. */
    public Silver load(LocalDate asOf) {
        SilverState state = SilverState.read(warehouse.silverState())
                .orElseThrow(() -> new IllegalStateException("Cannot compute gold as of " + asOf
                        + ": silver has not been refined completely (run provpulse refine --date " + asOf + " first)"));
        if (!asOf.equals(state.asOf())) {
            throw new IllegalStateException("Cannot compute gold as of " + asOf + ": silver is as of " + state.asOf()
                    + " (run provpulse refine --date " + asOf + " first)");
        }
        FileLedger ledger = FileLedger.loadAll(warehouse);
        Dataset<Row> units = read(UNITS);
        return new Silver(state, new UnitDirectory(latestVersions(units.collectAsList()), asOf), read(UnitMapTable.NAME).cache(), units,
                read(TASK_HISTORY), read(TASK_LATEST).cache(), read(FEEDBACK_HISTORY), read(FEEDBACK_LATEST).cache(), read(RATINGS),
                TableFiles.readSliced(spark, warehouse.refineQuarantine()),
                plan -> committedQuarantine(ledger, plan));
    }

    /**
     * Refines the bronze the plan reads into staged silver; when a new units snapshot changes how
     * earlier rows are judged, the plan becomes a full pass and refine starts again.
     */
    private Refined refine(RunPlan plan, FileLedger ledger) {
        LocalDate asOf = plan.asOf();
        Refiner.Split units = Refiner.deduplicateUnits(committed(Units.CONTRACT, ledger, plan));
        List<Row> newUnits = units.accepted().collectAsList();
        List<Row> allUnits = new ArrayList<>(newUnits);
        if (!plan.fullPass()) {
            allUnits.addAll(read(UNITS).collectAsList());
        }
        UnitDirectory directory = new UnitDirectory(latestVersions(allUnits), asOf);
        Dataset<Row> unitMap = UnitMapTable.build(spark, directory).cache();
        RunPlan checked = plan.afterUnitsSnapshot(!newUnits.isEmpty(), () -> keepsEarlierVerdicts(directory));
        if (!checked.equals(plan)) {
            return refine(checked, ledger);
        }
        Refiner.Split tasks = deduplicate(Tasks.CONTRACT, TASK_HISTORY, unitMap, ledger, plan);
        Refiner.Split feedback = deduplicate(Feedback.CONTRACT, FEEDBACK_HISTORY, unitMap, ledger, plan);
        Refiner.Split ratings = deduplicate(Ratings.CONTRACT, RATINGS, unitMap, ledger, plan);

        Refiner.judge(List.of(units, tasks, feedback, ratings));
        Dataset<Row> quarantined = units.quarantined().unionByName(tasks.quarantined()).unionByName(feedback.quarantined())
                .unionByName(ratings.quarantined());
        List<TableFiles.Staged> staged = new ArrayList<>(ConcurrentTasks.run(List.of(
                () -> TableFiles.stageTable(unitMap, List.of(UnitMapTable.UNIT_CODE), warehouse.silver(UnitMapTable.NAME), warehouse.staging()),
                () -> appendByDataMonth(warehouse.silver(UNITS), units.accepted(), UNITS_ORDER, plan),
                () -> appendByDataMonth(warehouse.silver(TASK_HISTORY), tasks.accepted(), TASK_HISTORY_ORDER, plan),
                () -> appendByDataMonth(warehouse.silver(FEEDBACK_HISTORY), feedback.accepted(), DELIVERY_ORDER, plan),
                () -> appendByDataMonth(warehouse.silver(RATINGS), ratings.accepted(), List.of(Ratings.RATING_ID), plan),
                () -> appendByDataMonth(warehouse.refineQuarantine(), quarantined, QUARANTINE_ORDER, plan))));
        List<StagedLatest> latest = ConcurrentTasks.run(List.of(
                () -> stageLatest(TASK_LATEST, TASK_HISTORY, tasks.accepted(), Tasks.TASK_ID, col(SilverColumns.EFFECTIVE_DUE), Refiner::taskLatest, plan),
                () -> stageLatest(FEEDBACK_LATEST, FEEDBACK_HISTORY, feedback.accepted(), Feedback.FEEDBACK_ID, col(Feedback.RECEIVED_DATE),
                        history -> Refiner.feedbackLatest(history, defaultResponseDays), plan)));
        StagedLatest taskLatest = latest.get(0);
        StagedLatest feedbackLatest = latest.get(1);
        staged.add(taskLatest.staged());
        staged.add(feedbackLatest.staged());
        List<LocalDate> ratingMonths = plan.fullPass() ? List.of() : ratings.accepted().select(trunc(col(Ratings.RATED_DATE), "month")).distinct()
                .collectAsList().stream().map(row -> (LocalDate) row.get(0)).sorted().toList();
        return new Refined(plan, staged, taskLatest.changedMonths(), feedbackLatest.changedMonths(), ratingMonths);
    }

    /** New rows of a source judged against silver: units as of D, duplicates of earlier silver rows. */
    private Refiner.Split deduplicate(SourceContract source, String history, Dataset<Row> unitMap, FileLedger ledger, RunPlan plan) {
        Dataset<Row> bronze = committed(source, ledger, plan);
        if (plan.fullPass()) {
            return Refiner.checkUnitsAndDeduplicate(bronze, source, unitMap);
        }
        return Refiner.checkUnitsAndDeduplicate(bronze, source, unitMap, Refiner.withKeysOf(read(history), bronze, source));
    }

    /** A new units snapshot must not move an earlier unit to another current unit, nor make a quarantined unknown code known. */
    private boolean keepsEarlierVerdicts(UnitDirectory directory) {
        Map<String, String> earlier = new HashMap<>();
        for (Row row : read(UnitMapTable.NAME).select(UnitMapTable.UNIT_CODE, UnitMapTable.CURRENT_UNIT_CODE).collectAsList()) {
            earlier.put(row.getString(0), row.getString(1));
        }
        Set<String> newCodes = new TreeSet<>(directory.codes());
        newCodes.removeAll(earlier.keySet());
        boolean sameRollUp = earlier.entrySet().stream()
                .allMatch(entry -> directory.codes().contains(entry.getKey()) && directory.currentCodeOf(entry.getKey()).equals(entry.getValue()));
        return sameRollUp && (newCodes.isEmpty() || TableFiles.readSliced(spark, warehouse.refineQuarantine())
                .filter(col(QuarantineTable.REASON_CODE).equalTo(Reason.UNKNOWN_UNIT))
                .filter(col(QuarantineTable.UNIT_CODE).isin(newCodes.toArray()))
                .isEmpty());
    }

    /**
     * Stages a latest-state table: all of it after a full pass; else the items with new rows get
     * their latest state again from their whole history, in the month slices they leave or enter
     * (the months changed; none are listed after a full pass).
     */
    private StagedLatest stageLatest(String table, String history, Dataset<Row> newRows, String id, Column monthDate,
                                     UnaryOperator<Dataset<Row>> latestOf, RunPlan plan) {
        Path location = warehouse.silver(table);
        if (plan.fullPass()) {
            return new StagedLatest(TableFiles.stageSlices(latestOf.apply(newRows), Slices.monthOf(monthDate), List.of(id), location,
                    warehouse.staging(), Rewrite.entireTable()), List.of());
        }
        Dataset<Row> touched = newRows.select(id).distinct();
        Dataset<Row> latest = latestOf.apply(read(history).join(touched, JoinKeys.of(id), "left_semi").unionByName(newRows)).cache();
        Set<String> months = new TreeSet<>();
        Dataset<Row> leaving = read(table).join(touched, JoinKeys.of(id), "left_semi").select(Slices.monthOf(monthDate));
        leaving.union(latest.select(Slices.monthOf(monthDate))).distinct().collectAsList().forEach(row -> months.add(row.getString(0)));
        Dataset<Row> rows = TableFiles.readSlices(spark, location, months, latest.schema())
                .join(touched, JoinKeys.of(id), "left_anti")
                .unionByName(latest);
        TableFiles.Staged staged = TableFiles.stageSlices(rows, Slices.monthOf(monthDate), List.of(id), location, warehouse.staging(),
                Rewrite.only(months));
        return new StagedLatest(staged, months.stream().map(name -> LocalDate.parse(name + "-01")).toList());
    }

    /** Stages a history table sliced by month of data date: all of it after a full pass, else the new rows added to their months' rows. */
    private TableFiles.Staged appendByDataMonth(Path table, Dataset<Row> newRows, List<String> order, RunPlan plan) {
        Rewrite rewrite = plan.dataMonthSlices();
        Dataset<Row> rows = rewrite.wholeTable() ? newRows
                : TableFiles.readSlices(spark, table, rewrite.slices(), newRows.schema()).unionByName(newRows);
        return TableFiles.stageSlices(rows, Slices.monthOf(col(Lineage.DATA_DATE)), order, table, warehouse.staging(), rewrite);
    }

    private Dataset<Row> read(String table) {
        return TableFiles.readSliced(spark, warehouse.silver(table));
    }

    /** Bronze rows of files the ledger committed for the data dates the plan reads. */
    private Dataset<Row> committed(SourceContract source, FileLedger ledger, RunPlan plan) {
        return readCommitted(warehouse.bronze(source.name()), BronzeSchema.of(source), source.name(), ledger, plan);
    }

    private Dataset<Row> committedQuarantine(FileLedger ledger, RunPlan plan) {
        Dataset<Row> all = null;
        for (SourceContract source : Sources.ALL) {
            Dataset<Row> rows = readCommitted(warehouse.quarantine(source.name()), QuarantineTable.SCHEMA, source.name(), ledger, plan);
            all = all == null ? rows : all.unionByName(rows);
        }
        return all;
    }

    private Dataset<Row> readCommitted(Path table, StructType schema, String source, FileLedger ledger, RunPlan plan) {
        List<Row> files = ledger.files().stream()
                .filter(entry -> entry.source().equals(source) && plan.reads(entry.dataDate()))
                .filter(entry -> !entry.status().equals(FileLedger.STATUS_DUPLICATE_FILE))
                .map(entry -> RowFactory.create(entry.dataDate(), entry.fileName()))
                .toList();
        List<LocalDate> dates = files.stream().map(file -> (LocalDate) file.get(0)).distinct().toList();
        Optional<Dataset<Row>> stored = stored(table, schema, dates);
        if (stored.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        Dataset<Row> committedFiles = spark.createDataFrame(files, LEDGER_FILES);
        return stored.get()
                .join(broadcast(committedFiles), JoinKeys.of(Lineage.DATA_DATE, Lineage.SOURCE_FILE), "left_semi")
                .select(java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    /**
     * The rows of the month folders holding these dates (listing only those, not the whole history), and of
     * any day folders an earlier layout left for them; none when there are no such folders.
     */
    private Optional<Dataset<Row>> stored(Path table, StructType schema, List<LocalDate> dates) {
        List<Dataset<Row>> parts = new ArrayList<>();
        String[] months = MonthFolders.existing(table, dates);
        if (months.length > 0) {
            // the dates as a filter Parquet sees: a night's run file of another date is skipped by its statistics
            parts.add(spark.read().schema(schema).parquet(months).filter(col(Lineage.DATA_DATE).isin(dates.toArray())));
        }
        String[] days = MonthFolders.existingDayFolders(table, Lineage.DATA_DATE, dates);
        if (days.length > 0) {
            parts.add(spark.read().schema(schema).option("basePath", table.toString()).parquet(days));
        }
        return parts.stream().reduce(Dataset::unionByName);
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

    /** The plan one refine followed, its staged silver tables, and the months of the latest-state tables it changed. */
    private record Refined(RunPlan plan, List<TableFiles.Staged> staged, List<LocalDate> taskDueMonths, List<LocalDate> feedbackReceivedMonths,
                           List<LocalDate> ratingMonths) {}

    /** A staged latest-state table and the months (first days) of the slices it rewrites; none after a full pass. */
    private record StagedLatest(TableFiles.Staged staged, List<LocalDate> changedMonths) {}

    /**
     * Silver as of D for the metrics (whole tables, read lazily), the state saying what this refine
     * changed, the quarantine found by refine, and the quarantine found by ingest in the files
     * committed for the data dates a plan reads.
     */
    public record Silver(
            SilverState state,
            UnitDirectory directory,
            Dataset<Row> unitMap,
            Dataset<Row> units,
            Dataset<Row> taskHistory,
            Dataset<Row> taskLatest,
            Dataset<Row> feedbackHistory,
            Dataset<Row> feedbackLatest,
            Dataset<Row> ratings,
            Dataset<Row> refineQuarantine,
            Function<RunPlan, Dataset<Row>> ingestQuarantine) {}
}
