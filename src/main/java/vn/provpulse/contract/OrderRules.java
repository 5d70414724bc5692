package vn.provpulse.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Reusable "impossible order" rules (docs/metrics.md, "Quarantine reasons"). */
final class OrderRules {
    private OrderRules() {}

    /** The later date must not be before the earlier one; absent values pass. The rejection names {@code field}. */
    static RowRule dateNotBefore(String laterDate, String earlierDate, String field, String meaning) {
        return row -> {
            LocalDate later = row.date(laterDate);
            LocalDate earlier = row.date(earlierDate);
            if (later != null && earlier != null && later.isBefore(earlier)) {
                return Optional.of(new Rejection(Reason.IMPOSSIBLE_ORDER, field,
                        meaning + " (" + later + " is before " + earlier + ")"));
            }
            return Optional.empty();
        };
    }

    static RowRule instantNotBefore(String later, String earlier, String meaning) {
        return row -> {
            Instant laterValue = row.instant(later);
            Instant earlierValue = row.instant(earlier);
            if (laterValue != null && earlierValue != null && laterValue.isBefore(earlierValue)) {
                return Optional.of(new Rejection(Reason.IMPOSSIBLE_ORDER, later,
                        meaning + " (" + laterValue + " is before " + earlierValue + ")"));
            }
            return Optional.empty();
        };
    }

    static RowRule requiredWhen(String field, String statusField, String status) {
        return row -> {
            if (status.equals(row.text(statusField)) && row.get(field) == null) {
                return Optional.of(new Rejection(Reason.MISSING, field, field + " is required when " + statusField + " is " + status));
            }
            return Optional.empty();
        };
    }
}
