package vn.provpulse.contract;

import java.time.LocalDate;

/**
 * The plausible range of every date a source may carry: years 2000 to 2100. A date outside it
 * (a typo such as +99999-01-01, or 0026-03-01) is quarantined rather than becoming a month of gold.
 */
public final class ValueRanges {
    public static final int EARLIEST_YEAR = 2000;
    public static final int LATEST_YEAR = 2100;
    public static final String DESCRIPTION = "a date in the years " + EARLIEST_YEAR + "-" + LATEST_YEAR;

    private ValueRanges() {}

    public static boolean plausible(LocalDate date) {
        return date.getYear() >= EARLIEST_YEAR && date.getYear() <= LATEST_YEAR;
    }
}
