package vn.provpulse.metrics;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain form of "overdue and still open", as of 15 March 2026. */
class TaskRulesTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 15);
    private static final LocalDate DAY_BEFORE = LocalDate.of(2026, 3, 14);

    @Test
    void openTaskDueTheDayBeforeDIsOverdue() {
        assertThat(TaskRules.isOverdueOpen("open", DAY_BEFORE, AS_OF)).isTrue();
        assertThat(TaskRules.isOverdueOpen("in_progress", DAY_BEFORE, AS_OF)).isTrue();
    }

    @Test
    void openTaskDueOnDItselfIsNotYetOverdue() {
        assertThat(TaskRules.isOverdueOpen("open", AS_OF, AS_OF)).isFalse();
    }

    @Test
    void completedOrCancelledTaskIsNeverOverdue() {
        assertThat(TaskRules.isOverdueOpen("completed", DAY_BEFORE, AS_OF)).isFalse();
        assertThat(TaskRules.isOverdueOpen("cancelled", DAY_BEFORE, AS_OF)).isFalse();
    }

    @Test
    void taskWithoutADueDateOrStatusIsNotOverdue() {
        assertThat(TaskRules.isOverdueOpen("open", null, AS_OF)).isFalse();
        assertThat(TaskRules.isOverdueOpen(null, DAY_BEFORE, AS_OF)).isFalse();
    }
}
