package vn.provpulse.refine;

import org.apache.spark.sql.Column;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.date_format;

/**
 * Silver tables are stored in month slices (one folder and one file per month), so that a night
 * rewrites only the months its data touches: history tables by month of data date, task_latest by
 * month of effective_due, feedback_latest by month of received date, ratings by month of data date.
 */
public final class Slices {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM");

    private Slices() {}

    /** The slice (month) name of a date column: {@code 2026-03}. */
    public static Column monthOf(Column date) {
        return date_format(date, "yyyy-MM");
    }

    public static String name(LocalDate date) {
        return date.format(NAME);
    }

    public static Set<String> names(Collection<LocalDate> dates) {
        Set<String> names = new TreeSet<>();
        dates.forEach(date -> names.add(name(date)));
        return names;
    }

    /** The first day of every month from the month of {@code from} to the month of {@code to}. */
    public static Set<LocalDate> months(LocalDate from, LocalDate to) {
        Set<LocalDate> months = new TreeSet<>();
        for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }
}
