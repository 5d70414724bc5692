package vn.provpulse.storage;

import org.apache.spark.sql.Column;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;

import static org.apache.spark.sql.functions.date_format;

/**
 * The Hive-style month partitions of the append-only tables (bronze, quarantine, restricted):
 * {@code data_month=yyyy-MM}, the rows' own date a column of the files. Warehouses written before
 * 2026-12-02 hold a folder per day instead ({@code data_date=yyyy-MM-dd}, the date only in the
 * folder name); those folders are still read, never written.
 */
public final class MonthFolders {
    /** The partition column: the month of the row's data date, {@code yyyy-MM}. It lives only in folder names. */
    public static final String COLUMN = "data_month";

    private MonthFolders() {}

    /** The partition value of a date column's rows. */
    public static Column of(Column date) {
        return date_format(date, "yyyy-MM");
    }

    /** The month folders of these dates that exist in the table, sorted. */
    public static String[] existing(Path table, Collection<LocalDate> dates) {
        return existing(table, dates.stream().map(date -> COLUMN + "=" + YearMonth.from(date)));
    }

    /** The day folders of an earlier layout, {@code <dateColumn>=yyyy-MM-dd}, of these dates that exist in the table, sorted. */
    public static String[] existingDayFolders(Path table, String dateColumn, Collection<LocalDate> dates) {
        return existing(table, dates.stream().map(date -> dateColumn + "=" + date));
    }

    private static String[] existing(Path table, java.util.stream.Stream<String> folderNames) {
        return folderNames.distinct().map(table::resolve).filter(Files::isDirectory).sorted().map(Path::toString).toArray(String[]::new);
    }
}
