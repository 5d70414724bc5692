package vn.provpulse.contract;

import java.util.List;

/** Quarantine reason codes. A row's reason is the code, then ":field" where a field is at fault. */
public final class Reason {
    public static final String MALFORMED_CSV = "malformed_csv";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String BAD_ENCODING = "bad_encoding";
    public static final String MISSING = "missing";
    public static final String BAD_DATE = "bad_date";
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    public static final String BAD_INTEGER = "bad_integer";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String BAD_VALUE = "bad_value";
    public static final String SCORE_OUT_OF_RANGE = "score_out_of_range";
    public static final String IMPOSSIBLE_ORDER = "impossible_order";
    public static final String UNKNOWN_UNIT = "unknown_unit";
    public static final String DUPLICATE = "duplicate";

    /** Every code, in the order data-quality columns show them. */
    public static final List<String> ALL = List.of(MALFORMED_CSV, MALFORMED_JSON, BAD_ENCODING, MISSING, BAD_DATE,
            BAD_TIMESTAMP, BAD_INTEGER, WRONG_TYPE, BAD_VALUE, SCORE_OUT_OF_RANGE, IMPOSSIBLE_ORDER, UNKNOWN_UNIT, DUPLICATE);

    private Reason() {}

    public static String withField(String code, String field) {
        return field == null ? code : code + ":" + field;
    }
}
