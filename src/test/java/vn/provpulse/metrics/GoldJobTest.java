package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoldJobTest {
    @Test
    void theWriteOrderNamesEveryGoldTableOnce() {
        assertThat(GoldJob.WRITE_ORDER).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(GoldJob.TABLES);
    }
}
