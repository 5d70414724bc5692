package vn.provpulse.publish;

import java.util.Map;

/**
 * Comments published on every table and column: the Vietnamese name leadership reads, then the
 * English meaning (definitions in docs/metrics.md).
 */
public final class ColumnDocs {
    private static final Map<String, String> TABLES = Map.ofEntries(
            Map.entry("unit_month_tasks", "Kết quả thực hiện nhiệm vụ theo đơn vị và tháng — on-time task completion, one row per unit and month of effective due date"),
            Map.entry("unit_month_feedback", "Xử lý phản ánh, kiến nghị theo đơn vị và tháng — timely answers to citizens (Decision 766), one row per unit and month received"),
            Map.entry("unit_month_ratings", "Mức độ hài lòng theo đơn vị và tháng — citizen ratings, one row per unit and month rated"),
            Map.entry("unit_scorecard", "Bảng điểm đơn vị — score per unit and month, period month or ytd"),
            Map.entry("unit_classification", "Xếp loại đơn vị (Nghị định 335/2025) — annual classification per unit and year"),
            Map.entry("province_trend", "Xu hướng toàn tỉnh — province-wide rates per month with month-on-month and year-on-year changes"),
            Map.entry("overdue_register", "Danh sách quá hạn (rõ người) — every overdue open task and feedback item with the responsible head"),
            Map.entry("integrity_flags", "Cảnh báo tô hồng — integrity flags per unit, month and flag, with evidence"),
            Map.entry("data_quality", "Chất lượng dữ liệu — rows read, accepted and quarantined per source, unit and day"),
            Map.entry("file_reconciliation", "Đối soát tệp — one row per landing file (rows read = accepted + quarantined + unaccounted) and per landing entry skipped, with the reason"),
            Map.entry("unit_map", "Danh mục đơn vị — unit codes and the current unit they report under"),
            Map.entry("units", "Lịch sử đơn vị và người đứng đầu — effective-dated unit versions"),
            Map.entry("task_history", "Lịch sử nhiệm vụ — every accepted task record"),
            Map.entry("task_latest", "Trạng thái mới nhất của nhiệm vụ — each task's latest state as of the run date"),
            Map.entry("feedback_history", "Lịch sử phản ánh — every accepted feedback record, pseudonymised"),
            Map.entry("feedback_latest", "Trạng thái mới nhất của phản ánh — each feedback item's latest state, pseudonymised"),
            Map.entry("ratings", "Đánh giá hài lòng — every accepted rating"));

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("as_of_date", "Ngày số liệu — the run date D the figures are as of (end of day, Asia/Ho_Chi_Minh)"),
            Map.entry("unit_code", "Mã đơn vị — unit code (current unit after the 2025 merges in gold)"),
            Map.entry("unit_name", "Tên đơn vị — unit name"),
            Map.entry("unit_type", "Loại hình đơn vị — department, commune, ward, agency or public_service"),
            Map.entry("month", "Tháng — first day of the month"),
            Map.entry("head_name", "Người đứng đầu — head of unit in office on the run date"),
            Map.entry("head_title", "Chức vụ — title of the head of unit"),
            Map.entry("tasks", "Số nhiệm vụ — non-cancelled tasks due in the month"),
            Map.entry("due_tasks", "Nhiệm vụ đến hạn — completed tasks plus open tasks past their effective due date"),
            Map.entry("on_time", "Hoàn thành đúng hạn — completed on or before the effective due date"),
            Map.entry("late", "Hoàn thành quá hạn — completed after the effective due date"),
            Map.entry("overdue_open", "Quá hạn chưa hoàn thành — not completed and past the deadline"),
            Map.entry("on_time_rate", "Tỷ lệ đúng hạn — on_time / due_tasks"),
            Map.entry("on_time_strict", "Đúng hạn theo hạn gốc — completed on or before the original due date"),
            Map.entry("on_time_rate_strict", "Tỷ lệ đúng hạn theo hạn gốc — on_time_strict / due_tasks"),
            Map.entry("extended", "Được gia hạn — tasks with an approved extension"),
            Map.entry("not_yet_due", "Chưa đến hạn — open tasks not yet due"),
            Map.entry("received", "Tiếp nhận — feedback items received"),
            Map.entry("answered", "Đã trả lời — items with a response"),
            Map.entry("answered_on_time", "Trả lời đúng hạn — answered on or before the deadline's date"),
            Map.entry("answered_late", "Trả lời quá hạn — answered after the deadline"),
            Map.entry("answer_assessed", "Số PAKN được đánh giá — answered + overdue_open"),
            Map.entry("on_time_answer_rate", "Tỷ lệ PAKN xử lý đúng hạn — answered_on_time / answer_assessed"),
            Map.entry("unsatisfied_answers", "Trả lời chưa hài lòng — answers late or with citizen_satisfied = no"),
            Map.entry("satisfaction_rate", "Tỷ lệ hài lòng xử lý PAKN — (answered − unsatisfied) / answered"),
            Map.entry("median_days_to_answer", "Số ngày trả lời (trung vị) — median days from received to answered"),
            Map.entry("ratings", "Số lượt đánh giá — number of ratings"),
            Map.entry("mean_score", "Điểm trung bình — mean rating score 1..5"),
            Map.entry("satisfied_ratings", "Số lượt hài lòng — ratings with score ≥ 4"),
            Map.entry("dissatisfied_ratings", "Số lượt không hài lòng — ratings with score ≤ 2"),
            Map.entry("csat", "Tỷ lệ hài lòng — share of scores ≥ 4"),
            Map.entry("dissatisfied", "Tỷ lệ không hài lòng — share of scores ≤ 2"),
            Map.entry("csat_lower95", "Cận dưới tỷ lệ hài lòng (Wilson 95%) — for fair ranking of small units"),
            Map.entry("period", "Kỳ — month, or ytd (January to the month)"),
            Map.entry("score", "Điểm (0-100) — weighted mean of the available components"),
            Map.entry("rank_in_type", "Xếp hạng trong loại hình — RANK() by score within unit type"),
            Map.entry("band", "Xếp loại — Decree 335/2025 band"),
            Map.entry("band_code", "Mã xếp loại — band in English: excellent, good, complete, not_complete, not_enough_data"),
            Map.entry("band_by_score", "Xếp loại theo điểm — band from the score alone, before conditions and quota"),
            Map.entry("reasons", "Lý do — why this band"),
            Map.entry("flag", "Loại cảnh báo — retroactive_extension, backdated_completion, deadline_day_spike, rating_burst, silent_unit"),
            Map.entry("items", "Số trường hợp — cases behind the flag"),
            Map.entry("evidence", "Bằng chứng — evidence to follow up"),
            Map.entry("item_id", "Mã nhiệm vụ/phản ánh — task or feedback id"),
            Map.entry("item_type", "Loại — task or feedback"),
            Map.entry("original_unit_code", "Mã đơn vị gốc — unit code as delivered"),
            Map.entry("assignee", "Người được giao — the named person"),
            Map.entry("deadline", "Hạn xử lý — deadline"),
            Map.entry("days_overdue", "Số ngày quá hạn — run date minus deadline"),
            Map.entry("aging_bucket", "Nhóm quá hạn — aging bucket"),
            Map.entry("source", "Nguồn dữ liệu — tasks, feedback, ratings or units"),
            Map.entry("data_date", "Ngày xuất dữ liệu — export date of the file"),
            Map.entry("rows_read", "Số dòng đọc — rows read"),
            Map.entry("accepted", "Số dòng hợp lệ — rows accepted"),
            Map.entry("quarantined", "Số dòng cách ly — rows quarantined"),
            Map.entry("status", "Trạng thái — status"),
            Map.entry("unaccounted", "Số dòng thất lạc — rows read that are neither accepted nor quarantined (0 when nothing is lost)"),
            Map.entry("skip_reason", "Lý do bỏ qua — why a landing entry was not read (status skipped)"),
            Map.entry("file", "Tệp — landing file path"),
            Map.entry("citizen_key", "Mã công dân ẩn danh — keyed pseudonym (HMAC) of the citizen"),
            Map.entry("current_unit_code", "Mã đơn vị hiện hành — unit the row reports under"));

    private ColumnDocs() {}

    public static String table(String table) {
        return TABLES.getOrDefault(table, table + " — see docs/metrics.md");
    }

    public static String column(String column) {
        String known = COLUMNS.get(column);
        if (known != null) {
            return known;
        }
        if (column.startsWith("quarantined_")) {
            return "Số dòng cách ly theo lý do — rows quarantined for " + column.substring("quarantined_".length());
        }
        if (column.endsWith("_change_mom")) {
            return "Thay đổi so với tháng trước — change of " + column.replace("_change_mom", "") + " against the previous month";
        }
        if (column.endsWith("_change_yoy")) {
            return "Thay đổi so với cùng kỳ năm trước — change of " + column.replace("_change_yoy", "") + " against the same month a year before";
        }
        return column.replace('_', ' ') + " — see docs/metrics.md";
    }
}
