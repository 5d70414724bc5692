package vn.provpulse.refine;

/** Columns that refine adds to the bronze columns. */
public final class SilverColumns {
    /** The unit a row reports under after the 2025 merges (successor roll-up). */
    public static final String CURRENT_UNIT_CODE = "current_unit_code";
    /** Tasks: coalesce(extended_due_date, due_date). */
    public static final String EFFECTIVE_DUE = "effective_due";
    /** Feedback: response_deadline, else local received date + the configured days. */
    public static final String DEADLINE = "deadline";
    /** Feedback: responded_at is present. */
    public static final String ANSWERED = "answered";

    private SilverColumns() {}
}
