package vn.provpulse.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The leadership report (Báo cáo lãnh đạo): one self-contained HTML page built from the published
 * gold tables over Trino — headline figures, trend, ranking, classification, the 20 longest-overdue
 * items with their heads of unit, and the integrity flags. Apache ECharts is inlined, so the page
 * works offline and on a phone.
 */
public final class LeadershipReport {
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    public LeadershipReport(Connection connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    public String render(LocalDate asOf) throws SQLException {
        List<Map<String, Object>> trend = query("SELECT month, on_time_rate, on_time_rate_change_mom, on_time_answer_rate, on_time_answer_rate_change_mom, "
                + "satisfaction_rate, csat, csat_change_mom, units_reporting FROM gold.province_trend WHERE month <= ? ORDER BY month", asOf);
        List<Map<String, Object>> bands = query("SELECT band, count(*) AS units FROM gold.unit_classification GROUP BY band ORDER BY units DESC");
        List<Map<String, Object>> ranking = query("SELECT unit_code, unit_name, score FROM gold.unit_classification WHERE score IS NOT NULL ORDER BY score DESC, unit_code");
        List<Map<String, Object>> overdue = query("SELECT unit_code, unit_name, head_name, item_type, item_id, title, assignee, deadline, days_overdue "
                + "FROM gold.overdue_register ORDER BY days_overdue DESC, item_id LIMIT 20");
        long overdueTotal = ((Number) query("SELECT count(*) AS items FROM gold.overdue_register").get(0).get("items")).longValue();
        List<Map<String, Object>> flags = query("SELECT unit_code, month, flag, items, evidence FROM gold.integrity_flags ORDER BY month DESC, flag, unit_code");
        Map<String, Object> latest = trend.isEmpty() ? Map.of() : trend.get(trend.size() - 1);

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Báo cáo lãnh đạo — số liệu đến ngày ").append(asOf).append("</title><style>").append(CSS).append("</style>")
                .append("<script>window.onerror=function(m){document.body.dataset.errors=(document.body.dataset.errors||'')+m+';'};</script>")
                .append("<script>").append(echarts()).append("</script></head><body data-errors=\"\">");
        html.append("<h1>Báo cáo kết quả thực hiện nhiệm vụ và sự hài lòng của người dân</h1>")
                .append("<p class=\"sub\">Số liệu tính đến hết ngày ").append(asOf).append(" (giờ Việt Nam)</p>");
        html.append("<section class=\"cards\">")
                .append(card("Tỷ lệ hoàn thành nhiệm vụ đúng hạn", latest.get("on_time_rate"), latest.get("on_time_rate_change_mom")))
                .append(card("Tỷ lệ PAKN xử lý đúng hạn", latest.get("on_time_answer_rate"), latest.get("on_time_answer_rate_change_mom")))
                .append(card("Tỷ lệ hài lòng của người dân", latest.get("csat"), latest.get("csat_change_mom")))
                .append("<div class=\"card\"><div class=\"label\">Việc quá hạn chưa xử lý</div><div class=\"value\">").append(overdueTotal).append("</div></div>")
                .append("</section>");
        html.append("<h2>Xu hướng theo tháng</h2><div id=\"trend\" class=\"chart\"></div>");
        html.append("<h2>Xếp hạng đơn vị (điểm lũy kế năm)</h2><div id=\"ranking\" class=\"chart tall\"></div>");
        html.append("<h2>Phân bố xếp loại</h2><div id=\"bands\" class=\"chart\"></div>");
        html.append("<h2>20 việc quá hạn lâu nhất và người chịu trách nhiệm</h2>")
                .append(table(overdue, new String[] {"unit_code", "unit_name", "head_name", "item_type", "item_id", "title", "assignee", "deadline", "days_overdue"},
                        new String[] {"Mã ĐV", "Đơn vị", "Người đứng đầu", "Loại", "Mã việc", "Nội dung", "Người được giao", "Hạn", "Số ngày quá hạn"}));
        html.append("<h2>Cảnh báo \"tô hồng\" số liệu</h2>")
                .append(table(flags, new String[] {"unit_code", "month", "flag", "items", "evidence"},
                        new String[] {"Mã ĐV", "Tháng", "Loại cảnh báo", "Số trường hợp", "Bằng chứng"}));
        html.append("<script>").append(chartsScript(trend, ranking, bands)).append("</script></body></html>");
        return html.toString();
    }

    private String chartsScript(List<Map<String, Object>> trend, List<Map<String, Object>> ranking, List<Map<String, Object>> bands) {
        List<String> months = new ArrayList<>();
        List<Object> onTime = new ArrayList<>();
        List<Object> answers = new ArrayList<>();
        List<Object> csat = new ArrayList<>();
        for (Map<String, Object> row : trend) {
            months.add(String.valueOf(row.get("month")).substring(0, 7));
            onTime.add(percent(row.get("on_time_rate")));
            answers.add(percent(row.get("on_time_answer_rate")));
            csat.add(percent(row.get("csat")));
        }
        List<Map<String, Object>> shown = new ArrayList<>(ranking.subList(0, Math.min(10, ranking.size())));
        if (ranking.size() > 10) {
            shown.addAll(ranking.subList(Math.max(10, ranking.size() - 10), ranking.size()));
        }
        List<String> units = new ArrayList<>();
        List<Object> scores = new ArrayList<>();
        for (int i = shown.size() - 1; i >= 0; i--) {
            units.add(shown.get(i).get("unit_code") + " " + shown.get(i).get("unit_name"));
            scores.add(Math.round(((Number) shown.get(i).get("score")).doubleValue() * 10) / 10.0);
        }
        List<Map<String, Object>> pie = new ArrayList<>();
        bands.forEach(row -> pie.add(Map.of("name", row.get("band"), "value", row.get("units"))));
        return "var rendered=0;function draw(id,option){var c=echarts.init(document.getElementById(id),null,{renderer:'svg'});"
                + "c.setOption(option);rendered++;window.addEventListener('resize',function(){c.resize()});}"
                + "draw('trend',{tooltip:{trigger:'axis'},legend:{},grid:{left:40,right:20},xAxis:{type:'category',data:" + json(months) + "},"
                + "yAxis:{type:'value',max:100,axisLabel:{formatter:'{value}%'}},series:["
                + "{name:'Hoàn thành đúng hạn',type:'line',data:" + json(onTime) + "},"
                + "{name:'PAKN xử lý đúng hạn',type:'line',data:" + json(answers) + "},"
                + "{name:'Hài lòng (CSAT)',type:'line',data:" + json(csat) + "}]});"
                + "draw('ranking',{tooltip:{},grid:{left:10,right:40,containLabel:true},xAxis:{type:'value',max:100},yAxis:{type:'category',data:" + json(units) + "},"
                + "series:[{type:'bar',data:" + json(scores) + ",label:{show:true,position:'right'}}]});"
                + "draw('bands',{tooltip:{},series:[{type:'pie',radius:'60%',data:" + json(pie) + ",label:{formatter:'{b}: {c}'}}]});"
                + "document.body.dataset.chartsRendered=rendered;";
    }

    private List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i] instanceof LocalDate date ? java.sql.Date.valueOf(date) : parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    private static String card(String label, Object rate, Object change) {
        String delta = change == null ? "" : String.format("<div class=\"delta %s\">%+.1f điểm %% so với tháng trước</div>",
                ((Number) change).doubleValue() >= 0 ? "up" : "down", ((Number) change).doubleValue() * 100);
        return "<div class=\"card\"><div class=\"label\">" + escape(label) + "</div><div class=\"value\">"
                + (rate == null ? "—" : String.format("%.1f%%", ((Number) rate).doubleValue() * 100)) + "</div>" + delta + "</div>";
    }

    private static String table(List<Map<String, Object>> rows, String[] columns, String[] headers) {
        if (rows.isEmpty()) {
            return "<p class=\"empty\">Không có.</p>";
        }
        StringBuilder html = new StringBuilder("<div class=\"scroll\"><table><thead><tr>");
        for (String header : headers) {
            html.append("<th>").append(escape(header)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (Map<String, Object> row : rows) {
            html.append("<tr>");
            for (String column : columns) {
                Object value = row.get(column);
                html.append("<td>").append(value == null ? "" : escape(String.valueOf(value))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    private static Double percent(Object fraction) {
        return fraction == null ? null : Math.round(((Number) fraction).doubleValue() * 1000) / 10.0;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("</", "<\\/");
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String echarts() {
        try (InputStream in = LeadershipReport.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("Cannot build the report: " + ECHARTS + " is not on the classpath (org.webjars.npm:echarts)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String CSS = "body{font-family:'Noto Sans','Segoe UI',Roboto,Arial,sans-serif;margin:0 auto;max-width:1100px;padding:12px;color:#1f2937}"
            + "h1{font-size:1.4em;color:#b91c1c}h2{font-size:1.1em;margin-top:28px;border-bottom:2px solid #b91c1c}.sub{color:#6b7280}"
            + ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px}"
            + ".card{border:1px solid #e5e7eb;border-radius:8px;padding:12px;background:#fff7ed}.label{font-size:.9em;color:#374151}"
            + ".value{font-size:1.8em;font-weight:700}.delta.up{color:#047857}.delta.down{color:#b91c1c}"
            + ".chart{width:100%;height:340px}.chart.tall{height:560px}.scroll{overflow-x:auto}"
            + "table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border:1px solid #e5e7eb;padding:4px 6px;text-align:left;vertical-align:top}"
            + "th{background:#fee2e2}.empty{color:#6b7280}";
}
