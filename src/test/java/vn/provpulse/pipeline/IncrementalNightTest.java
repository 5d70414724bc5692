package vn.provpulse.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.refine.RefineJob;
import vn.provpulse.refine.SilverState;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a night may build on earlier silver and when it must make a full pass, on a hand-made
 * landing zone: a unit unknown on 1 March becomes known on 3 March, so its quarantined row of
 * 1 March is accepted as of 3 March; a row repeating an earlier night's row is a duplicate of it;
 * on the incremental night of 4 March a task extended from May into June changes month, and a
 * task due and a February complaint whose deadline was 3 March fall overdue without any new row; a crash that leaves no silver state makes the next
 * night a full pass. The nights end with the tables of a single backfill to their date.
 */
class IncrementalNightTest extends SparkTestCase {
    private static final String UNITS = "unit_code,unit_name,unit_type,valid_from\n";
    private static final String RATINGS = "rating_id,unit_code,rated_at,channel,score\n";
    private static final String TASK = "{\"task_id\":\"%s\",\"unit_code\":\"XA01\",\"due_date\":\"%s\",%s\"status\":\"%s\",\"updated_at\":\"%s\"}\n";
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate MARCH_4 = LocalDate.of(2026, 3, 4);
    @TempDir
    static Path directory;
    private static ProvPulseConfig config;
    private static WarehouseLayout warehouse;
    private static final Map<LocalDate, SilverState> states = new HashMap<>();
    private static final Map<LocalDate, Long> unknownUnitRows = new HashMap<>();

    @BeforeAll
    static void runNights() throws IOException {
        write("units/2026-03-01/units.csv", UNITS + "XA01,Xã Mường Phăng,commune,2025-07-01\n");
        write("ratings/2026-03-01/r.csv", RATINGS + "R1,XA01,2026-03-01T09:00:00+07:00,kiosk,5\nR2,XB02,2026-03-01T10:00:00+07:00,kiosk,1\n");
        write("ratings/2026-03-02/r.csv", RATINGS + "R3,XA01,2026-03-02T09:00:00+07:00,kiosk,3\n");
        write("units/2026-03-03/units.csv", UNITS + "XA01,Xã Mường Phăng,commune,2025-07-01\nXB02,Xã Thanh Nưa,commune,2025-07-01\n");
        write("ratings/2026-03-03/r.csv", RATINGS + "R4,XB02,2026-03-03T09:00:00+07:00,app,4\n");
        write("ratings/2026-03-04/r.csv", RATINGS + "R5,XA01,2026-03-04T09:00:00+07:00,sms,2\nR1,XA01,2026-03-01T09:00:00+07:00,kiosk,5\n");
        write("ratings/2026-03-05/r.csv", RATINGS + "R6,XB02,2026-03-05T09:00:00+07:00,portal,5\n");
        write("feedback/2026-03-01/f.csv", "feedback_id,unit_code,received_at,response_deadline,status\n"
                + "F1,XA01,2026-02-10T09:00:00+07:00,2026-03-03,processing\n");
        write("tasks/2026-03-01/t.jsonl", String.format(TASK, "T1", "2026-05-29", "", "open", "2026-03-01T08:00:00+07:00")
                + String.format(TASK, "T2", "2026-03-03", "", "open", "2026-03-01T08:00:00+07:00"));
        write("tasks/2026-03-04/t.jsonl", String.format(TASK, "T1", "2026-05-29",
                "\"extended_due_date\":\"2026-06-15\",\"extension_approved_at\":\"2026-03-04T09:00:00+07:00\",", "in_progress",
                "2026-03-04T09:00:00+07:00"));
        config = TestSpark.configFor(directory, "warehouse");
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        for (LocalDate night = MARCH_1; !night.isAfter(MARCH_1.plusDays(4)); night = night.plusDays(1)) {
            if (night.equals(MARCH_1.plusDays(4))) {
                // what a crash between rewriting silver and recording it leaves: no state
                SilverState.clear(warehouse.silverState());
            }
            new NightlyPipeline(spark, config).run(night, "nightly", "night-" + night);
            if (night.equals(MARCH_4)) {
                copy(warehouse.root().resolve("gold"), directory.resolve("gold-of-march-4"));
            }
            states.put(night, SilverState.read(warehouse.silverState()).orElseThrow());
            unknownUnitRows.put(night, TableFiles.readSliced(spark, warehouse.refineQuarantine()).filter(col("reason_code").equalTo("unknown_unit")).count());
        }
    }


    private static void write(String relative, String content) throws IOException {
        Path file = directory.resolve("landing").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void aNightBuildsOnTheLastUnlessUnitsChangeEarlierVerdictsOrSilverWasLeftUnrecorded() {
        assertThat(states.get(MARCH_1).since()).as("first night").isNull();
        assertThat(states.get(MARCH_1.plusDays(1)).since()).isEqualTo(MARCH_1);
        assertThat(states.get(MARCH_1.plusDays(2)).since()).as("XB02 becomes known: R2 of 1 March must be judged again").isNull();
        assertThat(states.get(MARCH_1.plusDays(3)).since()).isEqualTo(MARCH_1.plusDays(2));
        assertThat(states.get(MARCH_1.plusDays(4)).since()).as("after a crash").isNull();
    }

    @Test
    void aUnitUnknownAtFirstIsAcceptedOnceASnapshotListsIt() {
        assertThat(unknownUnitRows.get(MARCH_1)).isEqualTo(1L);
        assertThat(unknownUnitRows.get(MARCH_1.plusDays(1))).isEqualTo(1L);
        assertThat(unknownUnitRows.get(MARCH_1.plusDays(2))).isZero();
        List<String> accepted = TableFiles.readSliced(spark, warehouse.silver(RefineJob.RATINGS)).orderBy("rating_id")
                .select("rating_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertThat(accepted).containsExactly("R1", "R2", "R3", "R4", "R5", "R6");
    }

    @Test
    void aRowRepeatingAnEarlierNightsRowIsItsDuplicate() {
        Row duplicate = TableFiles.readSliced(spark, warehouse.refineQuarantine()).filter(col("reason_code").equalTo("duplicate")).first();
        assertThat((String) duplicate.getAs("source_file")).isEqualTo("r.csv");
        assertThat(duplicate.<Object>getAs("data_date")).hasToString("2026-03-04");
        assertThat((String) duplicate.getAs("detail")).isEqualTo("duplicate of the row first delivered in ratings/2026-03-01/r.csv line 2");
    }

    @Test
    void onAnIncrementalNightAnExtendedTaskChangesMonthAndAnUntouchedTaskFallsOverdue() {
        Map<String, Row> months = new HashMap<>();
        spark.read().parquet(directory.resolve("gold-of-march-4").resolve("unit_month_tasks").toString())
                .collectAsList().forEach(row -> months.put(row.getAs("month").toString(), row));
        // T2, due on 3 March, is overdue as of 4 March though no row touched it; T1 left May for June
        assertThat(months).containsOnlyKeys("2026-03-01", "2026-06-01");
        Row march = months.get("2026-03-01");
        assertThat(List.of(march.<Long>getAs("tasks"), march.<Long>getAs("due_tasks"), march.<Long>getAs("overdue_open"), march.<Long>getAs("extended")))
                .containsExactly(1L, 1L, 1L, 0L);
        Row june = months.get("2026-06-01");
        assertThat(List.of(june.<Long>getAs("tasks"), june.<Long>getAs("due_tasks"), june.<Long>getAs("not_yet_due"), june.<Long>getAs("extended")))
                .containsExactly(1L, 0L, 1L, 1L);
        assertThat(states.get(MARCH_4).taskDueMonths()).containsExactly(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1));
    }

    @Test
    void onAnIncrementalNightAnUnansweredComplaintFallsOverdueInTheMonthItWasReceived() {
        Row february = spark.read().parquet(directory.resolve("gold-of-march-4").resolve("unit_month_feedback").toString())
                .filter(col("month").equalTo(java.sql.Date.valueOf("2026-02-01"))).first();
        // F1 (received 10 February, deadline 3 March, unanswered) is overdue as of 4 March, not as of 3 March
        assertThat(List.of(february.<Long>getAs("received"), february.<Long>getAs("answered"), february.<Long>getAs("overdue_open")))
                .containsExactly(1L, 0L, 1L);
        assertThat(states.get(MARCH_4).feedbackReceivedMonths()).isEmpty();
    }

    @Test
    void theIncrementalNightGivesTheGoldOfABackfillToItsDate() throws IOException {
        ProvPulseConfig backfill = TestSpark.configFor(directory, "backfill-to-march-4");
        new NightlyPipeline(spark, backfill).run(MARCH_1, MARCH_4, "backfill", "backfill-to-march-4");
        WarehouseLayout backfilled = new WarehouseLayout(Path.of(backfill.paths().warehouse()));
        for (String table : GoldJob.TABLES) {
            assertSameRows(spark.read().parquet(directory.resolve("gold-of-march-4").resolve(table).toString()).drop("first_seen_run_date"),
                    spark.read().parquet(backfilled.gold(table).toString()).drop("first_seen_run_date"), table);
        }
    }

    @Test
    void theNightsEndWithTheTablesOfOneBackfill() throws IOException {
        ProvPulseConfig backfill = TestSpark.configFor(directory, "backfill");
        new NightlyPipeline(spark, backfill).run(MARCH_1, MARCH_1.plusDays(4), "backfill", "backfill");
        WarehouseLayout backfilled = new WarehouseLayout(Path.of(backfill.paths().warehouse()));
        for (String table : GoldJob.TABLES) {
            assertSameRows(spark.read().parquet(warehouse.gold(table).toString()).drop("first_seen_run_date"),
                    spark.read().parquet(backfilled.gold(table).toString()).drop("first_seen_run_date"), table);
        }
        assertSameRows(TableFiles.readSliced(spark, warehouse.silver(RefineJob.RATINGS)),
                TableFiles.readSliced(spark, backfilled.silver(RefineJob.RATINGS)), "silver ratings");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void assertSameRows(Dataset<Row> a, Dataset<Row> b, String table) {
        assertThat(a.exceptAll(b).count() + b.exceptAll(a).count()).as(table).isZero();
    }
}
