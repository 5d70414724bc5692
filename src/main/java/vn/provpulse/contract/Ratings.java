package vn.provpulse.contract;

import java.util.List;

import static vn.provpulse.contract.Field.optional;
import static vn.provpulse.contract.Field.required;

/** ratings (đánh giá mức độ hài lòng) of administrative-procedure dossiers (CSV, or JDBC pull). */
public final class Ratings {
    public static final String SOURCE = "ratings";
    public static final String RATING_ID = "rating_id";
    public static final String DOSSIER_ID = "dossier_id";
    public static final String UNIT_CODE = "unit_code";
    public static final String PROCEDURE_CODE = "procedure_code";
    public static final String RATED_AT = "rated_at";
    public static final String RATED_DATE = "rated_date";
    public static final String CHANNEL = "channel";
    public static final String SCORE = "score";
    public static final String ACCESS = "access";
    public static final String PROCEDURE = "procedure";
    public static final String STAFF = "staff";
    public static final String RESULT = "result";
    public static final String COMPLAINT_HANDLING = "complaint_handling";
    public static final String DOSSIER_DUE_AT = "dossier_due_at";
    public static final String DOSSIER_COMPLETED_AT = "dossier_completed_at";

    /** The five SIPAS criteria. */
    public static final List<String> CRITERIA = List.of(ACCESS, PROCEDURE, STAFF, RESULT, COMPLAINT_HANDLING);

    public static final SourceContract CONTRACT = new SourceContract(
            SOURCE,
            SourceFormat.CSV,
            List.of(
                    required(RATING_ID, FieldType.TEXT),
                    optional(DOSSIER_ID, FieldType.TEXT),
                    required(UNIT_CODE, FieldType.TEXT),
                    optional(PROCEDURE_CODE, FieldType.TEXT),
                    required(RATED_AT, FieldType.TIMESTAMP).asEvent(),
                    required(CHANNEL, FieldType.TEXT).oneOf("kiosk", "portal", "sms", "app"),
                    required(SCORE, FieldType.SCORE),
                    optional(ACCESS, FieldType.SCORE),
                    optional(PROCEDURE, FieldType.SCORE),
                    optional(STAFF, FieldType.SCORE),
                    optional(RESULT, FieldType.SCORE),
                    optional(COMPLAINT_HANDLING, FieldType.SCORE),
                    optional(DOSSIER_DUE_AT, FieldType.TIMESTAMP),
                    optional(DOSSIER_COMPLETED_AT, FieldType.TIMESTAMP).asEvent()),
            List.of(),
            List.of(RATING_ID),
            false);

    private Ratings() {}
}
