package vn.provpulse.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Sources;
import vn.provpulse.pipeline.TableFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Landing → bronze for one run as of D: finds files not yet in the ledger, skips re-deliveries by
 * content hash, parses the rest on Spark, appends accepted rows to bronze and the others to
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
        TableFiles.recover(warehouse.root(), warehouse.staging());
        FileLedger ledger = FileLedger.load(warehouse.ledgerFile());
        int sequence = ledger.nextSequence();
        for (SourceContract source : Sources.ALL) {
            TableFiles.deleteUncommittedRun(warehouse.bronze(source.name()), sequence);
            TableFiles.deleteUncommittedRun(warehouse.quarantine(source.name()), sequence);
        }
        TableFiles.deleteUncommittedRun(warehouse.restricted(FEEDBACK_CONTENT), sequence);
        Optional<LocalDate> previousRun = ledger.lastRunDate();
        List<LandingFile> delivered = new ArrayList<>(LandingScanner.scan(landingRoot, Sources.ALL, asOf));
        delivered.addAll(LandingScanner.scan(warehouse.pulled(), Sources.ALL, asOf));
        delivered.sort(LandingFile.DELIVERY_ORDER);
        List<LandingFile> fresh = delivered.stream()
                .filter(file -> !ledger.contains(file.relativePath()))
                .toList();
        List<LandingFile> toParse = new ArrayList<>();
        Map<String, String> hashes = new HashMap<>();
        List<FileLedger.Entry> duplicates = new ArrayList<>();
        Map<String, LandingFile> firstWithHash = new HashMap<>();
        for (LandingFile file : fresh) {
            String hash = sha256(Path.of(file.absolutePath()));
            hashes.put(file.relativePath(), hash);
            Optional<String> original = ledger.ingestedWithHash(file.source(), hash).map(FileLedger.Entry::path)
                    .or(() -> Optional.ofNullable(firstWithHash.get(file.source() + "/" + hash)).map(LandingFile::relativePath));
            if (original.isPresent()) {
                duplicates.add(entry(file, hash, FileLedger.STATUS_DUPLICATE_FILE, 0, 0, sequence, asOf, original.get()));
            }
            else {
                firstWithHash.put(file.source() + "/" + hash, file);
                toParse.add(file);
            }
        }
        spark.sparkContext().setJobGroup("ingest", "Ingest " + toParse.size() + " landing files as of " + asOf, false);
        List<FileLedger.Entry> ingested = parseAndStore(toParse, hashes, sequence, previousRun, asOf);
        ingested.forEach(ledger::add);
        duplicates.forEach(ledger::add);
        ledger.addRun(new FileLedger.Run(sequence, asOf, command));
        ledger.save(warehouse.ledgerFile());
        spark.sparkContext().clearJobGroup();
        return IngestResult.of(ingested, duplicates);
    }

    private List<FileLedger.Entry> parseAndStore(List<LandingFile> files, Map<String, String> hashes, int sequence,
                                                 Optional<LocalDate> previousRun, LocalDate asOf) {
        if (files.isEmpty()) {
            return List.of();
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(files.size(), 4 * context.defaultParallelism()));
        FileParser fileParser = parser;
        JavaRDD<FileParser.ParsedFile> parsed = context.parallelize(files, slices).map(fileParser::parse)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<FileLedger.Entry> entries = new ArrayList<>();
            for (FileParser.ParsedFile file : parsed.map(FileParser.ParsedFile::countsOnly).collect()) {
                LandingFile landing = file.file();
                boolean late = previousRun.isPresent() && !landing.dataDate().isAfter(previousRun.get());
                entries.add(entry(landing, hashes.get(landing.relativePath()),
                        late ? FileLedger.STATUS_LATE : FileLedger.STATUS_INGESTED,
                        file.rowsRead(), file.quarantinedCount(), sequence, asOf, null));
            }
            for (SourceContract source : Sources.ALL) {
                store(parsed, source, sequence);
            }
            entries.sort(java.util.Comparator.comparing(FileLedger.Entry::path));
            LOG.info("ingest: {} files parsed, {} rows read", entries.size(), entries.stream().mapToInt(FileLedger.Entry::rowsRead).sum());
            return entries;
        }
        finally {
            parsed.unpersist();
        }
    }

    private void store(JavaRDD<FileParser.ParsedFile> parsed, SourceContract source, int sequence) {
        String name = source.name();
        JavaRDD<FileParser.ParsedFile> ofSource = parsed.filter(file -> file.file().source().equals(name));
        Dataset<Row> accepted = spark.createDataFrame(ofSource.flatMap(file -> file.accepted().iterator()), BronzeSchema.of(source));
        TableFiles.appendPartitions(accepted, Lineage.DATA_DATE, ROW_ORDER, warehouse.bronze(name), warehouse.staging(), sequence);
        Dataset<Row> quarantined = spark.createDataFrame(ofSource.flatMap(file -> file.quarantined().iterator()), QuarantineTable.SCHEMA);
        TableFiles.appendPartitions(quarantined, Lineage.DATA_DATE, ROW_ORDER, warehouse.quarantine(name), warehouse.staging(), sequence);
        if (source == Feedback.CONTRACT) {
            Dataset<Row> content = spark.createDataFrame(ofSource.flatMap(file -> file.restricted().iterator()), RestrictedContentTable.SCHEMA);
            TableFiles.appendPartitions(content, Lineage.DATA_DATE, ROW_ORDER, warehouse.restricted(FEEDBACK_CONTENT), warehouse.staging(), sequence);
        }
    }

    private static FileLedger.Entry entry(LandingFile file, String hash, String status, int rowsRead, int quarantined,
                                          int sequence, LocalDate runDate, String duplicateOf) {
        return new FileLedger.Entry(file.relativePath(), file.source(), file.dataDate(), file.fileName(), hash, file.size(),
                status, rowsRead, quarantined, sequence, runDate, duplicateOf);
    }

    static String sha256(Path file) {
        try (InputStream input = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            MessageDigest digest = ((DigestInputStream) input).getMessageDigest();
            input.transferTo(java.io.OutputStream.nullOutputStream());
            return java.util.HexFormat.of().formatHex(digest.digest());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read landing file " + file, e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** What one ingest did, per file. */
    public record IngestResult(List<FileLedger.Entry> ingested, List<FileLedger.Entry> duplicateFiles) {
        static IngestResult of(List<FileLedger.Entry> ingested, List<FileLedger.Entry> duplicateFiles) {
            return new IngestResult(List.copyOf(ingested), List.copyOf(duplicateFiles));
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
