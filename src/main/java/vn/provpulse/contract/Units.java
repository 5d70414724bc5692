package vn.provpulse.contract;

import java.util.List;

import static vn.provpulse.contract.Field.optional;
import static vn.provpulse.contract.Field.required;

/** units: the reference snapshot of the province's units and their heads, effective-dated (CSV). */
public final class Units {
    public static final String SOURCE = "units";
    public static final String UNIT_CODE = "unit_code";
    public static final String UNIT_NAME = "unit_name";
    public static final String UNIT_TYPE = "unit_type";
    public static final String PARENT_CODE = "parent_code";
    public static final String HEAD_NAME = "head_name";
    public static final String HEAD_TITLE = "head_title";
    public static final String VALID_FROM = "valid_from";
    public static final String VALID_TO = "valid_to";
    public static final String SUCCESSOR_CODE = "successor_code";

    public static final List<String> UNIT_TYPES = List.of("department", "commune", "ward", "agency", "public_service");

    public static final SourceContract CONTRACT = new SourceContract(
            SOURCE,
            SourceFormat.CSV,
            List.of(
                    required(UNIT_CODE, FieldType.TEXT),
                    optional(UNIT_NAME, FieldType.TEXT),
                    required(UNIT_TYPE, FieldType.TEXT).oneOf(UNIT_TYPES.toArray(String[]::new)),
                    optional(PARENT_CODE, FieldType.TEXT),
                    optional(HEAD_NAME, FieldType.TEXT),
                    optional(HEAD_TITLE, FieldType.TEXT),
                    required(VALID_FROM, FieldType.DATE),
                    optional(VALID_TO, FieldType.DATE),
                    optional(SUCCESSOR_CODE, FieldType.TEXT)),
            List.of(OrderRules.dateNotBefore(VALID_TO, VALID_FROM, VALID_TO, "valid_to before valid_from")),
            List.of(UNIT_CODE, VALID_FROM),
            false);

    private Units() {}
}
