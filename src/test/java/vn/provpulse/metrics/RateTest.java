package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateTest {
    @Test
    void rateIsTheNumeratorOverTheDenominatorAsAFraction() {
        assertThat(new Rate(2, 3).value()).isEqualTo(2.0 / 3.0);
        assertThat(new Rate(8, 10).value()).isEqualTo(0.8);
    }

    @Test
    void rateWithNothingAssessedHasNoValue() {
        assertThat(new Rate(0, 0).value()).isNull();
    }

    @Test
    void rateWithNothingOnTimeIsZeroNotMissing() {
        assertThat(new Rate(0, 5).value()).isEqualTo(0.0);
    }

    @Test
    void poolingAddsNumeratorsAndDenominatorsInsteadOfAveragingRates() {
        // 1/1 and 1/3 pool to 2/4 = 0.5; the mean of the two rates would be 2/3
        Rate pooled = new Rate(1, 1).plus(new Rate(1, 3));
        assertThat(pooled).isEqualTo(new Rate(2, 4));
        assertThat(pooled.value()).isEqualTo(0.5);
    }

    @Test
    void poolingNothingGivesNoValue() {
        assertThat(Rate.pooled(List.of())).isEqualTo(Rate.NONE);
        assertThat(Rate.pooled(List.of(new Rate(0, 0), new Rate(0, 0))).value()).isNull();
    }

    @Test
    void poolingAMonthWithoutDataKeepsTheOtherMonthsRate() {
        assertThat(Rate.pooled(List.of(new Rate(8, 10), Rate.NONE, new Rate(10, 10))).value()).isEqualTo(0.9);
    }
}
