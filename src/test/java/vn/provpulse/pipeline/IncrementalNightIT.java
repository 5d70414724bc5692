package vn.provpulse.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.metrics.FileReconciliation;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.refine.RefineJob;
import vn.provpulse.refine.SilverState;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.testing.Fixtures;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * When a night may build on earlier silver and when it must make a full pass, on a hand-made
 * landing zone: a unit unknown on 1 March becomes known on 3 March, so its quarantined row of
 * 1 March is accepted as of 3 March; a row repeating an earlier night's row is a duplicate of it;
 * on the incremental night of 4 March a task extended from January into February changes month,
 * and a task due and a February complaint whose deadline was 3 March fall overdue without any new
 * row; a crash that leaves no silver state makes the next night a full pass. Across the month
 * boundary, a task completed on 31 March but due in April is in no row as of 31 March, and in
 * April's row (on time) as of 1 April, a night with no task file. The nights end with the tables
 * (and the bytes) of a single backfill to their date.
 */
class IncrementalNightIT extends SparkTestCase {
    private static final String UNITS = "unit_code,unit_name,unit_type,valid_from\n";
    private static final String RATINGS = "rating_id,unit_code,rated_at,channel,score\n";
    private static final String TASK = "{\"task_id\":\"%s\",\"unit_code\":\"XA01\",\"due_date\":\"%s\",%s\"status\":\"%s\",\"updated_at\":\"%s\"}\n";
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate MARCH_4 = LocalDate.of(2026, 3, 4);
    private static final LocalDate MARCH_31 = LocalDate.of(2026, 3, 31);
    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);
    private static final List<LocalDate> NIGHTS = List.of(MARCH_1, MARCH_1.plusDays(1), MARCH_1.plusDays(2), MARCH_4, MARCH_1.plusDays(4),
            MARCH_31, APRIL_1);
    @TempDir
    static Path directory;
    private static ProvPulseConfig config;
    private static WarehouseLayout warehouse;
    private static final Map<LocalDate, SilverState> states = new HashMap<>();
    private static final Map<LocalDate, Long> unknownUnitRows = new HashMap<>();
    private static final Map<LocalDate, RunSummary> summaries = new HashMap<>();

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
        write("tasks/2026-03-01/t.jsonl", String.format(TASK, "T1", "2026-01-20", "", "open", "2026-03-01T08:00:00+07:00")
                + String.format(TASK, "T2", "2026-03-03", "", "open", "2026-03-01T08:00:00+07:00"));
        write("tasks/2026-03-04/t.jsonl", String.format(TASK, "T1", "2026-01-20",
                "\"extended_due_date\":\"2026-02-25\",\"extension_approved_at\":\"2026-03-04T09:00:00+07:00\",", "in_progress",
                "2026-03-04T09:00:00+07:00"));
        // T3 done on 31 March for 10 April; T4 due 20 April; 1 April brings a rating and no task file
        write("tasks/2026-03-31/t.jsonl", String.format(TASK, "T3", "2026-04-10", "\"completed_at\":\"2026-03-31T10:00:00+07:00\",", "completed",
                "2026-03-31T10:00:00+07:00") + String.format(TASK, "T4", "2026-04-20", "", "open", "2026-03-31T08:00:00+07:00"));
        write("ratings/2026-04-01/r.csv", RATINGS + "R7,XA01,2026-04-01T09:00:00+07:00,kiosk,4\n");
        config = TestSpark.configFor(directory, "warehouse");
        warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        for (LocalDate night : NIGHTS) {
            if (night.equals(MARCH_1.plusDays(4))) {
                // what a crash between rewriting silver and recording it leaves: no state
                SilverState.clear(warehouse.silverState());
            }
            summaries.put(night, new NightlyPipeline(spark, config).run(night, "nightly", "night-" + night));
            if (night.equals(MARCH_4) || night.equals(MARCH_31)) {
                Fixtures.copyTree(warehouse.root().resolve("gold"), goldOf(night));
            }
            states.put(night, SilverState.read(warehouse.silverState()).orElseThrow());
            unknownUnitRows.put(night, TableFiles.readSliced(spark, warehouse.refineQuarantine()).filter(col("reason_code").equalTo("unknown_unit")).count());
        }
    }

    private static Path goldOf(LocalDate night) {
        return directory.resolve("gold-of-" + night);
    }

    private static Map<String, Row> monthRows(Path gold, String table) {
        Map<String, Row> months = new HashMap<>();
        spark.read().parquet(gold.resolve(table).toString()).collectAsList().forEach(row -> months.put(row.getAs("month").toString(), row));
        return months;
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
        assertThat(states.get(MARCH_31).since()).isEqualTo(MARCH_1.plusDays(4));
        assertThat(states.get(APRIL_1).since()).isEqualTo(MARCH_31);
    }

    @Test
    void aUnitUnknownAtFirstIsAcceptedOnceASnapshotListsIt() {
        assertThat(unknownUnitRows.get(MARCH_1)).isEqualTo(1L);
        assertThat(unknownUnitRows.get(MARCH_1.plusDays(1))).isEqualTo(1L);
        assertThat(unknownUnitRows.get(MARCH_1.plusDays(2))).isZero();
        List<String> accepted = TableFiles.readSliced(spark, warehouse.silver(RefineJob.RATINGS)).orderBy("rating_id")
                .select("rating_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertThat(accepted).containsExactly("R1", "R2", "R3", "R4", "R5", "R6", "R7");
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
        Map<String, Row> months = monthRows(goldOf(MARCH_4), "unit_month_tasks");
        // T2, due on 3 March, is overdue as of 4 March though no row touched it; T1 left January for February
        assertThat(months).containsOnlyKeys("2026-02-01", "2026-03-01");
        Row march = months.get("2026-03-01");
        assertThat(List.of(march.<Long>getAs("tasks"), march.<Long>getAs("due_tasks"), march.<Long>getAs("overdue_open"), march.<Long>getAs("extended")))
                .containsExactly(1L, 1L, 1L, 0L);
        Row february = months.get("2026-02-01");
        assertThat(List.of(february.<Long>getAs("tasks"), february.<Long>getAs("due_tasks"), february.<Long>getAs("overdue_open"),
                february.<Long>getAs("extended"))).containsExactly(1L, 1L, 1L, 1L);
        assertThat(states.get(MARCH_4).taskDueMonths()).containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1));
    }

    @Test
    void aTaskCompletedEarlyForNextMonthIsInNoRowUntilItsMonthBegins() {
        for (String table : List.of("unit_month_tasks", "unit_month_feedback", "unit_month_ratings", "unit_scorecard", "province_trend")) {
            assertThat(monthRows(goldOf(MARCH_31), table)).as(table + " as of 31 March").doesNotContainKey("2026-04-01");
        }
        Row march = monthRows(goldOf(MARCH_31), "unit_month_tasks").get("2026-03-01");
        // T2 only (overdue since 4 March): T3, done on 31 March, is due in April
        assertThat(List.of(march.<Long>getAs("tasks"), march.<Long>getAs("due_tasks"), march.<Long>getAs("on_time"), march.<Long>getAs("overdue_open")))
                .containsExactly(1L, 1L, 0L, 1L);
    }

    @Test
    void theFirstNightOfAMonthCreatesItsRowsFromTasksAlreadyInSilver() {
        Map<String, Row> months = monthRows(warehouse.root().resolve("gold"), "unit_month_tasks");
        assertThat(months).containsOnlyKeys("2026-02-01", "2026-03-01", "2026-04-01");
        Row april = months.get("2026-04-01");
        // T3 completed on 31 March, due 10 April: on time; T4 due 20 April: not yet due
        assertThat(List.of(april.<Long>getAs("tasks"), april.<Long>getAs("due_tasks"), april.<Long>getAs("on_time"), april.<Long>getAs("late"),
                april.<Long>getAs("not_yet_due"))).containsExactly(2L, 1L, 1L, 0L, 1L);
        assertThat(april.<Double>getAs("on_time_rate")).isEqualTo(1.0);
        assertThat(states.get(APRIL_1).taskDueMonths()).as("no task file on 1 April").isEmpty();
        List<Row> aprilScorecard = spark.read().parquet(warehouse.gold("unit_scorecard").toString())
                .filter(col("month").equalTo(java.sql.Date.valueOf("2026-04-01"))).orderBy("period").collectAsList();
        // XA01's April month: T3 and R7; its ytd adds T1 (February) and T2 (March), both overdue, and R1, R3, R5 of March
        assertThat(aprilScorecard).extracting(row -> row.<String>getAs("unit_code")).containsExactly("XA01", "XA01");
        assertThat(aprilScorecard).extracting(row -> row.<Long>getAs("due_tasks"), row -> row.<Long>getAs("on_time"), row -> row.<Long>getAs("ratings"))
                .containsExactly(tuple(1L, 1L, 1L), tuple(3L, 1L, 4L));
    }

    @Test
    void onAnIncrementalNightAnUnansweredComplaintFallsOverdueInTheMonthItWasReceived() {
        Row february = spark.read().parquet(goldOf(MARCH_4).resolve("unit_month_feedback").toString())
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
            assertSameRows(spark.read().parquet(goldOf(MARCH_4).resolve(table).toString()).drop("first_seen_run_date"),
                    spark.read().parquet(backfilled.gold(table).toString()).drop("first_seen_run_date"), table);
        }
    }

    @Test
    void aRunSummaryCountsTheFilesOfItsOwnRunOnly() {
        assertThat(summaries.get(MARCH_1).sources()).as("first night: every file is this run's").containsExactly(
                line("units", 1, 1, 1, 0, 0, Map.of()), line("tasks", 1, 2, 2, 0, 0, Map.of()), line("feedback", 1, 1, 1, 0, 0, Map.of()),
                line("ratings", 1, 2, 1, 1, 0, Map.of("unknown_unit", 1L)));
        // a full pass: R2 of 1 March is accepted now, but 1 March's file is not this run's
        assertThat(summaries.get(MARCH_1.plusDays(2)).sources()).containsExactly(
                line("units", 1, 2, 2, 0, 0, Map.of()), line("tasks", 0, 0, 0, 0, 0, Map.of()), line("feedback", 0, 0, 0, 0, 0, Map.of()),
                line("ratings", 1, 1, 1, 0, 0, Map.of()));
        assertThat(summaries.get(MARCH_4).sources()).as("incremental").containsExactly(
                line("units", 0, 0, 0, 0, 0, Map.of()), line("tasks", 1, 1, 1, 0, 0, Map.of()), line("feedback", 0, 0, 0, 0, 0, Map.of()),
                line("ratings", 1, 2, 1, 1, 1, Map.of("duplicate", 1L)));
    }

    @Test
    void aBackfillsSummaryCountsEveryFileOfItsRange() throws IOException {
        ProvPulseConfig backfill = TestSpark.configFor(directory, "backfill-summary");
        RunSummary summary = new NightlyPipeline(spark, backfill).run(MARCH_1, MARCH_4, "backfill", "backfill-summary");
        // R2's unit is known by 4 March; R1 delivered again on 4 March is the only duplicate
        assertThat(summary.sources()).containsExactly(
                line("units", 2, 3, 3, 0, 0, Map.of()), line("tasks", 2, 3, 3, 0, 0, Map.of()), line("feedback", 1, 1, 1, 0, 0, Map.of()),
                line("ratings", 4, 6, 5, 1, 1, Map.of("duplicate", 1L)));
    }

    private static RunSummary.SourceLine line(String source, long files, long rowsRead, long accepted, long quarantined, long duplicateRows,
                                              Map<String, Long> byReason) {
        return new RunSummary.SourceLine(source, files, rowsRead, accepted, quarantined, duplicateRows, 0, 0, byReason);
    }

    @Test
    void theNightsEndWithTheTablesOfOneBackfill() throws IOException {
        ProvPulseConfig backfill = TestSpark.configFor(directory, "backfill");
        new NightlyPipeline(spark, backfill).run(MARCH_1, APRIL_1, "backfill", "backfill");
        WarehouseLayout backfilled = new WarehouseLayout(Path.of(backfill.paths().warehouse()));
        for (String table : GoldJob.TABLES) {
            assertSameRows(spark.read().parquet(warehouse.gold(table).toString()).drop("first_seen_run_date"),
                    spark.read().parquet(backfilled.gold(table).toString()).drop("first_seen_run_date"), table);
            if (!table.equals(FileReconciliation.NAME)) {
                // the run that first saw a file differs by construction; every other gold file is the same, byte for byte
                assertThat(Fixtures.fileHashes(warehouse.gold(table))).as(table).isEqualTo(Fixtures.fileHashes(backfilled.gold(table)));
            }
        }
        assertSameRows(TableFiles.readSliced(spark, warehouse.silver(RefineJob.RATINGS)),
                TableFiles.readSliced(spark, backfilled.silver(RefineJob.RATINGS)), "silver ratings");
    }

    private static void assertSameRows(Dataset<Row> a, Dataset<Row> b, String table) {
        assertThat(a.exceptAll(b).count() + b.exceptAll(a).count()).as(table).isZero();
    }
}
