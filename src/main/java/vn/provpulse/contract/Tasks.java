package vn.provpulse.contract;

import java.util.List;

import static vn.provpulse.contract.Field.optional;
import static vn.provpulse.contract.Field.required;

/** tasks: one record per task state as of its updated_at (JSON Lines). */
public final class Tasks {
    public static final String SOURCE = "tasks";
    public static final String TASK_ID = "task_id";
    public static final String SOURCE_SYSTEM = "source_system";
    public static final String UNIT_CODE = "unit_code";
    public static final String ASSIGNEE = "assignee";
    public static final String TITLE = "title";
    public static final String ASSIGNED_BY = "assigned_by";
    public static final String SOURCE_DOCUMENT = "source_document";
    public static final String CATEGORY = "category";
    public static final String ASSIGNED_DATE = "assigned_date";
    public static final String DUE_DATE = "due_date";
    public static final String EXTENDED_DUE_DATE = "extended_due_date";
    public static final String EXTENSION_APPROVED_AT = "extension_approved_at";
    public static final String EXTENSION_APPROVED_DATE = "extension_approved_date";
    public static final String STATUS = "status";
    public static final String COMPLETED_AT = "completed_at";
    public static final String COMPLETED_DATE = "completed_date";
    public static final String RESULT_NOTE = "result_note";
    public static final String UPDATED_AT = "updated_at";
    public static final String UPDATED_DATE = "updated_date";

    public static final String STATUS_OPEN = "open";
    public static final String STATUS_IN_PROGRESS = "in_progress";
    public static final String STATUS_COMPLETED = "completed";
    public static final String STATUS_CANCELLED = "cancelled";

    public static final SourceContract CONTRACT = new SourceContract(
            SOURCE,
            SourceFormat.JSON_LINES,
            List.of(
                    required(TASK_ID, FieldType.TEXT),
                    optional(SOURCE_SYSTEM, FieldType.TEXT),
                    required(UNIT_CODE, FieldType.TEXT),
                    optional(ASSIGNEE, FieldType.TEXT),
                    optional(TITLE, FieldType.TEXT),
                    optional(ASSIGNED_BY, FieldType.TEXT),
                    optional(SOURCE_DOCUMENT, FieldType.TEXT),
                    optional(CATEGORY, FieldType.TEXT).oneOf("regular", "difficult", "new", "backlog"),
                    optional(ASSIGNED_DATE, FieldType.DATE).asEvent(),
                    required(DUE_DATE, FieldType.DATE),
                    optional(EXTENDED_DUE_DATE, FieldType.DATE),
                    optional(EXTENSION_APPROVED_AT, FieldType.TIMESTAMP).asEvent(),
                    required(STATUS, FieldType.TEXT).oneOf(STATUS_OPEN, STATUS_IN_PROGRESS, STATUS_COMPLETED, STATUS_CANCELLED),
                    optional(COMPLETED_AT, FieldType.TIMESTAMP).asEvent(),
                    optional(RESULT_NOTE, FieldType.TEXT),
                    required(UPDATED_AT, FieldType.TIMESTAMP).asEvent()),
            List.of(
                    OrderRules.requiredWhen(COMPLETED_AT, STATUS, STATUS_COMPLETED),
                    OrderRules.dateNotBefore(DUE_DATE, ASSIGNED_DATE, DUE_DATE, "due before assigned"),
                    OrderRules.dateNotBefore(COMPLETED_DATE, ASSIGNED_DATE, COMPLETED_AT, "completed before assigned"),
                    OrderRules.dateNotBefore(EXTENDED_DUE_DATE, DUE_DATE, EXTENDED_DUE_DATE, "extension before the due date")),
            List.of(TASK_ID, UPDATED_AT),
            false);

    private Tasks() {}
}
