package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.provpulse.contract.Reason;
import vn.provpulse.testing.SparkTestCase;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.provpulse.testing.Fixtures.date;
import static vn.provpulse.testing.Fixtures.rows;

class ActivityTableTest extends SparkTestCase {
    private static final LocalDate AS_OF = LocalDate.of(2026, 1, 5);
    private static final String SILVER = "unit_code string, current_unit_code string, data_date date, source_file string";
    private static final String QUARANTINE = "source string, unit_code string, data_date date, source_file string, reason_code string";
    private static final String LEDGER = "file string, source string, data_date date, file_name string, content_hash string, size_bytes bigint, "
            + "status string, rows_read bigint, first_seen_run_date date, duplicate_of string";

    private static Object[] silver(String unit, String current, String day, String file) {
        return new Object[] {unit, current, date(day), file};
    }

    /** U2 was merged into U1; U3 has a day with quarantined rows only; units deliveries are no activity. */
    private static final Object[][] TASKS = {silver("U1", "U1", "2026-01-01", "a.jsonl"), silver("U2", "U1", "2026-01-02", "b.jsonl"),
            silver("U3", "U3", "2026-01-01", "c.jsonl"), silver("U3", "U3", "2026-01-01", "c.jsonl")};
    private static final Object[][] FEEDBACK = {silver("U2", "U1", "2026-01-03", "f.csv"), silver("U1", "U1", "2026-01-03", "g.csv")};
    private static final Object[][] RATINGS = {silver("U3", "U3", "2026-01-04", "r.jsonl")};
    private static final Object[][] UNITS = {silver("U1", "U1", "2026-01-05", "units.csv")};

    @Test
    void theDaysWithAnAcceptedRowPerCurrentUnitAndSourceAreThoseOfTheSilverRows() {
        Dataset<Row> tasks = rows(spark, SILVER, TASKS);
        Dataset<Row> feedback = rows(spark, SILVER, FEEDBACK);
        Dataset<Row> ratings = rows(spark, SILVER, RATINGS);
        Dataset<Row> quarantine = rows(spark, QUARANTINE, new Object[] {"tasks", "U3", date("2026-01-02"), "d.jsonl", Reason.BAD_DATE},
                new Object[] {"ratings", "U9", date("2026-01-04"), "s.jsonl", Reason.UNKNOWN_UNIT});
        Dataset<Row> rowsPerFile = DataQuality.rowsPerFile(DataQuality.acceptedRows(rows(spark, SILVER, UNITS), tasks, feedback, ratings),
                quarantine);
        Dataset<Row> dataQuality = DataQuality.build(rowsPerFile, rows(spark, LEDGER), AS_OF);
        Dataset<Row> unitMap = rows(spark, "unit_code string, current_unit_code string",
                new Object[] {"U1", "U1"}, new Object[] {"U2", "U1"}, new Object[] {"U3", "U3"});
        List<String> expected = lines(daysOf(tasks, "tasks").union(daysOf(feedback, "feedback")).union(daysOf(ratings, "ratings")).distinct());

        Dataset<Row> activity = ActivityTable.build(DataQuality.acceptedDeliveries(rowsPerFile), unitMap);
        // an incremental night reads the earlier days' deliveries from the data_quality table written then
        Dataset<Row> activityFromTable = ActivityTable.build(DataQuality.acceptedDeliveriesOf(dataQuality), unitMap);

        assertThat(activity.columns()).containsExactly("current_unit_code", "source", "data_date");
        assertThat(lines(activity)).containsExactlyInAnyOrderElementsOf(expected).hasSize(5).doesNotContain("U3 tasks 2026-01-02");
        assertThat(lines(activityFromTable)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Dataset<Row> daysOf(Dataset<Row> silver, String source) {
        return silver.select(col("current_unit_code"), lit(source).as("source"), col("data_date"));
    }

    private static List<String> lines(Dataset<Row> activity) {
        return activity.collectAsList().stream().map(row -> row.get(0) + " " + row.get(1) + " " + row.get(2)).toList();
    }
}
