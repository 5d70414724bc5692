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
import vn.provpulse.storage.TableFiles;
import vn.provpulse.refine.RefineJob;
import vn.provpulse.refine.SilverColumns;
import vn.provpulse.refine.SilverState;
import vn.provpulse.refine.Slices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trunc;
import static vn.provpulse.metrics.GoldColumns.AS_OF_DATE;
import static vn.provpulse.metrics.GoldColumns.MONTH;

/**
 * Silver → gold as of D: builds every gold table of docs/metrics.md and writes them. After a refine that
 * built on earlier silver, the monthly tables recompute only the months that changed (the months
 * the new rows touched, those where open items fell due since the last run, and the months that
 * began since it: monthly rows stop at D's month, so a new month's rows come from all of silver)
 * and keep the other months of the gold computed then; daily tables recompute only the new days.
 */
public final class GoldJob {
    private static final Logger LOG = LogManager.getLogger(GoldJob.class);
    /** Every gold table, in the order they are built (their published names, as in docs/metrics.md). */
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

    /** Builds the gold tables as datasets, without writing them; {@code since} is the date of the earlier gold kept, or null. */
    private Map<String, Dataset<Row>> build(RefineJob.Silver silver, LocalDate asOf, LocalDate since) {
        Map<String, Dataset<Row>> gold = new LinkedHashMap<>();
        Dataset<Row> tasks = (since == null ? UnitMonthTasks.build(silver.taskLatest(), asOf) : tasksIncrementally(silver, since, asOf)).cache();
        Dataset<Row> feedback = (since == null ? UnitMonthFeedback.build(silver.feedbackLatest(), asOf) : feedbackIncrementally(silver, since, asOf)).cache();
        Dataset<Row> ratings = (since == null ? UnitMonthRatings.build(silver.ratings(), asOf) : ratingsIncrementally(silver, since, asOf)).cache();
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
        putDailyTables(gold, silver, asOf, since);
        return gold;
    }

    /** Builds and writes every gold table (all staged first, then swapped in); returns the row count of each. */
    public Map<String, Long> execute(RefineJob.Silver silver, LocalDate asOf) {
        spark.sparkContext().setJobGroup("gold", "Compute gold tables as of " + asOf, false);
        String settings = GoldState.settingsOf(config);
        LocalDate since = earlierGoldToKeep(silver.state(), settings);
        GoldState.clear(warehouse.goldState());
        LOG.info("gold as of {}: {}", asOf, since == null ? "every month recomputed" : "months changed since " + since + " recomputed");
        List<TableFiles.Staged> staged = new ArrayList<>();
        for (Map.Entry<String, Dataset<Row>> table : build(silver, asOf, since).entrySet()) {
            Dataset<Row> rows = table.getValue();
            staged.add(TableFiles.stageTable(rows, List.of(rows.columns()), warehouse.gold(table.getKey()), warehouse.staging()));
        }
        staged.forEach(TableFiles.Staged::commit);
        new GoldState(asOf, since, settings).write(warehouse.goldState());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            long count = spark.read().parquet(warehouse.gold(table).toString()).count();
            counts.put(table, count);
            LOG.info("gold.{}: {} rows", table, count);
        }
        spark.sparkContext().clearJobGroup();
        return counts;
    }

    /** The date of the earlier gold whose unchanged months can be kept, or null to recompute everything. */
    private LocalDate earlierGoldToKeep(SilverState silver, String settings) {
        Optional<GoldState> earlier = GoldState.read(warehouse.goldState());
        boolean keep = silver.incremental() && earlier.isPresent() && earlier.get().asOf().equals(silver.since())
                && earlier.get().settings().equals(settings) && TABLES.stream().allMatch(table -> Files.isDirectory(warehouse.gold(table)));
        return keep ? silver.since() : null;
    }

    /**
     * Months whose tasks changed, months with tasks falling due on the days since the earlier gold,
     * and months begun since it (their tasks completed early, or due, were in no row then); never a
     * month after D's.
     */
    private Dataset<Row> tasksIncrementally(RefineJob.Silver silver, LocalDate since, LocalDate asOf) {
        Set<LocalDate> changed = new TreeSet<>(silver.state().taskDueMonths());
        changed.addAll(Slices.months(since, asOf.minusDays(1)));
        Set<LocalDate> months = monthsToRecompute(changed, since, asOf);
        Dataset<Row> latest = TableFiles.readSlices(spark, warehouse.silver(RefineJob.TASK_LATEST), Slices.names(months), silver.taskLatest().schema());
        return keepOtherMonths(UnitMonthTasks.NAME, UnitMonthTasks.build(latest, asOf), months, asOf);
    }

    /**
     * Months whose feedback changed, months of unanswered items whose deadline passed on the days
     * since the earlier gold, and months begun since it.
     */
    private Dataset<Row> feedbackIncrementally(RefineJob.Silver silver, LocalDate since, LocalDate asOf) {
        Set<LocalDate> changed = new TreeSet<>(silver.state().feedbackReceivedMonths());
        silver.feedbackLatest()
                .filter(not(col(SilverColumns.ANSWERED)))
                .filter(col(SilverColumns.DEADLINE).geq(lit(since)).and(col(SilverColumns.DEADLINE).lt(lit(asOf))))
                .select(trunc(col(Feedback.RECEIVED_DATE), "month")).distinct()
                .collectAsList().forEach(row -> changed.add((LocalDate) row.get(0)));
        Set<LocalDate> months = monthsToRecompute(changed, since, asOf);
        Dataset<Row> latest = TableFiles.readSlices(spark, warehouse.silver(RefineJob.FEEDBACK_LATEST), Slices.names(months),
                silver.feedbackLatest().schema());
        return keepOtherMonths(UnitMonthFeedback.NAME, UnitMonthFeedback.build(latest, asOf), months, asOf);
    }

    /** Months of rated date that got new ratings, and months begun since the earlier gold. */
    private Dataset<Row> ratingsIncrementally(RefineJob.Silver silver, LocalDate since, LocalDate asOf) {
        Set<LocalDate> months = monthsToRecompute(silver.state().ratingMonths(), since, asOf);
        Dataset<Row> ratings = silver.ratings().filter(trunc(col(Ratings.RATED_DATE), "month").isin(months.toArray()));
        return keepOtherMonths(UnitMonthRatings.NAME, UnitMonthRatings.build(ratings, asOf), months, asOf);
    }

    /**
     * The changed months, plus the months begun since the earlier gold (it stopped at its own month,
     * so their rows must come from all of silver, not only from the new rows), none after D's month.
     */
    private static Set<LocalDate> monthsToRecompute(Collection<LocalDate> changed, LocalDate since, LocalDate asOf) {
        Set<LocalDate> months = new TreeSet<>(changed);
        months.addAll(MonthsBegun.after(since, asOf));
        return MonthsBegun.of(months, asOf);
    }

    /**
     * The recomputed months, plus every other month of the earlier gold table, now as of D (never a
     * month after D's, should gold written before rows stopped at D's month hold one).
     */
    private Dataset<Row> keepOtherMonths(String table, Dataset<Row> recomputed, Set<LocalDate> months, LocalDate asOf) {
        return earlier(table, asOf).filter(not(col(MONTH).isin(months.toArray())).and(MonthsBegun.filter(asOf))).unionByName(recomputed);
    }

    private Dataset<Row> earlier(String table, LocalDate asOf) {
        return spark.read().parquet(warehouse.gold(table).toString()).withColumn(AS_OF_DATE, lit(asOf));
    }

    /**
     * Data quality and file reconciliation, per day: every day after a full refine; else the days
     * after {@code since} recomputed and the earlier days kept. The landing entries skipped are listed
     * anew each run (they have no day, so none is kept from the earlier gold).
     */
    private void putDailyTables(Map<String, Dataset<Row>> gold, RefineJob.Silver silver, LocalDate asOf, LocalDate since) {
        Dataset<Row> files = LedgerTable.between(spark, FileLedger.loadAll(warehouse), since, asOf);
        Dataset<Row> quarantine = silver.ingestQuarantineSince().apply(since).unionByName(after(since, silver.refineQuarantine()));
        Dataset<Row> accepted = DataQuality.acceptedRows(after(since, silver.units()), after(since, silver.taskHistory()),
                after(since, silver.feedbackHistory()), after(since, silver.ratings())).cache();
        gold.put(DataQuality.NAME, withEarlierDays(DataQuality.NAME, DataQuality.build(accepted, quarantine, files, asOf), since, asOf));
        List<LandingScanner.SkippedInput> skipped = FileReconciliation.skippedInputs(Path.of(config.paths().landing()), asOf);
        gold.put(FileReconciliation.NAME, withEarlierDays(FileReconciliation.NAME,
                FileReconciliation.build(files, quarantine, accepted, skipped, asOf), since, asOf));
    }

    /** The rows with a data date after {@code since}; all of them when it is null. */
    private static Dataset<Row> after(LocalDate since, Dataset<Row> rows) {
        return since == null ? rows : rows.filter(col(Lineage.DATA_DATE).gt(lit(since)));
    }

    /** The recomputed days, plus the days up to {@code since} of the earlier gold table, now as of D. */
    private Dataset<Row> withEarlierDays(String table, Dataset<Row> recomputed, LocalDate since, LocalDate asOf) {
        return since == null ? recomputed
                : earlier(table, asOf).filter(col(Lineage.DATA_DATE).leq(lit(since))).unionByName(recomputed, true);
    }
}
