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
