package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.testing.SparkTestCase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.provpulse.testing.Fixtures.collect;
import static vn.provpulse.testing.Fixtures.date;
import static vn.provpulse.testing.Fixtures.rows;

class FileReconciliationTest extends SparkTestCase {
    private static final LocalDate AS_OF = LocalDate.of(2026, 1, 5);
    private static final String LEDGER = "file string, source string, data_date date, file_name string, content_hash string, size_bytes bigint, "
            + "status string, rows_read bigint, first_seen_run_date date, duplicate_of string";
    private static final String QUARANTINE = "source string, unit_code string, data_date date, source_file string, reason_code string";
    private static final String ACCEPTED = "source string, unit_code string, data_date date, source_file string, reason_code string";

    private static Object[] file(String name, String status, long rowsRead) {
        return new Object[] {"tasks/2026-01-03/" + name, "tasks", date("2026-01-03"), name, "h-" + name, 100L, status, rowsRead,
                date("2026-01-03"), null};
    }

    private static Object[] quarantined(String file, String reason) {
        return new Object[] {"tasks", "U1", date("2026-01-03"), file, reason};
    }

    private static Object[][] accepted(String file, int count) {
        Object[][] rows = new Object[count][];
        Arrays.fill(rows, new Object[] {"tasks", "U1", date("2026-01-03"), file, null});
        return rows;
    }

    private static Object[][] concat(Object[][]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(Object[][]::new);
    }

    @Test
    void acceptedCountsTheRowsThatReachedSilverSoALostRowShows() {
        // A: 5 read = 3 in silver + 1 bad date + 1 duplicate. B: 4 read, 1 quarantined, only 2 in silver (one lost).
        // A@2 (corrected re-delivery): 2 read, 2 in silver under its own name. C: a duplicate file, all zeros.
        Map<String, Map<String, Object>> byFile = collect(FileReconciliation.build(
                rows(spark, LEDGER, file("A.jsonl", "ingested", 5), file("B.jsonl", "ingested", 4), file("A.jsonl@2", "late", 2),
                        file("C.jsonl", "duplicate_file", 0)),
                DataQuality.rowsPerFile(rows(spark, ACCEPTED, concat(accepted("A.jsonl", 3), accepted("B.jsonl", 2), accepted("A.jsonl@2", 2))),
                        rows(spark, QUARANTINE, quarantined("A.jsonl", "bad_date"), quarantined("A.jsonl", "duplicate"),
                                quarantined("B.jsonl", "unknown_unit"))),
                List.of(), AS_OF)).stream().collect(Collectors.toMap(row -> (String) row.get("file_name"), row -> row));
        assertThat(byFile.get("A.jsonl")).containsEntry("rows_read", 5L).containsEntry("accepted", 3L).containsEntry("quarantined", 2L)
                .containsEntry("duplicates", 1L).containsEntry("unaccounted", 0L);
        assertThat(byFile.get("B.jsonl")).containsEntry("rows_read", 4L).containsEntry("accepted", 2L).containsEntry("quarantined", 1L)
                .containsEntry("unknown_unit", 1L).containsEntry("unaccounted", 1L);
        assertThat(byFile.get("A.jsonl@2")).containsEntry("accepted", 2L).containsEntry("quarantined", 0L).containsEntry("unaccounted", 0L);
        assertThat(byFile.get("C.jsonl")).containsEntry("accepted", 0L).containsEntry("quarantined", 0L).containsEntry("unaccounted", 0L)
                .containsEntry("status", "duplicate_file");
        assertThat(byFile.values()).allSatisfy(row -> assertThat(row).containsEntry("skip_reason", null));
    }

    @Test
    void everySkippedLandingEntryIsARowWithItsReason(@TempDir Path landing) throws IOException {
        write(landing.resolve("tasks/2026-01-02/tasks_A.jsonl"));
        write(landing.resolve("tasks/2026-01-02/.tasks_A.jsonl.part"));
        write(landing.resolve("tasks/2026-13-45/tasks_A.jsonl"));
        write(landing.resolve("tasks/latest/tasks_A.jsonl"));
        write(landing.resolve("feedback/2026-01-09/feedback_A.csv"));
        write(landing.resolve(".DS_Store"));
        write(landing.resolve("notes.txt"));

        List<Map<String, Object>> result = collect(FileReconciliation.build(rows(spark, LEDGER),
                DataQuality.rowsPerFile(rows(spark, ACCEPTED), rows(spark, QUARANTINE)), FileReconciliation.skippedInputs(landing, AS_OF), AS_OF));
        assertThat(result).extracting(row -> row.get("file") + " " + row.get("source") + " " + row.get("file_name") + " " + row.get("skip_reason"))
                .containsExactlyInAnyOrder(
                        ".DS_Store null .DS_Store ignored_name",
                        "notes.txt null notes.txt unknown_source",
                        "tasks/2026-01-02/.tasks_A.jsonl.part tasks .tasks_A.jsonl.part ignored_name",
                        "tasks/2026-13-45 tasks 2026-13-45 not_a_date_folder",
                        "tasks/latest tasks latest not_a_date_folder",
                        "feedback/2026-01-09 feedback 2026-01-09 future_date_folder");
        assertThat(result).allSatisfy(row -> assertThat(row).containsEntry("status", "skipped").containsEntry("as_of_date", AS_OF)
                .containsEntry("data_date", null).containsEntry("rows_read", null).containsEntry("accepted", null));
    }

    @Test
    void aMissingLandingFolderSkipsNothing(@TempDir Path directory) {
        assertThat(FileReconciliation.skippedInputs(directory.resolve("absent"), AS_OF)).isEmpty();
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}\n");
    }
}
