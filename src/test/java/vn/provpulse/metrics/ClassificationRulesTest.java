package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;
import vn.provpulse.config.ProvPulseConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ClassificationRulesTest {
    /** Quota as many xuất sắc as tốt: the conditions alone decide. */
    private static final ProvPulseConfig.Classification NO_QUOTA = new ProvPulseConfig.Classification(90, 70, 50, 0.8, true, 1.0);
    private static final ProvPulseConfig.Classification DECREE_335 = new ProvPulseConfig.Classification(90, 70, 50, 0.8, true, 0.2);

    private static ClassificationRules.Candidate unit(String code, Double score, Double onTimeRate, long overdue) {
        return new ClassificationRules.Candidate(code, score, onTimeRate, overdue, "tasks 0/5");
    }

    private static Map<String, Band> bands(ProvPulseConfig.Classification rules, List<ClassificationRules.Candidate> candidates) {
        return new ClassificationRules(rules).classify(candidates).stream()
                .collect(Collectors.toMap(classified -> classified.candidate().unitCode(), ClassificationRules.Classified::band));
    }

    @Test
    void eachBandByScore() {
        Map<String, Band> bands = bands(NO_QUOTA, List.of(unit("U90", 90.0, 1.0, 0), unit("U89", 89.99, 1.0, 0),
                unit("U70", 70.0, 1.0, 0), unit("U50", 50.0, 1.0, 0), unit("U49", 49.99, 1.0, 0), unit("NONE", null, null, 0)));
        assertThat(bands).containsEntry("U90", Band.EXCELLENT).containsEntry("U89", Band.GOOD).containsEntry("U70", Band.GOOD)
                .containsEntry("U50", Band.COMPLETE).containsEntry("U49", Band.NOT_COMPLETE).containsEntry("NONE", Band.NOT_ENOUGH_DATA);
    }

    @Test
    void floatingPointNoiseDoesNotCostABand() {
        Map<String, Band> bands = bands(NO_QUOTA, List.of(unit("U", 89.99999999999999, 1.0, 0), unit("G", 75.0, 1.0, 0)));
        assertThat(bands).containsEntry("U", Band.EXCELLENT);
    }

    @Test
    void failingAConditionDropsExactlyOneBand() {
        Map<String, Band> bands = bands(NO_QUOTA, List.of(
                unit("LOW_ON_TIME", 95.0, 0.79, 0),
                unit("OVERDUE", 95.0, 0.9, 2),
                unit("BOTH", 95.0, 0.5, 3),
                unit("GOOD_LOW_ON_TIME", 75.0, 0.5, 0),
                unit("GOOD_WITH_OVERDUE", 75.0, 0.9, 4),
                unit("COMPLETE_LOW_ON_TIME", 60.0, 0.1, 9),
                unit("NO_TASKS", 95.0, null, 0)));
        assertThat(bands).containsEntry("LOW_ON_TIME", Band.GOOD).containsEntry("OVERDUE", Band.GOOD).containsEntry("BOTH", Band.GOOD)
                .containsEntry("GOOD_LOW_ON_TIME", Band.COMPLETE).containsEntry("GOOD_WITH_OVERDUE", Band.GOOD)
                .containsEntry("COMPLETE_LOW_ON_TIME", Band.COMPLETE).containsEntry("NO_TASKS", Band.GOOD);
    }

    @Test
    void quotaKeepsTwentyPercentOfGoodWithTheHighestScores() {
        List<ClassificationRules.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            candidates.add(unit("G" + i, 80.0, 0.9, 0));
        }
        candidates.add(unit("X91", 91.0, 0.9, 0));
        candidates.add(unit("X99", 99.0, 0.9, 0));
        candidates.add(unit("X95", 95.0, 0.9, 0));
        candidates.add(unit("X97", 97.0, 0.9, 0));
        // floor(20% × 10 tốt) = 2 xuất sắc kept
        Map<String, Band> bands = bands(DECREE_335, candidates);
        assertThat(bands).containsEntry("X99", Band.EXCELLENT).containsEntry("X97", Band.EXCELLENT)
                .containsEntry("X95", Band.GOOD).containsEntry("X91", Band.GOOD);
    }

    @Test
    void quotaCountsUnitsThatDroppedToGoodByACondition() {
        List<ClassificationRules.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            candidates.add(unit("G" + i, 80.0, 0.9, 0));
        }
        candidates.add(unit("DROPPED", 95.0, 0.5, 0));
        candidates.add(unit("X", 93.0, 0.9, 0));
        // tốt after conditions: 4 + DROPPED = 5 → floor(1.0) = 1 xuất sắc
        assertThat(bands(DECREE_335, candidates)).containsEntry("X", Band.EXCELLENT).containsEntry("DROPPED", Band.GOOD);
    }

    @Test
    void reasonsExplainTheBand() {
        ClassificationRules.Classified classified = new ClassificationRules(NO_QUOTA).classify(List.of(unit("U", 95.0, 0.6, 1))).get(0);
        assertThat(String.join("; ", classified.reasons())).contains("60%").contains("below 80%").contains("1 task(s) overdue");
    }
}
