package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.provpulse.contract.Reason;
import vn.provpulse.testing.SparkTestCase;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.provpulse.testing.Fixtures.collect;
import static vn.provpulse.testing.Fixtures.date;
import static vn.provpulse.testing.Fixtures.rows;

class DataQualityTest extends SparkTestCase {
    private static final LocalDate AS_OF = LocalDate.of(2026, 1, 5);
    private static final String ROWS = "source string, unit_code string, data_date date, source_file string, reason_code string";
    private static final String LEDGER = "file string, source string, data_date date, file_name string, content_hash string, size_bytes bigint, "
            + "status string, rows_read bigint, first_seen_run_date date, duplicate_of string";

    private static Object[] row(String source, String unit, String day, String file, String reason) {
        return new Object[] {source, unit, date(day), file, reason};
    }

    private static Object[] ledger(String file, String status) {
        return new Object[] {"tasks/2026-01-03/" + file, "tasks", date("2026-01-03"), file, "h-" + file, 100L, status, 1L, date("2026-01-03"), null};
    }

    private static Dataset<Row> accepted() {
        return rows(spark, ROWS,
                row("tasks", "U1", "2026-01-03", "A.jsonl", null), row("tasks", "U1", "2026-01-03", "A.jsonl", null),
                row("tasks", "U1", "2026-01-03", "A.jsonl", null), row("tasks", "U1", "2026-01-03", "B.jsonl", null),
                row("tasks", null, "2026-01-03", "C.jsonl", null), row("tasks", "U2", "2026-01-04", null, null),
                row("tasks", "U2", "2026-01-04", null, null), row("feedback", "U1", "2026-01-03", "F.csv", null),
                row("feedback", "U1", "2026-01-03", "F.csv", null));
    }

    private static Dataset<Row> quarantine() {
        return rows(spark, ROWS,
                row("tasks", "U1", "2026-01-03", "A.jsonl", Reason.BAD_DATE), row("tasks", "U1", "2026-01-03", "A.jsonl", Reason.DUPLICATE),
                row("tasks", "U1", "2026-01-03", "D.jsonl", Reason.UNKNOWN_UNIT), row("tasks", null, "2026-01-03", "C.jsonl", Reason.MISSING),
                row("tasks", "U2", "2026-01-04", null, Reason.BAD_DATE), row("tasks", "U1", "2026-01-03", "B.jsonl", Reason.DUPLICATE));
    }

    /** B.jsonl came late. */
    private static Dataset<Row> ledgerRows() {
        return rows(spark, LEDGER, ledger("A.jsonl", "ingested"), ledger("B.jsonl", "late"), ledger("D.jsonl", "ingested"));
    }

    @Test
    void countsPerFileThenPerDayGiveWhatCountingEveryRowGives() {
        Dataset<Row> built = DataQuality.build(DataQuality.rowsPerFile(accepted(), quarantine()), ledgerRows(), AS_OF);
        Dataset<Row> expected = countingEveryRow(accepted(), quarantine(), ledgerRows());

        assertThat(built.columns()).containsExactly(expected.columns());
        assertThat(Arrays.stream(built.schema().fields()).map(field -> field.dataType().simpleString()).toList())
                .containsExactlyElementsOf(Arrays.stream(expected.schema().fields()).map(field -> field.dataType().simpleString()).toList());
        assertThat(built.count()).isEqualTo(4);
        assertThat(built.exceptAll(expected).count()).isZero();
        assertThat(expected.exceptAll(built).count()).isZero();
    }

    @Test
    void aDayCountsItsFilesRowsVerdictsAndLateRows() {
        Map<String, Map<String, Object>> byUnitAndDay = collect(DataQuality.build(DataQuality.rowsPerFile(accepted(), quarantine()),
                ledgerRows(), AS_OF)).stream().collect(Collectors.toMap(row -> row.get("source") + " " + row.get("unit_code") + " "
                + row.get("data_date"), row -> row));
        // A (3 accepted, 2 quarantined), B (late: 1 accepted, 1 duplicate) and D (1 unknown unit)
        assertThat(byUnitAndDay.get("tasks U1 2026-01-03")).containsEntry("files", 3L).containsEntry("rows_read", 8L)
                .containsEntry("accepted", 4L).containsEntry("quarantined", 4L).containsEntry("duplicates_dropped", 2L)
                .containsEntry("late_rows", 2L).containsEntry("quarantined_unknown_unit", 1L).containsEntry("quarantined_bad_date", 1L);
        assertThat(byUnitAndDay.get("tasks null 2026-01-03")).containsEntry("files", 1L).containsEntry("rows_read", 2L)
                .containsEntry("quarantined_missing", 1L);
        // rows without a source file are counted, the missing file is not
        assertThat(byUnitAndDay.get("tasks U2 2026-01-04")).containsEntry("files", 0L).containsEntry("rows_read", 3L)
                .containsEntry("accepted", 2L).containsEntry("quarantined", 1L);
    }

    /** The independent reading: every accepted and quarantined row joined to the late files, counted per day at once. */
    private static Dataset<Row> countingEveryRow(Dataset<Row> accepted, Dataset<Row> quarantine, Dataset<Row> ledger) {
        Dataset<Row> late = ledger.filter(col("status").equalTo("late"))
                .select(col("source"), col("data_date"), col("file_name").as("source_file"), lit(true).as("_late"));
        List<Column> aggregates = new ArrayList<>(List.of(countDistinct(col("source_file")).as("files"), count(lit(1)).as("rows_read"),
                sum(when(col("reason_code").isNull(), 1L).otherwise(0L)).as("accepted"),
                sum(when(col("reason_code").isNotNull(), 1L).otherwise(0L)).as("quarantined"),
                sum(when(col("reason_code").eqNullSafe(Reason.DUPLICATE), 1L).otherwise(0L)).as("duplicates_dropped"),
                sum(when(col("_late").isNotNull(), 1L).otherwise(0L)).as("late_rows")));
        Reason.ALL.forEach(reason -> aggregates.add(sum(when(col("reason_code").eqNullSafe(reason), 1L).otherwise(0L)).as("quarantined_" + reason)));
        return accepted.union(quarantine)
                .join(late, vn.provpulse.contract.JoinKeys.of("source", "data_date", "source_file"), "left")
                .groupBy(col("source"), col("unit_code"), col("data_date"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .select(lit(AS_OF).as("as_of_date"), col("*"), trunc(col("data_date"), "month").as("month"))
                .selectExpr(DataQuality.build(DataQuality.rowsPerFile(accepted, quarantine), ledger, AS_OF).columns());
    }
}
