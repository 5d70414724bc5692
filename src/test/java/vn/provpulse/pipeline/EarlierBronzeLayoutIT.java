package vn.provpulse.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Sources;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.ingest.IngestJob;
import vn.provpulse.refine.SilverState;
import vn.provpulse.storage.LocalFiles;
import vn.provpulse.storage.MonthFolders;
import vn.provpulse.testing.Fixtures;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse whose bronze, quarantine and restricted tables hold folders of the earlier layout (a
 * folder per day, before 2026-12-02) beside month folders keeps working: a full pass over both gives
 * the silver and gold it gave when every row was in a month folder, byte for byte.
 */
class EarlierBronzeLayoutIT extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 24);
    /** Rows up to this date are moved to day folders; the later ones stay in month folders. */
    private static final LocalDate LAST_DAY_FOLDER = LocalDate.of(2026, 1, 29);
    private static final LocalDate TO = LocalDate.of(2026, 2, 2);
    @TempDir
    static Path directory;
    private static WarehouseLayout warehouse;
    private static Map<String, String> silverByMonth;
    private static Map<String, String> goldByMonth;
    private static List<Path> dayFolders;
    private static List<String> filesByMonth;
    private static SilverState silverAfterDayFolders;

    @BeforeAll
    static void runOverBothLayouts() throws IOException {
        new ProvinceGenerator(new ProvinceGenerator.Options(5, FROM, TO, 0.05, 0.02, directory)).generate(progress -> { });
        ProvPulseConfig config = TestSpark.configFor(directory, "warehouse");
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        new NightlyPipeline(spark, config).run(FROM, TO, "backfill", "by-month");
        filesByMonth = new ArrayList<>();
        for (Path table : appendOnlyTables()) {
            for (Path month : LocalFiles.children(table)) {
                filesByMonth.addAll(parquetFiles(month).stream().map(file -> table.relativize(file).toString()).toList());
            }
        }
        silverByMonth = Fixtures.fileHashes(warehouse.root().resolve("silver"));
        goldByMonth = Fixtures.fileHashes(warehouse.root().resolve("gold"));
        dayFolders = new ArrayList<>();
        for (Path table : appendOnlyTables()) {
            dayFolders.addAll(moveEarlyDaysToDayFolders(table));
        }
        // silver is as of TO already: this run refines and computes everything again, reading both layouts
        new NightlyPipeline(spark, config).run(FROM, TO, "backfill", "both-layouts");
        silverAfterDayFolders = SilverState.read(warehouse.silverState()).orElseThrow();
    }

    @Test
    void theFullPassReadDayFoldersBesideMonthFolders() {
        assertThat(silverAfterDayFolders.incremental()).isFalse();
        assertThat(dayFolders).hasSizeGreaterThan(3 * FROM.until(LAST_DAY_FOLDER).getDays()).allMatch(Files::isDirectory);
        assertThat(warehouse.bronze("tasks").resolve(Lineage.DATA_DATE + "=" + LAST_DAY_FOLDER)).isDirectory();
        assertThat(warehouse.bronze("tasks").resolve(MonthFolders.COLUMN + "=2026-01")).isDirectory();
        assertThat(warehouse.bronze("tasks").resolve(MonthFolders.COLUMN + "=2026-02")).isDirectory();
    }

    @Test
    void aBackfillWritesOneFilePerMonthAndTable() {
        // ingest writes each month's rows in one task: one file per month folder, none split into run-<n>-<i>
        assertThat(filesByMonth).isNotEmpty()
                .allMatch(file -> file.matches(MonthFolders.COLUMN + "=2026-0[12]/run-000001\\.parquet"), "one run-000001.parquet per month folder")
                .contains(MonthFolders.COLUMN + "=2026-01/run-000001.parquet", MonthFolders.COLUMN + "=2026-02/run-000001.parquet");
    }

    @Test
    void silverAndGoldAreByteIdentical() throws IOException {
        assertThat(silverByMonth).isNotEmpty();
        assertThat(Fixtures.fileHashes(warehouse.root().resolve("silver"))).isEqualTo(silverByMonth);
        assertThat(goldByMonth).hasSizeGreaterThanOrEqualTo(10);
        assertThat(Fixtures.fileHashes(warehouse.root().resolve("gold"))).isEqualTo(goldByMonth);
    }

    private static List<Path> appendOnlyTables() {
        List<Path> tables = new ArrayList<>();
        Sources.ALL.forEach(source -> {
            tables.add(warehouse.bronze(source.name()));
            tables.add(warehouse.quarantine(source.name()));
        });
        tables.add(warehouse.restricted(IngestJob.FEEDBACK_CONTENT));
        return tables.stream().filter(Files::isDirectory).toList();
    }

    /**
     * Rewrites the rows up to {@link #LAST_DAY_FOLDER} of a table's month folders as the earlier layout stored
     * them: data_date=D/run-N.parquet, the date only in the folder name. Returns the day folders written.
     */
    private static List<Path> moveEarlyDaysToDayFolders(Path table) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Path month : LocalFiles.children(table)) {
            for (Path run : parquetFiles(month)) {
                Path rewrite = directory.resolve("rewrite").resolve(table.getParent().getFileName() + "-" + table.getFileName() + "-" + month.getFileName());
                Dataset<Row> rows = spark.read().parquet(run.toString()).coalesce(1);
                rows.filter(col(Lineage.DATA_DATE).leq(lit(LAST_DAY_FOLDER))).write().mode(SaveMode.Overwrite)
                        .partitionBy(Lineage.DATA_DATE).parquet(rewrite.resolve("days").toString());
                rows.filter(col(Lineage.DATA_DATE).gt(lit(LAST_DAY_FOLDER))).write().mode(SaveMode.Overwrite).parquet(rewrite.resolve("later").toString());
                for (Path day : LocalFiles.children(rewrite.resolve("days"))) {
                    if (Files.isDirectory(day)) {
                        Path target = table.resolve(day.getFileName()).resolve(run.getFileName());
                        Files.createDirectories(target.getParent());
                        Files.move(parquetFiles(day).get(0), target);
                        written.add(target.getParent());
                    }
                }
                Files.delete(run);
                List<Path> later = parquetFiles(rewrite.resolve("later"));
                if (!later.isEmpty() && spark.read().parquet(rewrite.resolve("later").toString()).count() > 0) {
                    Files.move(later.get(0), run);
                }
            }
            if (parquetFiles(month).isEmpty()) {
                LocalFiles.deleteRecursively(month);
            }
        }
        return written;
    }

    private static List<Path> parquetFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).sorted().toList();
        }
    }
}
