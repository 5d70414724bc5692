package vn.provpulse.pipeline;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Sources;
import vn.provpulse.ingest.FileLedger;
import vn.provpulse.ingest.FileParser;
import vn.provpulse.ingest.HeaderNames;
import vn.provpulse.ingest.IngestJob;
import vn.provpulse.ingest.LandingScanner;
import vn.provpulse.ingest.LedgerTable;
import vn.provpulse.contract.Lineage;
import vn.provpulse.ingest.PiiKey;
import vn.provpulse.ingest.Pseudonymizer;
import vn.provpulse.ingest.QuarantineTable;
import vn.provpulse.ingest.RatingsPull;
import vn.provpulse.metrics.FileReconciliation;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.refine.RefineJob;
import vn.provpulse.refine.RunPlan;
import vn.provpulse.publish.Publisher;
import vn.provpulse.storage.LocalFiles;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.storage.WarehouseLock;
import vn.provpulse.trino.TrinoServer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

/**
 * One pipeline run as of D: ingest (landing → bronze), refine (→ silver), metrics (→ gold).
 * A backfill is one run whose ingest takes every day of the range at once and whose refine makes
 * one full pass; a night after it refines only the new bronze and recomputes only the months it
 * touches. Both give the figures of running each night in turn (docs/incremental.md).
 */
public final class NightlyPipeline {
    private static final Logger LOG = LogManager.getLogger(NightlyPipeline.class);

    private final SparkSession spark;
    private final ProvPulseConfig config;
    private final WarehouseLayout warehouse;

    public NightlyPipeline(SparkSession spark, ProvPulseConfig config) {
        this(spark, config, new WarehouseLayout(Path.of(config.paths().warehouse())));
    }

    /** A pipeline staging its writes in the layout's run folder (the caller holds the {@link WarehouseLock}). */
    public NightlyPipeline(SparkSession spark, ProvPulseConfig config, WarehouseLayout warehouse) {
        this.spark = requireNonNull(spark, "spark is null");
        this.config = requireNonNull(config, "config is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    public RunSummary run(LocalDate asOf, String command, String runId) {
        return run(asOf, asOf, command, runId);
    }

    /** A backfill: each night of the range pulls its own ratings window, then one pass ingests and computes as of the last. */
    public RunSummary run(LocalDate from, LocalDate asOf, String command, String runId) {
        Instant started = Instant.now();
        // Silver is cached during a run; a cached plan of an earlier run would match a re-read of the same path.
        spark.catalog().clearCache();
        if (config.ratingsJdbc().enabled()) {
            RatingsPull pull = new RatingsPull(config.ratingsJdbc(), config.timeZone(), System.getenv());
            for (LocalDate night = from; !night.isAfter(asOf); night = night.plusDays(1)) {
                pull.pull(night, warehouse.pulled(), warehouse.ratingsPullWindows());
            }
        }
        Map<String, Duration> stages = new java.util.LinkedHashMap<>();
        Instant stageStart = Instant.now();
        IngestJob.IngestResult ingest = new IngestJob(spark, warehouse, fileParser(config, System.getenv()))
                .execute(Path.of(config.paths().landing()), asOf, command);
        LOG.info("ingest: {} new files ({} of them changed re-deliveries), {} rows read, {} quarantined at parse, {} re-delivered files skipped, {} late files",
                ingest.ingested().size(), ingest.changedFiles().size(), ingest.rowsRead(), ingest.quarantinedAtIngest(), ingest.duplicateFiles().size(),
                ingest.lateFiles());
        stageStart = lap(stages, "ingest", stageStart);
        RefineJob.Silver silver = new RefineJob(spark, warehouse, config.feedback().defaultResponseDays()).execute(asOf);
        stageStart = lap(stages, "refine", stageStart);
        Map<String, Long> goldRows = new GoldJob(spark, warehouse, config).execute(silver, asOf, ingest.skipped());
        stageStart = lap(stages, "gold", stageStart);
        List<RunSummary.SourceLine> lines = summarise(ingest, silver);
        spark.catalog().clearCache();
        LocalFiles.deleteRecursively(warehouse.staging());
        vn.provpulse.ingest.OwnerOnly.restrictPersonalFolders(warehouse);
        stageStart = lap(stages, "summary", stageStart);
        String published = publishIfTrinoIsUp();
        lap(stages, "publish", stageStart);
        Map<String, List<String>> skipped = ingest.skipped().stream().collect(Collectors.groupingBy(LandingScanner.SkippedInput::reason,
                Collectors.mapping(LandingScanner.SkippedInput::path, Collectors.toList())));
        return new RunSummary(runId, command, asOf, lines, goldRows, published, stages, Duration.between(started, Instant.now()), skipped,
                ingest.changedFiles());
    }

    private static Instant lap(Map<String, Duration> stages, String stage, Instant start) {
        Instant now = Instant.now();
        stages.put(stage, Duration.between(start, now));
        LOG.info("stage {} took {} s", stage, String.format("%.1f", Duration.between(start, now).toMillis() / 1000.0));
        return now;
    }

    /** The last stage: publish to the bundled Trino when it is running; otherwise say how. */
    private String publishIfTrinoIsUp() {
        TrinoServer server = new TrinoServer(config.trino(), warehouse);
        if (!server.isUp()) {
            LOG.info("publish: skipped, Trino is not running at {} (start it with: provpulse trino start, then provpulse publish)", server.jdbcUrl());
            return null;
        }
        return new Publisher(spark, warehouse, server).publish();
    }

    public static FileParser fileParser(ProvPulseConfig config, Map<String, String> environment) {
        Map<String, HeaderNames> headerNames = new HashMap<>();
        for (SourceContract source : Sources.ALL) {
            headerNames.put(source.name(), new HeaderNames(config.columnMappings().getOrDefault(source.name(), Map.of())));
        }
        return new FileParser(headerNames, config.timeZone(), new Pseudonymizer(PiiKey.resolve(config.pii(), environment,
                new WarehouseLayout(Path.of(config.paths().warehouse())).root().resolve("state").resolve("pii.key"))));
    }

    /**
     * Whether this run ingested every file the ledgers hold (a backfill into an empty warehouse, a first night): then
     * every quarantined row and every file reconciled is the run's, and the summary needs no join with a list of
     * the run's files (a year's 109,000 paths).
     */
    private boolean ingestedEveryCommittedFile(Set<String> thisRun) {
        return FileLedger.loadAll(warehouse).files().stream()
                .filter(entry -> !entry.status().equals(FileLedger.STATUS_DUPLICATE_FILE))
                .allMatch(entry -> thisRun.contains(entry.path()));
    }

    private List<RunSummary.SourceLine> summarise(IngestJob.IngestResult ingest, RefineJob.Silver silver) {
        Set<String> thisRun = ingest.ingested().stream().map(FileLedger.Entry::path).collect(Collectors.toSet());
        Dataset<Row> quarantine = silver.ingestQuarantine().apply(RunPlan.of(silver.state())).unionByName(silver.refineQuarantine());
        Dataset<Row> reconciliation = TableFiles.readTable(spark, warehouse.gold(FileReconciliation.NAME))
                .filter(col(LedgerTable.STATUS).isin(FileLedger.STATUS_INGESTED, FileLedger.STATUS_LATE));
        if (!ingestedEveryCommittedFile(thisRun)) {
            Dataset<Row> runFiles = spark.createDataset(List.copyOf(thisRun), org.apache.spark.sql.Encoders.STRING()).toDF(LedgerTable.FILE);
            quarantine = quarantine
                    .withColumn(LedgerTable.FILE, concat(col(QuarantineTable.SOURCE), lit("/"), col(Lineage.DATA_DATE).cast("string"), lit("/"),
                            col(Lineage.SOURCE_FILE)))
                    .join(runFiles, vn.provpulse.contract.JoinKeys.of(LedgerTable.FILE), "left_semi");
            reconciliation = reconciliation.join(runFiles, vn.provpulse.contract.JoinKeys.of(LedgerTable.FILE), "left_semi");
        }
        Map<String, Map<String, Long>> reasons = new HashMap<>();
        for (Row row : quarantine.groupBy(QuarantineTable.SOURCE, QuarantineTable.REASON_CODE).count().collectAsList()) {
            reasons.computeIfAbsent(row.getString(0), source -> new HashMap<>()).put(row.getString(1), row.getLong(2));
        }
        Map<String, Row> totals = new HashMap<>();
        for (Row row : reconciliation.groupBy(LedgerTable.SOURCE).agg(
                org.apache.spark.sql.functions.count(lit(1)), org.apache.spark.sql.functions.sum(LedgerTable.ROWS_READ),
                org.apache.spark.sql.functions.sum(FileReconciliation.ACCEPTED), org.apache.spark.sql.functions.sum(FileReconciliation.QUARANTINED),
                org.apache.spark.sql.functions.sum(FileReconciliation.DUPLICATES)).collectAsList()) {
            totals.put(row.getString(0), row);
        }
        List<RunSummary.SourceLine> lines = new ArrayList<>();
        for (SourceContract source : Sources.ALL) {
            Row row = totals.get(source.name());
            long lateFiles = ingest.ingested().stream().filter(entry -> entry.source().equals(source.name()))
                    .filter(entry -> entry.status().equals(FileLedger.STATUS_LATE)).count();
            long duplicateFiles = ingest.duplicateFiles().stream().filter(entry -> entry.source().equals(source.name())).count();
            lines.add(new RunSummary.SourceLine(source.name(),
                    row == null ? 0 : row.getLong(1), row == null ? 0 : row.getLong(2), row == null ? 0 : row.getLong(3),
                    row == null ? 0 : row.getLong(4), row == null ? 0 : row.getLong(5), lateFiles, duplicateFiles,
                    reasons.getOrDefault(source.name(), Map.of())));
        }
        return lines;
    }
}
