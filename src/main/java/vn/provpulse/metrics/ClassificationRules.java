package vn.provpulse.metrics;

import vn.provpulse.config.ProvPulseConfig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Annual classification of units (docs/metrics.md, gold.unit_classification): band by the year-to-date score at D's month, the extra
 * conditions (each failure drops exactly one band), then the province-wide quota of xuất sắc.
 * Plain Java: the whole province is about a hundred rows.
 */
public final class ClassificationRules {
    /** Scores and rates are compared after rounding away floating-point noise (90 is 90, not 89.99999999999999). */
    private static final int COMPARISON_SCALE = 9;

    private final ProvPulseConfig.Classification rules;

    public ClassificationRules(ProvPulseConfig.Classification rules) {
        this.rules = requireNonNull(rules, "rules is null");
    }

    public List<Classified> classify(List<Candidate> candidates) {
        Map<String, Classified> byUnit = new TreeMap<>();
        for (Candidate candidate : candidates) {
            byUnit.put(candidate.unitCode(), withConditions(candidate));
        }
        applyQuota(byUnit);
        return List.copyOf(byUnit.values());
    }

    private Classified withConditions(Candidate candidate) {
        List<String> reasons = new ArrayList<>();
        if (candidate.score() == null) {
            reasons.add("no score: " + candidate.scoreReason());
            return new Classified(candidate, Band.NOT_ENOUGH_DATA, Band.NOT_ENOUGH_DATA, reasons);
        }
        Band byScore = bandOf(candidate.score());
        reasons.add(String.format("year-to-date score %.2f → %s", candidate.score(), byScore.label()));
        Band band = byScore;
        if (byScore == Band.EXCELLENT || byScore == Band.GOOD) {
            List<String> failed = failedConditions(candidate, byScore);
            if (!failed.isEmpty()) {
                band = byScore.oneLower();
                reasons.add("drops one band to " + band.label() + ": " + String.join(" and ", failed));
            }
        }
        return new Classified(candidate, byScore, band, reasons);
    }

    private List<String> failedConditions(Candidate candidate, Band byScore) {
        List<String> failed = new ArrayList<>();
        Double onTimeRate = candidate.ytdOnTimeRate();
        if (onTimeRate == null) {
            failed.add("no task was due this year, so the on-time rate ≥ " + percent(rules.minYtdOnTimeRate()) + " cannot be shown");
        }
        else if (rounded(onTimeRate).compareTo(rounded(rules.minYtdOnTimeRate())) < 0) {
            failed.add("year-to-date on-time rate " + percent(onTimeRate) + " is below " + percent(rules.minYtdOnTimeRate()));
        }
        if (byScore == Band.EXCELLENT && rules.excellentRequiresNoOverdueTask() && candidate.overdueOpenTasks() > 0) {
            failed.add(candidate.overdueOpenTasks() + " task(s) overdue and still open");
        }
        return failed;
    }

    private void applyQuota(Map<String, Classified> byUnit) {
        long good = byUnit.values().stream().filter(classified -> classified.band() == Band.GOOD).count();
        long allowed = BigDecimal.valueOf(good).multiply(BigDecimal.valueOf(rules.excellentQuotaOfGood()))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
        List<Classified> excellent = byUnit.values().stream()
                .filter(classified -> classified.band() == Band.EXCELLENT)
                .sorted(Comparator.comparing((Classified classified) -> classified.candidate().score()).reversed()
                        .thenComparing(classified -> classified.candidate().unitCode()))
                .toList();
        for (int i = (int) Math.min(allowed, excellent.size()); i < excellent.size(); i++) {
            Classified over = excellent.get(i);
            List<String> reasons = new ArrayList<>(over.reasons());
            reasons.add("quota: at most " + allowed + " xuất sắc (" + percent(rules.excellentQuotaOfGood()) + " of " + good
                    + " rated tốt, Decree 335/2025); ranked " + (i + 1) + " by score → " + Band.GOOD.label());
            byUnit.put(over.candidate().unitCode(), new Classified(over.candidate(), over.bandByScore(), Band.GOOD, reasons));
        }
    }

    Band bandOf(double score) {
        BigDecimal value = rounded(score);
        if (value.compareTo(rounded(rules.excellentMinScore())) >= 0) {
            return Band.EXCELLENT;
        }
        if (value.compareTo(rounded(rules.goodMinScore())) >= 0) {
            return Band.GOOD;
        }
        if (value.compareTo(rounded(rules.completeMinScore())) >= 0) {
            return Band.COMPLETE;
        }
        return Band.NOT_COMPLETE;
    }

    private static BigDecimal rounded(double value) {
        return BigDecimal.valueOf(value).setScale(COMPARISON_SCALE, RoundingMode.HALF_UP);
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** One unit's year-to-date figures at D's month. */
    public record Candidate(String unitCode, Double score, Double ytdOnTimeRate, long overdueOpenTasks, String scoreReason) {
        public Candidate {
            requireNonNull(unitCode, "unitCode is null");
        }
    }

    /** A unit's band, the band its score alone gave, and why. */
    public record Classified(Candidate candidate, Band bandByScore, Band band, List<String> reasons) {
        public Classified {
            reasons = List.copyOf(reasons);
        }
    }
}
