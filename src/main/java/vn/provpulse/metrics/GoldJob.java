package vn.provpulse.metrics;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Ratings;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.ingest.LandingScanner;
import vn.provpulse.ingest.LedgerTable;
import vn.provpulse.storage.ConcurrentTasks;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.refine.RefineJob;
import vn.provpulse.refine.RunPlan;
import vn.provpulse.refine.SilverColumns;
import vn.provpulse.refine.Slices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trunc;
import static vn.provpulse.metrics.GoldColumns.AS_OF_DATE;
import static vn.provpulse.metrics.GoldColumns.MONTH;

/**
 * Silver → gold as of D: builds every gold table of docs/metrics.md and writes them, following a
 * {@link GoldPlan}: every month, or (after a refine that built on earlier silver) only the months
 * the plan names, keeping the other months of the gold computed then; daily tables then recompute
 * only the new days.
 */
public final class GoldJob {
    private static final Logger LOG = LogManager.getLogger(GoldJob.class);
    /** Every gold table, in the order they are built (their published names, as in docs/metrics.md). */
    public static final List<String> TABLES = List.of(UnitMonthTasks.NAME, UnitMonthFeedback.NAME, UnitMonthRatings.NAME,
            UnitScorecard.NAME, UnitClassification.NAME, ProvinceTrend.NAME, OverdueRegister.NAME, IntegrityFlags.NAME,
            DataQuality.NAME, FileReconciliation.NAME);

    /** The tables that read silver's rows: written first, so that none is left alone at the end. */
    private static final List<String> WRITTEN_FIRST = List.of(DataQuality.NAME, IntegrityFlags.NAME, FileReconciliation.NAME);
    /** The order the tables are written in, two at a time: those {@link #WRITTEN_FIRST}, then the others as built. */
    static final List<String> WRITE_ORDER = java.util.stream.Stream.concat(WRITTEN_FIRST.stream(),
            TABLES.stream().filter(table -> !WRITTEN_FIRST.contains(table))).toList();

    private final SparkSession spark;
    private final WarehouseLayout warehouse;
    private final ProvPulseConfig config;

    public GoldJob(SparkSession spark, WarehouseLayout warehouse, ProvPulseConfig config) {
        this.spark = requireNonNull(spark, "spark is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** Builds the gold tables as datasets, without writing them: every month, or the months the plan names. */
    private Map<String, Dataset<Row>> build(RefineJob.Silver silver, GoldPlan plan, List<LandingScanner.SkippedInput> skippedLanding) {
        LocalDate asOf = plan.run().asOf();
        Map<String, Dataset<Row>> gold = new LinkedHashMap<>();
        Dataset<Row> tasks = unitMonthTasks(silver, plan).cache();
        Dataset<Row> feedback = unitMonthFeedback(silver, plan).cache();
        Dataset<Row> ratings = unitMonthRatings(silver, plan).cache();
        gold.put(UnitMonthTasks.NAME, tasks);
        gold.put(UnitMonthFeedback.NAME, feedback);
        gold.put(UnitMonthRatings.NAME, ratings);
        gold.put(UnitScorecard.NAME, UnitScorecard.build(tasks, feedback, ratings, silver.unitMap(), config.scoring(), asOf));
        gold.put(UnitClassification.NAME, UnitClassification.build(spark, tasks, feedback, ratings, silver.taskLatest(),
                silver.directory(), config, asOf));
        gold.put(ProvinceTrend.NAME, ProvinceTrend.build(tasks, feedback, ratings, asOf));
        gold.put(OverdueRegister.NAME, OverdueRegister.build(silver.taskLatest(), silver.feedbackLatest(), silver.unitMap(), config.overdue(), asOf));
        DailyTables daily = dailyTables(silver, plan.run(), skippedLanding);
        // read twice by the silent-unit flag (first export dates, silent days): computed once
        Dataset<Row> activity = ActivityTable.build(daily.acceptedDeliveries(), silver.unitMap()).cache();
        gold.put(IntegrityFlags.NAME, IntegrityFlags.build(silver.taskHistory(), silver.taskLatest(), silver.ratings(), activity,
                config.integrity(), asOf));
        gold.put(DataQuality.NAME, daily.dataQuality());
        gold.put(FileReconciliation.NAME, daily.fileReconciliation());
        return gold;
    }

    /** unit_month_tasks from all of task_latest, or from the task_latest slices of the months the plan recomputes. */
    private Dataset<Row> unitMonthTasks(RefineJob.Silver silver, GoldPlan plan) {
        return fromLatestSlices(UnitMonthTasks.NAME, RefineJob.TASK_LATEST, silver.taskLatest(), plan::taskMonths, plan,
                UnitMonthTasks::build);
    }

    /** unit_month_feedback from all of feedback_latest, or from the slices of the months the plan recomputes. */
    private Dataset<Row> unitMonthFeedback(RefineJob.Silver silver, GoldPlan plan) {
        return fromLatestSlices(UnitMonthFeedback.NAME, RefineJob.FEEDBACK_LATEST, silver.feedbackLatest(), plan::feedbackMonths, plan,
                UnitMonthFeedback::build);
    }

    /** A monthly table from a whole latest-state table, or from its slices of the given months, keeping the other months. */
    private Dataset<Row> fromLatestSlices(String table, String latestTable, Dataset<Row> wholeLatest,
                                          java.util.function.Supplier<Set<LocalDate>> monthsToRecompute, GoldPlan plan,
                                          java.util.function.BiFunction<Dataset<Row>, LocalDate, Dataset<Row>> build) {
        LocalDate asOf = plan.run().asOf();
        if (plan.fullPass()) {
            return build.apply(wholeLatest, asOf);
        }
        Set<LocalDate> months = monthsToRecompute.get();
        Dataset<Row> latest = latestSlices(latestTable, wholeLatest, months);
        return keepOtherMonths(table, build.apply(latest, asOf), months, asOf);
    }

    /** unit_month_ratings from all ratings, or from the ratings of the rated months the plan recomputes. */
    private Dataset<Row> unitMonthRatings(RefineJob.Silver silver, GoldPlan plan) {
        LocalDate asOf = plan.run().asOf();
        if (plan.fullPass()) {
            return UnitMonthRatings.build(silver.ratings(), asOf);
        }
        Set<LocalDate> months = plan.ratingMonths();
        Dataset<Row> ratings = silver.ratings().filter(trunc(col(Ratings.RATED_DATE), "month").isin(months.toArray()));
        return keepOtherMonths(UnitMonthRatings.NAME, UnitMonthRatings.build(ratings, asOf), months, asOf);
    }

    /**
     * Builds and writes every gold table (all staged first, then swapped in); returns the row count of each. The
     * landing entries skipped as of D, which file reconciliation lists, are found by a scan of the landing.
     */
    public Map<String, Long> execute(RefineJob.Silver silver, LocalDate asOf) {
        return execute(silver, asOf, FileReconciliation.skippedInputs(Path.of(config.paths().landing()), asOf));
    }

    /**
     * As {@link #execute(RefineJob.Silver, LocalDate)}, with the landing entries skipped as of D that a run's ingest
     * has just found (its scan of every source), instead of a second scan of the landing.
     */
    public Map<String, Long> execute(RefineJob.Silver silver, LocalDate asOf, List<LandingScanner.SkippedInput> skippedLanding) {
        if (!asOf.equals(silver.state().asOf())) {
            throw new IllegalArgumentException("Cannot compute gold as of " + asOf + ": silver is as of " + silver.state().asOf()
                    + " (run provpulse refine --date " + asOf + " first)");
        }
        spark.sparkContext().setJobGroup("gold", "Compute gold tables as of " + asOf, false);
        try {
            String settings = GoldState.settingsOf(config);
            GoldPlan plan = plan(silver, settings);
            GoldState.clear(warehouse.goldState());
            LOG.info("gold as of {}: {}", asOf, plan);
            Map<String, Dataset<Row>> gold = build(silver, plan, skippedLanding);
            if (!gold.keySet().equals(Set.copyOf(WRITE_ORDER))) {
                throw new IllegalStateException("The gold write order " + WRITE_ORDER + " does not name the tables built: " + gold.keySet());
            }
            List<Callable<TableFiles.Staged>> writes = new ArrayList<>();
            for (String table : WRITE_ORDER) {
                Dataset<Row> rows = gold.get(table);
                writes.add(() -> TableFiles.stageTable(rows, List.of(rows.columns()), warehouse.gold(table), warehouse.staging()));
            }
            ConcurrentTasks.run(writes).forEach(TableFiles.Staged::commit);
            GoldState.after(plan.run(), settings).write(warehouse.goldState());
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                long count = TableFiles.rowCount(warehouse.gold(table));
                counts.put(table, count);
                LOG.info("gold.{}: {} rows", table, count);
            }
            return counts;
        }
        finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** The plan from the silver state, the earlier gold's state and tables, and the settings now. */
    private GoldPlan plan(RefineJob.Silver silver, String settings) {
        boolean everyTablePresent = TABLES.stream().allMatch(table -> Files.isDirectory(warehouse.gold(table)));
        return GoldPlan.of(silver.state(), GoldState.read(warehouse.goldState()), settings, everyTablePresent,
                (from, until) -> unansweredFallingDue(silver.feedbackLatest(), from, until));
    }

    /** Months of received date of unanswered feedback whose deadline is in [from, until). */
    private static Set<LocalDate> unansweredFallingDue(Dataset<Row> feedbackLatest, LocalDate from, LocalDate until) {
        Set<LocalDate> months = new TreeSet<>();
        feedbackLatest
                .filter(not(col(SilverColumns.ANSWERED)))
                .filter(col(SilverColumns.DEADLINE).geq(lit(from)).and(col(SilverColumns.DEADLINE).lt(lit(until))))
                .select(trunc(col(Feedback.RECEIVED_DATE), "month")).distinct()
                .collectAsList().forEach(row -> months.add((LocalDate) row.get(0)));
        return months;
    }

    /** The month slices of a latest-state silver table. */
    private Dataset<Row> latestSlices(String table, Dataset<Row> whole, Set<LocalDate> months) {
        return TableFiles.readSlices(spark, warehouse.silver(table), Slices.names(months), whole.schema());
    }

    /**
     * The recomputed months, plus every other month of the earlier gold table, now as of D (never a
     * month after D's, should gold written before rows stopped at D's month hold one).
     */
    private Dataset<Row> keepOtherMonths(String table, Dataset<Row> recomputed, Set<LocalDate> months, LocalDate asOf) {
        return earlier(table, asOf).filter(not(col(MONTH).isin(months.toArray())).and(MonthsBegun.filter(asOf))).unionByName(recomputed);
    }

    private Dataset<Row> earlier(String table, LocalDate asOf) {
        return TableFiles.readTable(spark, warehouse.gold(table)).withColumn(AS_OF_DATE, lit(asOf));
    }

    /** Data quality, file reconciliation, and the deliveries (source, delivering unit, day) with an accepted row. */
    private record DailyTables(Dataset<Row> dataQuality, Dataset<Row> fileReconciliation, Dataset<Row> acceptedDeliveries) {}

    /**
     * The daily tables: every day after a full pass; else the days after P recomputed and the earlier days kept. The
     * landing entries skipped are listed anew each run (they have no day, so none is kept from the earlier gold).
     */
    private DailyTables dailyTables(RefineJob.Silver silver, RunPlan plan, List<LandingScanner.SkippedInput> skippedLanding) {
        LocalDate asOf = plan.asOf();
        Dataset<Row> files = LedgerTable.of(spark, FileLedger.loadAll(warehouse), plan::reads);
        Dataset<Row> quarantine = silver.ingestQuarantine().apply(plan).unionByName(read(plan, silver.refineQuarantine()));
        Dataset<Row> accepted = DataQuality.acceptedRows(read(plan, silver.units()), read(plan, silver.taskHistory()),
                read(plan, silver.feedbackHistory()), read(plan, silver.ratings()));
        Dataset<Row> rowsPerFile = DataQuality.rowsPerFile(accepted, quarantine).cache();
        Dataset<Row> acceptedDeliveries = DataQuality.acceptedDeliveries(rowsPerFile);
        Optional<Dataset<Row>> earlierQuality = earlierDays(DataQuality.NAME, plan);
        return new DailyTables(withEarlierDays(earlierQuality, DataQuality.build(rowsPerFile, files, asOf)),
                withEarlierDays(earlierDays(FileReconciliation.NAME, plan), FileReconciliation.build(files, rowsPerFile, skippedLanding, asOf)),
                earlierQuality.map(DataQuality::acceptedDeliveriesOf).map(earlierDeliveries -> earlierDeliveries.union(acceptedDeliveries))
                        .orElse(acceptedDeliveries));
    }

    /** The rows of the data dates the plan recomputes: all of them for a full pass, else those after P. */
    private static Dataset<Row> read(RunPlan plan, Dataset<Row> rows) {
        return plan.since().map(since -> rows.filter(col(Lineage.DATA_DATE).gt(lit(since)))).orElse(rows);
    }

    /** The days up to P of the earlier daily gold table, now as of D; none after a full pass. */
    private Optional<Dataset<Row>> earlierDays(String table, RunPlan plan) {
        return plan.since().map(since -> earlier(table, plan.asOf()).filter(col(Lineage.DATA_DATE).leq(lit(since))));
    }

    /** The recomputed days, plus the earlier days kept. */
    private static Dataset<Row> withEarlierDays(Optional<Dataset<Row>> earlierDays, Dataset<Row> recomputed) {
        return earlierDays.map(kept -> kept.unionByName(recomputed, true)).orElse(recomputed);
    }
}
