package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import vn.provpulse.refine.Slices;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static vn.provpulse.metrics.GoldColumns.MONTH;

/**
 * docs/metrics.md, "No month that has not begun": monthly rows stop at the month of D. A month that has not begun has no
 * row in any monthly table, scorecard or trend; a task due after D's month, even one completed
 * early, counts from its own month on.
 */
public final class MonthsBegun {
    private MonthsBegun() {}

    /** The last month with rows as of D: the first day of D's month. */
    public static LocalDate lastMonth(LocalDate asOf) {
        return asOf.withDayOfMonth(1);
    }

    /** Keeps the rows whose {@code month} column has begun by D. */
    public static Column filter(LocalDate asOf) {
        return col(MONTH).leq(lit(lastMonth(asOf)));
    }

    /** The months of {@code months} that have begun by D (first days of months). */
    public static Set<LocalDate> of(Set<LocalDate> months, LocalDate asOf) {
        Set<LocalDate> begun = new TreeSet<>(months);
        begun.removeIf(month -> month.isAfter(lastMonth(asOf)));
        return begun;
    }

    /** The months after the month of {@code since}, up to the month of D: none had a row as of {@code since}. */
    public static Set<LocalDate> after(LocalDate since, LocalDate asOf) {
        return Slices.months(lastMonth(since).plusMonths(1), asOf);
    }
}
