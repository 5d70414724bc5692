package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Lineage;
import vn.provpulse.contract.Ratings;
import vn.provpulse.contract.Tasks;
import vn.provpulse.refine.SilverColumns;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** The days on which each current unit delivered at least one accepted row of each activity source. */
public final class ActivityTable {
    public static final String SOURCE = "source";
    /** The activity sources a unit delivers daily. */
    public static final java.util.List<String> SOURCES = java.util.List.of(Tasks.SOURCE, Feedback.SOURCE, Ratings.SOURCE);

    private ActivityTable() {}

    public static Dataset<Row> build(Dataset<Row> taskHistory, Dataset<Row> feedbackHistory, Dataset<Row> ratings) {
        return days(taskHistory, Tasks.SOURCE).union(days(feedbackHistory, Feedback.SOURCE)).union(days(ratings, Ratings.SOURCE)).distinct();
    }

    private static Dataset<Row> days(Dataset<Row> rows, String source) {
        return rows.select(col(SilverColumns.CURRENT_UNIT_CODE), lit(source).as(SOURCE), col(Lineage.DATA_DATE));
    }
}
