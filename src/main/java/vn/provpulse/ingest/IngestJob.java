package vn.provpulse.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import vn.provpulse.config.ConfigException;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Sources;
import vn.provpulse.storage.CommitPoints;
import vn.provpulse.storage.ConcurrentTasks;
import vn.provpulse.storage.Digests;
import vn.provpulse.storage.LocalFiles;
import vn.provpulse.storage.MonthFolders;
import vn.provpulse.storage.TableFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * Landing → bronze for one run as of D: finds files not yet in the ledger (or re-sent under their
 * name with other content), skips re-deliveries by content hash, parses the rest on Spark, appends accepted rows to bronze and the others to
 * quarantine, then commits the ledger.
 */
public final class IngestJob {
    private static final Logger LOG = LogManager.getLogger(IngestJob.class);
    private static final List<String> ROW_ORDER = List.of(Lineage.DATA_DATE, Lineage.SOURCE_FILE, Lineage.LINE_NUMBER);
    public static final String FEEDBACK_CONTENT = "feedback_content";

    private final SparkSession spark;
    private final WarehouseLayout warehouse;
    private final FileParser parser;

    public IngestJob(SparkSession spark, WarehouseLayout warehouse, FileParser parser) {
        this.spark = requireNonNull(spark, "spark is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.parser = requireNonNull(parser, "parser is null");
    }

    public IngestResult execute(Path landingRoot, LocalDate asOf, String command) {
        return execute(landingRoot, asOf, command, Sources.ALL);
    }

    /**
     * Ingests the given sources. Each source has its own ledger and run sequence, so ingests of
     * different sources may run at the same time (the Airflow DAG runs them in parallel).
     */
    public IngestResult execute(Path landingRoot, LocalDate asOf, String command, List<SourceContract> sources) {
        requireLanding(landingRoot);
        Path staging = warehouse.staging().resolve("ingest-" + sources.stream().map(SourceContract::name).collect(java.util.stream.Collectors.joining("-")));
        LocalFiles.deleteRecursively(staging);
        Map<String, SourceRun> runs = new java.util.LinkedHashMap<>();
        List<LandingFile> toParse = new ArrayList<>();
        List<LandingScanner.SkippedInput> skipped = new ArrayList<>();
        if (sources.equals(Sources.ALL)) {
            skipped.addAll(LandingScanner.unknownEntries(landingRoot, sources));
        }
        // each source's ledger read and landing folders listed on its own thread: independent, mostly file-system waits
        List<Callable<SourceRun>> preparations = sources.stream()
                .<Callable<SourceRun>>map(source -> () -> SourceRun.prepare(warehouse, source, landingRoot, asOf))
                .toList();
        for (SourceRun run : ConcurrentTasks.run(preparations)) {
            skipped.addAll(run.skipped);
            runs.put(run.source.name(), run);
            toParse.addAll(run.toParse);
        }
        skipped.forEach(input -> LOG.warn("ingest: skipped landing entry {} ({})", input.path(), input.reason()));
        spark.sparkContext().setJobGroup("ingest", "Ingest " + toParse.size() + " landing files as of " + asOf, false);
        try {
            List<FileLedger.Entry> ingested = new ArrayList<>();
            List<FileLedger.Entry> duplicates = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            parseAndStore(toParse, runs, sources, staging, asOf);
            CommitPoints.reach("ingest:bronze-written");
            for (Map.Entry<String, SourceRun> entry : runs.entrySet()) {
                SourceRun run = entry.getValue();
                run.ledger.addRun(new FileLedger.Run(run.sequence, asOf, command));
                run.ledger.save(warehouse.ledgerFile(entry.getKey()));
                CommitPoints.reach("ingest:ledger-committed:" + entry.getKey());
                ingested.addAll(run.ingested);
                duplicates.addAll(run.duplicates);
                run.changed.forEach(file -> LOG.info("ingest: {} was re-delivered with other content: read again as {}",
                        file.relativePath().substring(0, file.relativePath().lastIndexOf(FileLedger.VERSION_MARK)), file.fileName()));
                changed.addAll(run.changed.stream().map(LandingFile::relativePath).toList());
            }
            LocalFiles.deleteRecursively(staging);
            return IngestResult.of(ingested, duplicates, skipped, changed);
        }
        finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** Fails with a configuration error when the landing folder does not exist (checked before Spark starts, too). */
    public static void requireLanding(Path landingRoot) {
        if (!Files.isDirectory(landingRoot)) {
            throw new ConfigException("Cannot ingest: the landing folder " + landingRoot.toAbsolutePath()
                    + " does not exist (pass --landing DIR or set paths.landing)");
        }
    }

    /** One source's part of an ingest: its ledger, run sequence, new files and what became of them. */
    private static final class SourceRun {
        private final SourceContract source;
        private final FileLedger ledger;
        private final int sequence;
        private final Optional<LocalDate> previousRun;
        private final Map<String, String> hashes = new HashMap<>();
        private final List<LandingFile> toParse = new ArrayList<>();
        private final List<FileLedger.Entry> ingested = new ArrayList<>();
        private final List<FileLedger.Entry> duplicates = new ArrayList<>();
        private final List<LandingFile> changed = new ArrayList<>();
        private final List<LandingScanner.SkippedInput> skipped = new ArrayList<>();

        private SourceRun(SourceContract source, FileLedger ledger) {
            this.source = source;
            this.ledger = ledger;
            this.sequence = ledger.nextSequence();
            this.previousRun = ledger.lastRunDate();
        }

        static SourceRun start(WarehouseLayout warehouse, SourceContract source, LocalDate asOf) {
            SourceRun run = new SourceRun(source, FileLedger.load(warehouse.ledgerFile(source.name())));
            TableFiles.deleteUncommittedRun(warehouse.bronze(source.name()), run.sequence);
            TableFiles.deleteUncommittedRun(warehouse.quarantine(source.name()), run.sequence);
            if (source.hasRestrictedContent()) {
                TableFiles.deleteUncommittedRun(warehouse.restricted(FEEDBACK_CONTENT), run.sequence);
            }
            return run;
        }

        /** A source's run, its landing and pulled deliveries sorted (see {@link #sortDeliveries}). */
        static SourceRun prepare(WarehouseLayout warehouse, SourceContract source, Path landingRoot, LocalDate asOf) {
            SourceRun run = start(warehouse, source, asOf);
            run.sortDeliveries(landingRoot, warehouse.pulled(), asOf);
            return run;
        }

        /**
         * Splits the new files into those to parse and re-deliveries (same bytes as a file of this
         * source), and keeps the landing entries skipped, with their reasons.
         */
        private void sortDeliveries(Path landingRoot, Path pulledRoot, LocalDate asOf) {
            LandingScanner.Scan landed = LandingScanner.scanWithSkipped(landingRoot, List.of(source), asOf);
            List<LandingFile> delivered = new ArrayList<>(landed.files());
            delivered.addAll(LandingScanner.scan(pulledRoot, List.of(source), asOf));
            delivered.sort(LandingFile.DELIVERY_ORDER);
            Map<String, LandingFile> firstWithHash = new HashMap<>();
            for (LandingFile delivery : delivered) {
                Optional<FileLedger.Entry> known = ledger.latestVersion(delivery.relativePath());
                if (known.isPresent() && sameSizeAndTime(known.get(), delivery)) {
                    continue;
                }
                String hash = Digests.sha256(Path.of(delivery.absolutePath()));
                if (known.isPresent() && known.get().contentHash().equals(hash)) {
                    continue;
                }
                // a file re-sent under its name with other bytes is read again, as its next version (docs/reliability.md)
                LandingFile file = known.isEmpty() ? delivery : delivery.asVersion(FileLedger.version(known.get().path()) + 1);
                if (known.isPresent()) {
                    changed.add(file);
                }
                hashes.put(file.relativePath(), hash);
                Optional<String> original = ledger.ingestedWithHash(file.source(), hash).map(FileLedger.Entry::path)
                        .or(() -> Optional.ofNullable(firstWithHash.get(hash)).map(LandingFile::relativePath));
                if (original.isPresent()) {
                    duplicates.add(entry(file, hash, FileLedger.STATUS_DUPLICATE_FILE, 0, 0, sequence, asOf, original.get()));
                }
                else {
                    firstWithHash.put(hash, file);
                    toParse.add(file);
                }
            }
            duplicates.forEach(ledger::add);
            skipped.addAll(landed.skipped());
        }

        void record(FileParser.ParsedFile file, LocalDate asOf) {
            LandingFile landing = file.file();
            boolean late = previousRun.isPresent() && !landing.dataDate().isAfter(previousRun.get());
            FileLedger.Entry entry = entry(landing, hashes.get(landing.relativePath()), late ? FileLedger.STATUS_LATE : FileLedger.STATUS_INGESTED,
                    file.rowsRead(), file.quarantinedCount(), sequence, asOf, null);
            ingested.add(entry);
            ledger.add(entry);
        }
    }

    private void parseAndStore(List<LandingFile> files, Map<String, SourceRun> runs, List<SourceContract> sources, Path staging, LocalDate asOf) {
        if (files.isEmpty()) {
            return;
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        FileParser fileParser = parser;
        // one cached RDD per source, so that each source's writes read only its files; kept serialized: caching the
        // parsed rows as objects made Spark estimate their size row by row (bench/profile.md). One Spark partition per
        // month of data dates: each month's rows are written by one task, without a shuffle (TableFiles.appendPartitions).
        Map<SourceContract, JavaRDD<FileParser.ParsedFile>> parsed = new java.util.LinkedHashMap<>();
        for (SourceContract source : sources) {
            List<List<LandingFile>> months = byMonth(files.stream().filter(file -> file.source().equals(source.name())).toList());
            if (!months.isEmpty()) {
                parsed.put(source, context.parallelize(months, months.size())
                        .flatMap(month -> month.stream().map(fileParser::parse).iterator())
                        .persist(StorageLevel.MEMORY_AND_DISK_SER()));
            }
        }
        try {
            List<FileParser.ParsedFile> counts = new ArrayList<>(parsed.values().stream().reduce(JavaRDD::union).orElseThrow()
                    .map(FileParser.ParsedFile::countsOnly).collect());
            counts.sort(java.util.Comparator.comparing(file -> file.file().relativePath()));
            counts.forEach(file -> runs.get(file.file().source()).record(file, asOf));
            List<Callable<Void>> writes = new ArrayList<>();
            parsed.forEach((source, ofSource) -> writes.addAll(store(ofSource, source, runs.get(source.name()).sequence, staging)));
            ConcurrentTasks.run(writes);
            LOG.info("ingest: {} files parsed, {} rows read", counts.size(), counts.stream().mapToInt(FileParser.ParsedFile::rowsRead).sum());
        }
        finally {
            parsed.values().forEach(JavaRDD::unpersist);
        }
    }

    /** Files grouped by the month of their data date, months in order. */
    static List<List<LandingFile>> byMonth(List<LandingFile> files) {
        Map<java.time.YearMonth, List<LandingFile>> months = new java.util.TreeMap<>();
        files.forEach(file -> months.computeIfAbsent(java.time.YearMonth.from(file.dataDate()), month -> new ArrayList<>()).add(file));
        return List.copyOf(months.values());
    }

    /** The writes of one source's rows: bronze, quarantine and, for a source with restricted content, that content. */
    private List<Callable<Void>> store(JavaRDD<FileParser.ParsedFile> ofSource, SourceContract source, int sequence, Path staging) {
        String name = source.name();
        List<Callable<Void>> writes = new ArrayList<>();
        writes.add(append(spark.createDataFrame(ofSource.flatMap(file -> file.accepted().iterator()), BronzeSchema.of(source)),
                warehouse.bronze(name), staging, sequence));
        writes.add(append(spark.createDataFrame(ofSource.flatMap(file -> file.quarantined().iterator()), QuarantineTable.SCHEMA),
                warehouse.quarantine(name), staging, sequence));
        if (source.hasRestrictedContent()) {
            writes.add(append(spark.createDataFrame(ofSource.flatMap(file -> file.restricted().iterator()), RestrictedContentTable.SCHEMA),
                    warehouse.restricted(FEEDBACK_CONTENT), staging, sequence));
        }
        return writes;
    }

    private static Callable<Void> append(Dataset<Row> rows, Path table, Path staging, int sequence) {
        return () -> {
            TableFiles.appendPartitions(rows, MonthFolders.COLUMN, MonthFolders.of(col(Lineage.DATA_DATE)), ROW_ORDER, table, staging, sequence);
            return null;
        };
    }

    private static FileLedger.Entry entry(LandingFile file, String hash, String status, int rowsRead, int quarantined,
                                          int sequence, LocalDate runDate, String duplicateOf) {
        return new FileLedger.Entry(file.relativePath(), file.source(), file.dataDate(), file.fileName(), hash, file.size(),
                status, rowsRead, quarantined, sequence, runDate, duplicateOf, modifiedAt(Path.of(file.absolutePath())));
    }

    /** A file the ledger knows, with the same size and modification time: taken as unchanged without reading it. */
    private static boolean sameSizeAndTime(FileLedger.Entry known, LandingFile file) {
        return known.size() == file.size() && modifiedAt(Path.of(file.absolutePath())).equals(known.modifiedAt());
    }

    private static java.time.Instant modifiedAt(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the modification time of landing file " + file, e);
        }
    }

    /** What one ingest did, per file. */
    /** @param changedFiles the ledger paths ({@code <path>@<version>}) of files re-delivered under their name with other content */
    public record IngestResult(List<FileLedger.Entry> ingested, List<FileLedger.Entry> duplicateFiles,
                               List<LandingScanner.SkippedInput> skipped, List<String> changedFiles) {
        static IngestResult of(List<FileLedger.Entry> ingested, List<FileLedger.Entry> duplicateFiles,
                               List<LandingScanner.SkippedInput> skipped, List<String> changedFiles) {
            return new IngestResult(List.copyOf(ingested), List.copyOf(duplicateFiles), List.copyOf(skipped), List.copyOf(changedFiles));
        }

        public long rowsRead() {
            return ingested.stream().mapToLong(FileLedger.Entry::rowsRead).sum();
        }

        public long quarantinedAtIngest() {
            return ingested.stream().mapToLong(FileLedger.Entry::quarantinedAtIngest).sum();
        }

        public long lateFiles() {
            return ingested.stream().filter(entry -> entry.status().equals(FileLedger.STATUS_LATE)).count();
        }
    }
}
