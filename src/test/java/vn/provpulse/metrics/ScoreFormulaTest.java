package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;
import vn.provpulse.config.ProvPulseConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The plain form of the score; weights 50/20/30 and minimums 5/5/30, as shipped. */
class ScoreFormulaTest {
    private static final ProvPulseConfig.Scoring SCORING = new ProvPulseConfig.Scoring(
            new ProvPulseConfig.Components(50, 20, 30), new ProvPulseConfig.Components(5, 5, 30));

    private static ScoreFormula.Sums sums(long onTime, long dueTasks, long answeredOnTime, long assessed, long satisfied, long ratings) {
        return new ScoreFormula.Sums(new Rate(onTime, dueTasks), new Rate(answeredOnTime, assessed), new Rate(satisfied, ratings));
    }

    @Test
    void everyComponentAtItsMinimumCountsWithItsWeight() {
        // 100 × (50 × 4/5 + 20 × 5/5 + 30 × 15/30) / 100 = 40 + 20 + 15
        ScoreFormula.Sums sums = sums(4, 5, 5, 5, 15, 30);
        assertThat(ScoreFormula.score(sums, SCORING)).isCloseTo(75.0, within(1e-12));
        assertThat(ScoreFormula.components(sums, SCORING)).isEqualTo("tasks,feedback,ratings");
    }

    @Test
    void componentBelowItsMinimumIsLeftOutOfTheWeightedMean() {
        // feedback 4 < 5 is left out: 100 × (50 × 0.8 + 30 × 0.75) / (50 + 30) = 6250 / 80
        ScoreFormula.Sums sums = sums(8, 10, 0, 4, 30, 40);
        assertThat(ScoreFormula.score(sums, SCORING)).isCloseTo(78.125, within(1e-12));
        assertThat(ScoreFormula.components(sums, SCORING)).isEqualTo("tasks,ratings");
        assertThat(ScoreFormula.reason(sums, SCORING)).isEqualTo("components used: tasks,ratings");
    }

    @Test
    void componentWithNothingAssessedIsLeftOutEvenWithAZeroMinimum() {
        ProvPulseConfig.Scoring noMinimums = new ProvPulseConfig.Scoring(SCORING.weights(), new ProvPulseConfig.Components(0, 0, 0));
        // tasks only: 100 × 50 × 0.5 / 50
        assertThat(ScoreFormula.score(sums(1, 2, 0, 0, 0, 0), noMinimums)).isCloseTo(50.0, within(1e-12));
        assertThat(ScoreFormula.components(sums(1, 2, 0, 0, 0, 0), noMinimums)).isEqualTo("tasks");
    }

    @Test
    void unitUnderEveryMinimumHasNoScoreAndSaysWhatIsMissing() {
        ScoreFormula.Sums sums = sums(4, 4, 0, 0, 10, 10);
        assertThat(ScoreFormula.score(sums, SCORING)).isNull();
        assertThat(ScoreFormula.components(sums, SCORING)).isEmpty();
        assertThat(ScoreFormula.reason(sums, SCORING))
                .isEqualTo("not enough data: tasks 4/5, feedback 0/5, ratings 10/30 (assessed/minimum)");
    }

    @Test
    void yearToDatePoolsTheMonthsSumsBeforeScoring() {
        // January 8/10, 0/4, 30/40 and February 10/10, 5/5, none: 18/20, 5/9, 30/40
        // → 100 × (50 × 0.9 + 20 × 5/9 + 30 × 0.75) / 100 = 45 + 100/9 + 22.5
        ScoreFormula.Sums yearToDate = sums(8, 10, 0, 4, 30, 40).plus(sums(10, 10, 5, 5, 0, 0));
        assertThat(yearToDate).isEqualTo(sums(18, 20, 5, 9, 30, 40));
        assertThat(ScoreFormula.score(yearToDate, SCORING)).isCloseTo(67.5 + 100.0 / 9, within(1e-12));
    }

    @Test
    void fractionalMinimumIsShownAsWritten() {
        ProvPulseConfig.Scoring fractional = new ProvPulseConfig.Scoring(SCORING.weights(), new ProvPulseConfig.Components(2.5, 5, 30));
        assertThat(ScoreFormula.reason(sums(0, 2, 0, 0, 0, 0), fractional))
                .isEqualTo("not enough data: tasks 2/2.5, feedback 0/5, ratings 0/30 (assessed/minimum)");
    }

    @Test
    void scorePoolsEachComponentsDenominatorAndNumerator() {
        assertThat(ScoreFormula.COUNTS).containsExactly("due_tasks", "on_time", "answer_assessed", "answered_on_time", "ratings", "satisfied_ratings");
    }
}
