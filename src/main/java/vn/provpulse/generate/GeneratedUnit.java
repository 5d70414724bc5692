package vn.provpulse.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * A synthetic unit: its code, name, type, performance tier (0 good, 1 average, 2 chronically late)
 * and head versions; merged units carry a successor and an end date.
 */
record GeneratedUnit(String code, String name, String type, int tier, List<Head> heads, String successorCode, LocalDate validTo) {

    /** One head of unit, in office from a date. */
    record Head(String name, String title, LocalDate validFrom) {}

    boolean merged() {
        return successorCode != null;
    }
}
