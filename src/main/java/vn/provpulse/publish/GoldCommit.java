package vn.provpulse.publish;

import org.apache.spark.sql.SparkSession;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.metrics.GoldColumns;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.metrics.GoldState;
import vn.provpulse.refine.SilverState;
import vn.provpulse.storage.ParquetFooter;
import vn.provpulse.storage.TableFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Publishes only gold that is one complete commit of one run: state/gold.json is written after the
 * last table is swapped in and removed before the first, state/silver.json likewise for silver, so
 * both must exist, agree on the date, and every gold table's files must say that date.
 */
public final class GoldCommit {
    private GoldCommit() {}

    /** Throws with a one-line reason when the warehouse's gold and silver are not one complete run's. */
    public static void requireComplete(SparkSession spark, WarehouseLayout warehouse) {
        reasonIncomplete(spark, warehouse).ifPresent(reason -> {
            throw new IllegalStateException("Cannot publish " + warehouse.root() + ": " + reason
                    + " (a run did not finish; run provpulse nightly again for that date, then publish)");
        });
    }

    /** Why the warehouse's gold is not one complete commit; empty when it is. */
    public static Optional<String> reasonIncomplete(SparkSession spark, WarehouseLayout warehouse) {
        Optional<GoldState> gold = GoldState.read(warehouse.goldState());
        if (gold.isEmpty()) {
            return Optional.of("gold was not completely written (" + warehouse.goldState() + " is missing)");
        }
        LocalDate asOf = gold.get().asOf();
        Optional<SilverState> silver = SilverState.read(warehouse.silverState());
        if (silver.isEmpty() || !silver.get().asOf().equals(asOf)) {
            return Optional.of("silver is " + silver.map(state -> "as of " + state.asOf()).orElse("not completely written")
                    + " while gold is as of " + asOf);
        }
        for (String table : GoldJob.TABLES) {
            Optional<String> reason = tableReason(spark, warehouse.gold(table), table, asOf);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> tableReason(SparkSession spark, Path folder, String table, LocalDate asOf) {
        if (!Files.isDirectory(folder) || Files.exists(folder.resolveSibling(table + ".old"))) {
            return Optional.of("gold." + table + " is missing or was left mid-swap");
        }
        List<Path> files = Publisher.parquetFiles(folder);
        // the footers' statistics settle a table written as of one date without reading it; any doubt reads the rows
        if (files.stream().allMatch(file -> ParquetFooter.provesOnlyDate(file, GoldColumns.AS_OF_DATE, asOf))) {
            return Optional.empty();
        }
        List<Object> otherDates = TableFiles.readTable(spark, folder)
                .filter(col(GoldColumns.AS_OF_DATE).isNull().or(col(GoldColumns.AS_OF_DATE).notEqual(lit(asOf))))
                .select(GoldColumns.AS_OF_DATE).distinct().limit(1).collectAsList().stream().map(row -> row.get(0)).toList();
        if (!otherDates.isEmpty()) {
            return Optional.of("gold." + table + " is as of " + otherDates.get(0) + " while state/gold.json says " + asOf);
        }
        return Optional.empty();
    }
}
