package vn.provpulse.generate;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the five "tô hồng" patterns are planted: one unit each, in the first whole month that
 * starts at least 40 days after the range begins (so every unit has history before it).
 */
final class Plan {
    static final String RETROACTIVE_UNIT = "SO03";
    static final String BACKDATED_UNIT = "SO04";
    static final String SPIKE_UNIT = "SO05";
    static final String BURST_UNIT = "DV05";
    static final String SILENT_UNIT = "XA10";
    static final int SILENT_FROM_DAY = 9;
    static final int SILENT_DAYS = 5;

    private final LocalDate month;

    private Plan(LocalDate month) {
        this.month = month;
    }

    static Plan choose(LocalDate from, LocalDate to) {
        LocalDate month = from.plusDays(40).withDayOfMonth(1).plusMonths(1);
        return new Plan(month.plusMonths(1).minusDays(1).isAfter(to) ? null : month);
    }

    boolean enabled() {
        return month != null;
    }

    LocalDate month() {
        return month;
    }

    /** Tết Nguyên đán holidays (a week around the lunar new year), when work and delivery dip. */
    static boolean isTet(LocalDate day) {
        MonthDay start = switch (day.getYear()) {
            case 2025 -> MonthDay.of(1, 25);
            case 2026 -> MonthDay.of(2, 14);
            case 2027 -> MonthDay.of(2, 3);
            default -> MonthDay.of(2, 1);
        };
        LocalDate first = start.atYear(day.getYear());
        return !day.isBefore(first) && day.isBefore(first.plusDays(9));
    }

    /** The spike unit closes everything exactly on its due date during the planted month. */
    LocalDate spikeCompletion(String unitCode, LocalDate completed, LocalDate effectiveDue) {
        if (!enabled() || !unitCode.equals(SPIKE_UNIT) || !inMonth(completed) || effectiveDue.isBefore(month)) {
            return completed;
        }
        return effectiveDue;
    }

    /** Drops every row the silent unit would have delivered on its silent days. */
    void silence(Map<String, List<ProvinceGenerator.GeneratedRow>> rowsByFile) {
        if (!enabled()) {
            return;
        }
        for (LocalDate day : silentDays()) {
            rowsByFile.keySet().removeIf(key -> key.endsWith("|" + day + "|" + SILENT_UNIT));
        }
    }

    List<LocalDate> silentDays() {
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < SILENT_DAYS; i++) {
            days.add(month.plusDays(SILENT_FROM_DAY + i));
        }
        return days;
    }

    private boolean inMonth(LocalDate date) {
        return !date.isBefore(month) && date.isBefore(month.plusMonths(1));
    }

    List<Manifest.PlantedFlag> planted() {
        if (!enabled()) {
            return List.of();
        }
        return List.of(
                new Manifest.PlantedFlag(RETROACTIVE_UNIT, month, "retroactive_extension"),
                new Manifest.PlantedFlag(BACKDATED_UNIT, month, "backdated_completion"),
                new Manifest.PlantedFlag(SPIKE_UNIT, month, "deadline_day_spike"),
                new Manifest.PlantedFlag(BURST_UNIT, month, "rating_burst"),
                new Manifest.PlantedFlag(SILENT_UNIT, month, "silent_unit"));
    }
}
