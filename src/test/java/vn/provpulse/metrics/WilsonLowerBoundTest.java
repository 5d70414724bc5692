package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The plain form of csat_lower95, z = 1.96 (z² = 3.8416). */
class WilsonLowerBoundTest {
    @Test
    void allSatisfiedOutOfTenIsTenOverTenPlusZSquared() {
        // p = 1: centre 1 + z²/20, margin z·√(z²/400) = z²/20, so (1) / (1 + z²/10) = 10 / 13.8416
        assertThat(UnitMonthRatings.wilsonLowerBound(10, 10)).isCloseTo(10 / 13.8416, within(1e-12));
    }

    @Test
    void noneSatisfiedHasALowerBoundOfZero() {
        // p = 0: centre and margin are both z²/20
        assertThat(UnitMonthRatings.wilsonLowerBound(0, 10)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void halfSatisfiedOutOfFourHundred() {
        // p = 0.5, n = 400: centre 0.5 + 3.8416/800 = 0.504802, margin 1.96 × √(0.000625 + 3.8416/640000) = 1.96 × √0.000631 = 0.0492347…
        // (0.504802 − 0.0492347) / (1 + 3.8416/400) = 0.4555673 / 1.009604 = 0.451234…
        assertThat(UnitMonthRatings.wilsonLowerBound(200, 400)).isCloseTo(0.451234, within(1e-6));
    }

    @Test
    void noRatingsHasNoBound() {
        assertThat(UnitMonthRatings.wilsonLowerBound(0, 0)).isNull();
    }
}
