package vn.provpulse.contract;

import java.util.List;

import static vn.provpulse.contract.Field.optional;
import static vn.provpulse.contract.Field.required;

/** feedback (phản ánh, kiến nghị): one record per item state (CSV, may carry BOM, CRLF, quoted newlines). */
public final class Feedback {
    public static final String SOURCE = "feedback";
    public static final String FEEDBACK_ID = "feedback_id";
    public static final String UNIT_CODE = "unit_code";
    public static final String CHANNEL = "channel";
    public static final String TOPIC = "topic";
    public static final String RECEIVED_AT = "received_at";
    public static final String RECEIVED_DATE = "received_date";
    public static final String RESPONSE_DEADLINE = "response_deadline";
    public static final String RESPONDED_AT = "responded_at";
    public static final String RESPONDED_DATE = "responded_date";
    public static final String CLOSED_AT = "closed_at";
    public static final String STATUS = "status";
    public static final String CITIZEN_SATISFIED = "citizen_satisfied";
    public static final String CITIZEN_NAME = "citizen_name";
    public static final String CITIZEN_PHONE = "citizen_phone";
    public static final String CITIZEN_ID_NUMBER = "citizen_id_number";
    public static final String CONTENT = "content";
    /** Keyed pseudonym of the citizen (HMAC-SHA256), replacing name, phone and ID number. */
    public static final String CITIZEN_KEY = "citizen_key";
    /** Keyed fingerprint of the whole delivered row: the duplicate key of feedback. */
    public static final String ROW_FINGERPRINT = "row_fingerprint";

    public static final String STATUS_OUT_OF_SCOPE = "out_of_scope";

    public static final SourceContract CONTRACT = new SourceContract(
            SOURCE,
            SourceFormat.CSV,
            List.of(
                    required(FEEDBACK_ID, FieldType.TEXT),
                    required(UNIT_CODE, FieldType.TEXT),
                    optional(CHANNEL, FieldType.TEXT).oneOf("portal", "hotline", "app", "in_person", "mail"),
                    optional(TOPIC, FieldType.TEXT),
                    required(RECEIVED_AT, FieldType.TIMESTAMP).asEvent(),
                    optional(RESPONSE_DEADLINE, FieldType.DEADLINE),
                    optional(RESPONDED_AT, FieldType.TIMESTAMP).asEvent(),
                    optional(CLOSED_AT, FieldType.TIMESTAMP).asEvent(),
                    required(STATUS, FieldType.TEXT).oneOf("received", "processing", "responded", "closed", STATUS_OUT_OF_SCOPE),
                    optional(CITIZEN_SATISFIED, FieldType.TEXT).oneOf("yes", "no"),
                    optional(CITIZEN_NAME, FieldType.TEXT).withPrivacy(Privacy.IDENTITY),
                    optional(CITIZEN_PHONE, FieldType.TEXT).withPrivacy(Privacy.IDENTITY),
                    optional(CITIZEN_ID_NUMBER, FieldType.TEXT).withPrivacy(Privacy.IDENTITY),
                    optional(CONTENT, FieldType.TEXT).withPrivacy(Privacy.RESTRICTED)),
            List.of(
                    Feedback::checkIdNumber,
                    OrderRules.instantNotBefore(RESPONDED_AT, RECEIVED_AT, "answered before received"),
                    OrderRules.instantNotBefore(CLOSED_AT, RECEIVED_AT, "closed before received")),
            List.of(ROW_FINGERPRINT),
            true);

    private Feedback() {}

    private static java.util.Optional<Rejection> checkIdNumber(ParsedValues row) {
        String idNumber = row.text(CITIZEN_ID_NUMBER);
        if (idNumber != null && !idNumber.matches("\\d{12}")) {
            return java.util.Optional.of(new Rejection(Reason.BAD_VALUE, CITIZEN_ID_NUMBER,
                    "citizen_id_number must be a 12-digit CCCD number (value withheld: personal data)"));
        }
        return java.util.Optional.empty();
    }
}
