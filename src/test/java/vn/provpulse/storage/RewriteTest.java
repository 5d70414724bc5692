package vn.provpulse.storage;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RewriteTest {
    @Test
    void anEntireTableRewriteTakesRowsOfAnySlice() {
        assertThat(Rewrite.entireTable().replaces("2026-03")).isTrue();
        assertThat(Rewrite.entireTable().slices()).isEmpty();
    }

    @Test
    void aSliceRewriteTakesRowsOfItsSlicesOnly() {
        Rewrite rewrite = Rewrite.only(Set.of("2026-04", "2026-03"));
        assertThat(rewrite.replaces("2026-03")).isTrue();
        assertThat(rewrite.replaces("2026-05")).isFalse();
        assertThat(rewrite.slices()).containsExactly("2026-03", "2026-04");
        assertThat(rewrite.wholeTable()).isFalse();
    }

    @Test
    void anEntireTableRewriteNamesNoSlice() {
        assertThatThrownBy(() -> new Rewrite(true, Set.of("2026-03"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot plan a rewrite: a whole-table rewrite names no slices (got [2026-03])");
    }
}
