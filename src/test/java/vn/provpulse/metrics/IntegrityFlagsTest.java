package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.testing.SparkTestCase;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.provpulse.testing.Fixtures.collect;
import static vn.provpulse.testing.Fixtures.rows;

class IntegrityFlagsTest extends SparkTestCase {
    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final ProvPulseConfig.Integrity THRESHOLDS = new ProvPulseConfig.Integrity(3, 0.6, 10, 20, 10, 5, 3);



    @Test
    void silenceCountsFromTheUnitsFirstExportForEverySource() {
        List<Object[]> activity = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            LocalDate date = JAN_1.plusDays(day);
            if (day < 3 || day > 5) {
                activity.add(new Object[] {"A", "tasks", date});
            }
            activity.add(new Object[] {"A", "feedback", date});
            if (day >= 7) {
                activity.add(new Object[] {"A", "ratings", date});
            }
            if (day != 4 && day != 5) {
                activity.add(new Object[] {"B", "tasks", date});
            }
            activity.add(new Object[] {"B", "feedback", date});
            activity.add(new Object[] {"B", "ratings", date});
        }
        List<Map<String, Object>> flags = collect(IntegrityFlags.silentUnits(
                rows(spark, "current_unit_code string, source string, data_date date", activity.toArray(Object[][]::new)), 3, JAN_1.plusDays(9)));
        // A: tasks silent Jan 4-6 (3 days), ratings silent Jan 1-7 (started late); B: a 2-day gap is not silence
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0)).containsEntry("current_unit_code", "A").containsEntry("items", 2L);
        assertThat((String) flags.get(0).get("evidence")).contains("tasks 2026-01-04..2026-01-06 (3 days)").contains("ratings 2026-01-01..2026-01-07 (7 days)");
    }

    /**
     * Seeded random activity (sparse and dense units, a source never delivered, days repeated by merged units, runs across
     * month ends and up to D) against the silent runs found by walking every day from each unit's first export to D.
     */
    @Test
    void silentRunsAreEveryMaximalRunOfDaysWithoutAnAcceptedRowFromTheFirstExportToD() {
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        java.util.Random random = new java.util.Random(20261203);
        List<Object[]> activity = new ArrayList<>();
        Map<String, java.util.Set<String>> activeDays = new java.util.HashMap<>();
        for (int unit = 0; unit < 6; unit++) {
            String code = "U" + unit;
            LocalDate start = JAN_1.plusDays(random.nextInt(20));
            double share = unit < 2 ? 0.25 : 0.55 + 0.08 * unit;
            for (LocalDate day = start; !day.isAfter(asOf); day = day.plusDays(1)) {
                for (String source : List.of("tasks", "feedback", "ratings")) {
                    boolean delivered = (day.equals(start) && source.equals("feedback")) || random.nextDouble() < share;
                    if (delivered && !(unit == 5 && source.equals("ratings"))) {
                        activity.add(new Object[] {code, source, day});
                        activeDays.computeIfAbsent(code, key -> new java.util.HashSet<>()).add(source + day);
                        if (random.nextInt(10) == 0) {
                            activity.add(new Object[] {code, source, day});
                        }
                    }
                }
            }
        }
        Map<String, List<String>> expected = new java.util.TreeMap<>();
        for (String code : activeDays.keySet()) {
            LocalDate first = activity.stream().filter(row -> row[0].equals(code)).map(row -> (LocalDate) row[2]).min(LocalDate::compareTo).orElseThrow();
            for (String source : List.of("tasks", "feedback", "ratings")) {
                LocalDate runStart = null;
                for (LocalDate day = first; !day.isAfter(asOf.plusDays(1)); day = day.plusDays(1)) {
                    boolean silent = !day.isAfter(asOf) && !activeDays.get(code).contains(source + day);
                    if (silent && runStart == null) {
                        runStart = day;
                    }
                    if (!silent && runStart != null) {
                        LocalDate runEnd = day.minusDays(1);
                        long length = java.time.temporal.ChronoUnit.DAYS.between(runStart, day);
                        for (LocalDate month = runStart.withDayOfMonth(1); length >= 3 && !month.isAfter(runEnd); month = month.plusMonths(1)) {
                            expected.computeIfAbsent(code + " " + month, key -> new ArrayList<>()).add(source + " " + runStart + ".." + runEnd + " (" + length + " days)");
                        }
                        runStart = null;
                    }
                }
            }
        }
        Map<String, String> expectedEvidence = new java.util.TreeMap<>();
        expected.forEach((key, runs) -> {
            List<String> sorted = runs.stream().sorted().toList();
            expectedEvidence.put(key, sorted.size() + " silent run(s) with no accepted row: " + String.join("; ", sorted.subList(0, Math.min(10, sorted.size())))
                    + (sorted.size() > 10 ? "; …" : ""));
        });

        Map<String, String> evidence = new java.util.TreeMap<>();
        for (Map<String, Object> flag : collect(IntegrityFlags.silentUnits(
                rows(spark, "current_unit_code string, source string, data_date date", activity.toArray(Object[][]::new)), 3, asOf))) {
            evidence.put(flag.get("current_unit_code") + " " + flag.get("month"), (String) flag.get("evidence"));
            assertThat(flag.get("items")).isEqualTo((long) expected.get(flag.get("current_unit_code") + " " + flag.get("month")).size());
        }
        assertThat(evidence).isEqualTo(expectedEvidence);
        assertThat(expectedEvidence.values()).anyMatch(text -> text.endsWith("…")).anyMatch(text -> text.contains("ratings 2026-0"))
                .anyMatch(text -> text.contains("..2026-03-10"));
        assertThat(expectedEvidence.keySet()).anyMatch(key -> key.startsWith("U5 "));
    }

    @Test
    void twentyTopScoresWithinTenMinutesIsABurstAndNineteenIsNot() {
        List<Object[]> ratings = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2026, 2, 1, 9, 0);
        for (int i = 0; i < 20; i++) {
            ratings.add(new Object[] {"R" + i, "BURST", "kiosk", 5, start.plusSeconds(i * 31L).toInstant(ZoneOffset.ofHours(7)), start.toLocalDate()});
        }
        for (int i = 0; i < 19; i++) {
            ratings.add(new Object[] {"S" + i, "CALM", "kiosk", 5, start.plusSeconds(i * 31L).toInstant(ZoneOffset.ofHours(7)), start.toLocalDate()});
        }
        ratings.add(new Object[] {"S19", "CALM", "kiosk", 5, start.plusMinutes(10).plusSeconds(1).toInstant(ZoneOffset.ofHours(7)), start.toLocalDate()});
        List<Map<String, Object>> flags = collect(IntegrityFlags.ratingBursts(rows(spark,
                "rating_id string, current_unit_code string, channel string, score int, rated_at timestamp, rated_date date",
                ratings.toArray(Object[][]::new)), THRESHOLDS));
        assertThat(flags).extracting(flag -> flag.get("current_unit_code")).containsExactly("BURST");
        assertThat(flags.get(0)).containsEntry("month", LocalDate.of(2026, 2, 1));
    }
}
