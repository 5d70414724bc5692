package vn.provpulse.ingest;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.pipeline.RunSummary;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators put in a landing zone besides well-formed files: entries that are not data (each
 * listed with its reason, never read), symbolic links out of the zone (refused), and a corrected
 * file re-sent under the name of one already ingested (read again as its next version).
 */
class LandingDeliveriesIT extends SparkTestCase {
    private static final String HEADER = "rating_id,unit_code,rated_at,channel,score\n";
    @TempDir
    static Path directory;
    private static Path landing;
    private static WarehouseLayout warehouse;
    private static RunSummary firstNight;
    private static RunSummary secondNight;

    @BeforeAll
    static void twoNights() throws IOException {
        landing = directory.resolve("landing");
        write("units/2026-03-01/units.csv", "unit_code,unit_name,unit_type,valid_from\nXA01,Xã Mường Phăng,commune,2025-07-01\n");
        write("ratings/2026-03-01/r.csv", HEADER + "R1,XA01,2026-03-01T09:00:00+07:00,kiosk,5\nR2,XA01,2026-03-01T10:00:00+07:00,kiosk,4\n");
        write("ratings/2026-03-02/r.csv", HEADER + "R3,XA01,2026-03-02T09:00:00+07:00,kiosk,3\n");
        write("ratings/2026-03-02/.r.csv.swp", HEADER + "R5,XA01,2026-03-02T09:00:00+07:00,kiosk,1\n");
        write("ratings/2026-3-2/r.csv", HEADER + "R6,XA01,2026-03-02T09:00:00+07:00,kiosk,1\n");
        write("ratings/2026-13-45/r.csv", HEADER + "R6,XA01,2026-03-02T09:00:00+07:00,kiosk,1\n");
        write("ratings/latest/r.csv", HEADER + "R6,XA01,2026-03-02T09:00:00+07:00,kiosk,1\n");
        write("ratings/2026-03-09/r.csv", HEADER + "R7,XA01,2026-03-02T09:00:00+07:00,kiosk,1\n");
        Files.createDirectories(landing.resolve("ratings/2026-03-02/nested"));
        write("README.txt", "how to deliver");
        Path outside = directory.resolve("outside/valid.csv");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, HEADER + "R8,XA01,2026-03-02T09:00:00+07:00,kiosk,2\n");
        Files.createSymbolicLink(landing.resolve("ratings/2026-03-02/elsewhere.csv"), outside);
        Files.createSymbolicLink(landing.resolve("ratings/2026-03-02/passwd.csv"), Path.of("/etc/passwd"));
        ProvPulseConfig config = TestSpark.configFor(directory, "warehouse");
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        firstNight = new NightlyPipeline(spark, config).run(LocalDate.of(2026, 3, 2), "nightly", "night-1");
        // the unit corrects its export of 1 March: R2's score changed, R4 added; same file name
        write("ratings/2026-03-01/r.csv", HEADER + "R1,XA01,2026-03-01T09:00:00+07:00,kiosk,5\nR2,XA01,2026-03-01T10:00:00+07:00,kiosk,1\n"
                + "R4,XA01,2026-03-01T11:00:00+07:00,sms,3\n");
        secondNight = new NightlyPipeline(spark, config).run(LocalDate.of(2026, 3, 3), "nightly", "night-2");
    }

    @Test
    void everyEntryThatIsNotDataIsListedWithItsReason() {
        assertThat(firstNight.skippedByReason()).isEqualTo(Map.of(
                "ignored_name", List.of("ratings/2026-03-02/.r.csv.swp"),
                "not_a_date_folder", List.of("ratings/2026-13-45", "ratings/2026-3-2", "ratings/latest"),
                "future_date_folder", List.of("ratings/2026-03-09"),
                "not_a_file", List.of("ratings/2026-03-02/nested"),
                "symlink_outside_landing", List.of("ratings/2026-03-02/elsewhere.csv", "ratings/2026-03-02/passwd.csv"),
                "unknown_source", List.of("README.txt")));
        assertThat(firstNight.render()).contains("landing entries not read (symlink_outside_landing): 2, e.g. ratings/2026-03-02/elsewhere.csv");
    }

    @Test
    void everyEntryThatIsNotDataIsARowOfTheFileReconciliation() {
        // the second night (incremental) lists them anew; the first night's rows are not kept beside them
        List<String> skipped = spark.read().parquet(warehouse.gold("file_reconciliation").toString())
                .filter(col("status").equalTo("skipped")).collectAsList().stream()
                .map(row -> row.getAs("file") + " " + row.getAs("source") + " " + row.getAs("skip_reason") + " "
                        + row.getAs("data_date") + " " + row.getAs("rows_read") + " " + row.getAs("as_of_date"))
                .toList();
        assertThat(skipped).containsExactlyInAnyOrder(
                "ratings/2026-03-02/.r.csv.swp ratings ignored_name null null 2026-03-03",
                "ratings/2026-13-45 ratings not_a_date_folder null null 2026-03-03",
                "ratings/2026-3-2 ratings not_a_date_folder null null 2026-03-03",
                "ratings/latest ratings not_a_date_folder null null 2026-03-03",
                "ratings/2026-03-09 ratings future_date_folder null null 2026-03-03",
                "ratings/2026-03-02/nested ratings not_a_file null null 2026-03-03",
                "ratings/2026-03-02/elsewhere.csv ratings symlink_outside_landing null null 2026-03-03",
                "ratings/2026-03-02/passwd.csv ratings symlink_outside_landing null null 2026-03-03",
                "README.txt null unknown_source null null 2026-03-03");
    }

    @Test
    void symbolicLinksOutOfTheLandingZoneAreNeverRead() {
        List<String> ratingIds = ratings().stream().map(row -> row.<String>getAs("rating_id")).toList();
        assertThat(ratingIds).doesNotContain("R8", "R5", "R6", "R7");
        // every file read gets a ledger entry, whatever became of its rows
        assertThat(FileLedger.loadAll(warehouse).files()).extracting(FileLedger.Entry::path)
                .noneMatch(path -> path.contains("passwd") || path.contains("elsewhere"));
    }

    @Test
    void correctedFileUnderTheSameNameIsReadAgainAsItsNextVersion() {
        assertThat(secondNight.changedFiles()).containsExactly("ratings/2026-03-01/r.csv@2");
        Row version2 = spark.read().parquet(warehouse.gold("file_reconciliation").toString())
                .filter(col("file").equalTo("ratings/2026-03-01/r.csv@2")).first();
        assertThat((String) version2.getAs("status")).isEqualTo("late");
        assertThat((long) version2.getAs("rows_read")).isEqualTo(3L);
        // docs/reliability.md: the first occurrence wins in (export date, file name, line) order; version 2 comes after version 1
        assertThat((long) version2.getAs("duplicates")).isEqualTo(2L);
        assertThat((long) version2.getAs("accepted")).isEqualTo(1L);
        Map<String, Row> byId = new java.util.HashMap<>();
        ratings().forEach(row -> byId.put(row.getAs("rating_id"), row));
        assertThat(byId).containsOnlyKeys("R1", "R2", "R3", "R4");
        assertThat(((Number) byId.get("R2").getAs("score")).intValue()).isEqualTo(4);
        assertThat((String) byId.get("R4").getAs("source_file")).isEqualTo("r.csv@2");
    }

    @Test
    void unchangedFileIsNotReadAgain() {
        assertThat(FileLedger.loadAll(warehouse).files()).extracting(FileLedger.Entry::path)
                .filteredOn(path -> path.startsWith("ratings/2026-03-02/r.csv")).containsExactly("ratings/2026-03-02/r.csv");
    }

    private static List<Row> ratings() {
        return TableFiles.readSliced(spark, warehouse.silver("ratings")).collectAsList();
    }

    private static void write(String relative, String content) throws IOException {
        Path file = landing.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
