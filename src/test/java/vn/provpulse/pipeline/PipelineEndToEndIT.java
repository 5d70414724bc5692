package vn.provpulse.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.generate.Manifest;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.testing.Fixtures;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/** The generated province through the whole pipeline: every planted bad row and pattern found, nothing else. */
class PipelineEndToEndIT extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 3, 31);
    private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z])0\\d{9}(?![0-9A-Za-z])");
    private static final Pattern CCCD = Pattern.compile("(?<![0-9A-Za-z])\\d{12}(?![0-9A-Za-z])");

    @TempDir
    static Path directory;
    private static Manifest manifest;
    private static WarehouseLayout warehouse;
    private static ProvPulseConfig config;
    private static RunSummary firstRun;

    @BeforeAll
    static void runPipeline() throws IOException {
        manifest = new ProvinceGenerator(new ProvinceGenerator.Options(11, FROM, TO, 0.05, 0.02, directory)).generate(progress -> { });
        config = TestSpark.configFor(directory, "warehouse");
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        firstRun = new NightlyPipeline(spark, config).run(TO, "backfill", "test");
    }

    private static Dataset<Row> gold(String table) {
        return spark.read().parquet(warehouse.gold(table).toString());
    }

    @Test
    void everyPlantedBadRowIsQuarantinedWithItsReasonAndNoCleanRowIs() {
        Dataset<Row> quarantine = Stream.of("units", "tasks", "feedback", "ratings")
                .filter(source -> Files.isDirectory(warehouse.quarantine(source)))
                .map(source -> spark.read().parquet(warehouse.quarantine(source).toString()).select("source", "data_date", "source_file", "line_number", "reason"))
                .reduce(Dataset::unionByName).orElseThrow();
        Map<String, String> found = new TreeMap<>();
        for (Row row : quarantine.collectAsList()) {
            found.put(row.getString(0) + "/" + row.get(1) + "/" + row.getString(2) + ":" + row.getInt(3), row.getString(4));
        }
        for (Row row : refineQuarantine().collectAsList()) {
            found.put(row.getString(0) + "/" + row.get(1) + "/" + row.getString(2) + ":" + row.getInt(3), row.getString(4));
        }
        Map<String, String> planted = manifest.badRows().stream()
                .collect(Collectors.toMap(bad -> bad.file() + ":" + bad.line(), Manifest.BadRow::reason, (a, b) -> a, TreeMap::new));
        assertThat(planted).hasSizeGreaterThan(20);
        assertThat(found).isEqualTo(planted);
    }

    private static Dataset<Row> refineQuarantine() {
        // The quarantine found as of D (unknown units, duplicates) is what file_reconciliation counts beyond the parse-level quarantine.
        return new vn.provpulse.refine.RefineJob(spark, warehouse, config.feedback().defaultResponseDays()).execute(TO).refineQuarantine()
                .select("source", "data_date", "source_file", "line_number", "reason");
    }

    @Test
    void everyFileReconcilesAndMatchesTheManifest() {
        Map<String, Integer> expectedRows = manifest.files().stream().collect(Collectors.toMap(Manifest.FileRows::file, Manifest.FileRows::rows));
        List<Row> files = gold("file_reconciliation").collectAsList();
        assertThat(files).hasSize(expectedRows.size() + manifest.duplicateFiles().size());
        for (Row file : files) {
            String name = file.getAs("file");
            long read = file.getAs("rows_read");
            long accepted = file.getAs("accepted");
            long quarantined = file.getAs("quarantined");
            assertThat(accepted + quarantined).as(name).isEqualTo(read);
            if (manifest.duplicateFiles().stream().anyMatch(duplicate -> duplicate.file().equals(name))) {
                assertThat((String) file.getAs("status")).isEqualTo("duplicate_file");
                assertThat(read).isZero();
            }
            else {
                assertThat(read).as(name).isEqualTo(expectedRows.get(name).longValue());
                assertThat((String) file.getAs("status")).isEqualTo("ingested");
            }
        }
        long badRows = manifest.badRows().size();
        assertThat(gold("file_reconciliation").agg(org.apache.spark.sql.functions.sum("quarantined")).first().getLong(0)).isEqualTo(badRows);
    }

    @Test
    void everyPlantedIntegrityPatternIsFlaggedAndNoCleanUnitIs() {
        Set<String> flagged = gold("integrity_flags").collectAsList().stream()
                .map(row -> row.getAs("unit_code") + "/" + row.getAs("month") + "/" + row.getAs("flag")).collect(Collectors.toSet());
        Set<String> planted = manifest.integrity().stream()
                .map(flag -> flag.unitCode() + "/" + flag.month() + "/" + flag.flag()).collect(Collectors.toSet());
        assertThat(flagged).isEqualTo(planted);
        assertThat(gold("integrity_flags").filter(col("evidence").equalTo("")).count()).isZero();
    }

    @Test
    void mergedUnitRollsUpToItsSuccessorKeepingTheOriginalCode() {
        Dataset<Row> ratings = TableFiles.readSliced(spark, warehouse.silver("ratings"));
        assertThat(ratings.filter(col("unit_code").equalTo("XA90")).select("current_unit_code").distinct().collectAsList())
                .extracting(row -> row.getString(0)).containsExactly("XA01");
        assertThat(gold("unit_month_ratings").filter(col("unit_code").equalTo("XA90")).count()).isZero();
    }

    @Test
    void classificationCoversEveryCurrentUnitWithItsHeadInOffice() {
        Dataset<Row> classification = gold("unit_classification");
        assertThat(classification.count()).isEqualTo(100);
        assertThat(classification.filter(col("head_name").isNull()).count()).isZero();
        long excellent = classification.filter(col("band_code").equalTo("excellent")).count();
        long good = classification.filter(col("band_code").equalTo("good")).count();
        assertThat(excellent).isLessThanOrEqualTo(good / 5);
    }

    @Test
    void noPersonalDataPatternInBronzeSilverOrGold() throws IOException {
        for (String zone : List.of("bronze", "quarantine", "silver", "gold")) {
            try (Stream<Path> tables = Files.list(warehouse.root().resolve(zone))) {
                for (Path table : tables.toList()) {
                    Dataset<Row> rows = zone.equals("silver") ? TableFiles.readSliced(spark, table) : spark.read().parquet(table.toString());
                    assertThat(rows.columns()).doesNotContain("citizen_name", "citizen_phone", "citizen_id_number", "content");
                    for (StructField field : rows.schema().fields()) {
                        if (field.dataType().equals(DataTypes.StringType)) {
                            for (Row value : rows.select(field.name()).distinct().collectAsList()) {
                                String text = value.getString(0);
                                if (text != null) {
                                    assertThat(PHONE.matcher(text).find() || CCCD.matcher(text).find()).as(table + "." + field.name() + ": " + text).isFalse();
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void ingestingTheSameLandingAgainGivesByteIdenticalBronze() throws IOException {
        ProvPulseConfig again = TestSpark.configFor(directory, "warehouse-again");
        WarehouseLayout other = new WarehouseLayout(Path.of(again.paths().warehouse()));
        new vn.provpulse.ingest.IngestJob(spark, other, NightlyPipeline.fileParser(again, Map.of()))
                .execute(Path.of(again.paths().landing()), TO, "ingest");
        for (String zone : List.of("bronze", "quarantine", "restricted")) {
            Map<String, String> first = Fixtures.fileHashes(warehouse.root().resolve(zone));
            assertThat(first).as(zone).isNotEmpty();
            assertThat(Fixtures.fileHashes(other.root().resolve(zone))).as(zone).isEqualTo(first);
        }
    }

    @Test
    void rerunningTheSameDateGivesByteIdenticalSilverAndGold() throws IOException {
        Map<String, String> silver = Fixtures.fileHashes(warehouse.root().resolve("silver"));
        Map<String, String> gold = Fixtures.fileHashes(warehouse.root().resolve("gold"));
        RunSummary rerun = new NightlyPipeline(spark, config).run(TO, "nightly", "test-rerun");
        assertThat(Fixtures.fileHashes(warehouse.root().resolve("silver"))).isEqualTo(silver);
        assertThat(Fixtures.fileHashes(warehouse.root().resolve("gold"))).isEqualTo(gold);
        assertThat(rerun.sources()).allMatch(line -> line.files() == 0);
        assertThat(firstRun.sources()).anyMatch(line -> line.duplicateFiles() == 1);
    }
}
