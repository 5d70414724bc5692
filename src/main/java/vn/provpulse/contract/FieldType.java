package vn.provpulse.contract;

/** How a source field's text is parsed; each kind has its own quarantine reason. */
public enum FieldType {
    /** Free or coded text; trimmed, empty means absent. */
    TEXT,
    /** An ISO date, yyyy-mm-dd. */
    DATE,
    /** An ISO timestamp that must carry an offset (Z or ±hh:mm); its local date is derived. */
    TIMESTAMP,
    /** A deadline given as a date, or as a timestamp with offset whose local date is the deadline. */
    DEADLINE,
    /** A whole number. */
    INTEGER,
    /** A whole number 1..5. */
    SCORE
}
