package vn.provpulse.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.provpulse.metrics.UnitClassification;
import vn.provpulse.refine.UnitMapTable;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one description of the published tables, and the check that every published column has a real one. */
class PublishedDocsTest {
    private static final PublishedDocs SHIPPED = PublishedDocs.load();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static PublishedDocs docs(String yaml) throws IOException {
        return PublishedDocs.parse(YAML.readTree(yaml), "test");
    }

    private static final String TWO_COLUMNS = """
            gold:
              unit_month_tasks:
                vi: "Kết quả thực hiện nhiệm vụ"
                en: "On-time completion per unit and month"
                columns:
                  tasks:
                    vi: "Số nhiệm vụ"
                    en: "Non-cancelled tasks due in the month"
                  overdue_open:
                    vi: "Quá hạn chưa hoàn thành"
                    en: "Not completed and past the effective due date"
            """;

    @Test
    void publishedColumnsThatAreAllDescribedHaveNoGap() throws IOException {
        assertThat(docs(TWO_COLUMNS).gaps(Map.of("gold.unit_month_tasks", List.of("tasks", "overdue_open")))).isEmpty();
    }

    @Test
    void publishedColumnWithoutDescriptionIsAGap() throws IOException {
        assertThat(docs(TWO_COLUMNS).gaps(Map.of("gold.unit_month_tasks", List.of("tasks", "overdue_open", "late"))))
                .containsExactly("gold.unit_month_tasks.late: no description");
    }

    @Test
    void publishedTableWithoutDescriptionIsAGap() throws IOException {
        Map<String, List<String>> published = new LinkedHashMap<>();
        published.put("gold.unit_month_tasks", List.of("tasks", "overdue_open"));
        published.put("gold.province_trend", List.of("month"));
        assertThat(docs(TWO_COLUMNS).gaps(published)).containsExactly("gold.province_trend: no description of the table");
    }

    @Test
    void describedColumnThatIsNotPublishedIsAGap() throws IOException {
        assertThat(docs(TWO_COLUMNS).gaps(Map.of("gold.unit_month_tasks", List.of("tasks"))))
                .containsExactly("gold.unit_month_tasks.overdue_open: documented but not published");
    }

    @Test
    void columnsDescribedInAnotherOrderThanPublishedIsAGap() throws IOException {
        assertThat(docs(TWO_COLUMNS).gaps(Map.of("gold.unit_month_tasks", List.of("overdue_open", "tasks"))))
                .containsExactly("gold.unit_month_tasks: columns documented in another order than published [overdue_open, tasks]");
    }

    @Test
    void placeholderNameItselfEmptyOrAsciiOnlyVietnameseAreNotRealDescriptions() throws IOException {
        PublishedDocs incomplete = docs("""
                gold:
                  data_quality:
                    vi: "Chất lượng dữ liệu"
                    en: "Rows read per source, unit and day"
                    columns:
                      rows_read:
                        vi: "rows read"
                        en: "rows_read"
                      accepted:
                        vi: "Số dòng hợp lệ"
                        en: "accepted — see docs/metrics.md"
                      quarantined:
                        vi: ""
                        en: "Rows quarantined"
                      late_rows:
                        vi: "So dong den muon"
                        en: "Rows of late files"
                """);
        assertThat(incomplete.gaps(Map.of("gold.data_quality", List.of("rows_read", "accepted", "quarantined", "late_rows")))).containsExactly(
                "gold.data_quality.rows_read: the Vietnamese is the name itself",
                "gold.data_quality.rows_read: the English is the name itself",
                "gold.data_quality.rows_read: the Vietnamese \"rows read\" has no Vietnamese letter",
                "gold.data_quality.accepted: the English \"accepted — see docs/metrics.md\" is a placeholder",
                "gold.data_quality.quarantined: the Vietnamese is empty",
                "gold.data_quality.late_rows: the Vietnamese \"So dong den muon\" has no Vietnamese letter");
    }

    @Test
    void entryWithoutEnglishCannotBeRead() {
        assertThatThrownBy(() -> docs("""
                silver:
                  units:
                    vi: "Lịch sử đơn vị"
                    columns: {}
                """)).hasMessageContaining("silver.units").hasMessageContaining("needs a vi and an en");
    }

    @Test
    void missingColumnFailsInsteadOfFallingBack() {
        assertThatThrownBy(() -> SHIPPED.column("gold", "unit_month_tasks", "no_such_column"))
                .hasMessage("Cannot describe gold.unit_month_tasks.no_such_column: column-docs.yaml has no such column (add its vi and en there)");
        assertThatThrownBy(() -> SHIPPED.table("gold", "no_such_table")).hasMessageContaining("has no such table");
    }

    @Test
    void overdueOpenMeansUnansweredForFeedbackAndNotCompletedForTasks() {
        assertThat(SHIPPED.column("gold", "unit_month_feedback", "overdue_open"))
                .isEqualTo(new PublishedDocs.Doc("Quá hạn chưa trả lời", "Not answered and the deadline is before D"));
        assertThat(SHIPPED.column("gold", "unit_month_tasks", "overdue_open"))
                .isEqualTo(new PublishedDocs.Doc("Quá hạn chưa hoàn thành", "Not completed and the effective due date is before D"));
        assertThat(SHIPPED.column("gold", "unit_month_feedback", "overdue_open").comment())
                .isEqualTo("Quá hạn chưa trả lời — Not answered and the deadline is before D");
    }

    @Test
    void everyShippedDescriptionIsReal() {
        Map<String, List<String>> described = new LinkedHashMap<>();
        SHIPPED.tables().forEach(table -> described.put(table.qualifiedName(), List.copyOf(table.columns().keySet())));
        assertThat(described).hasSize(17);
        assertThat(SHIPPED.gaps(described)).isEmpty();
    }

    @Test
    void tablesWithASchemaConstantAreDescribedColumnForColumn() {
        assertThat(gapsOf("gold.unit_classification", names(UnitClassification.SCHEMA))).isEmpty();
        assertThat(gapsOf("silver.unit_map", names(UnitMapTable.SCHEMA))).isEmpty();
    }

    /** The gaps of one table (the others are then "documented but not published", which is not its concern). */
    private static List<String> gapsOf(String table, List<String> columns) {
        return SHIPPED.gaps(Map.of(table, columns)).stream().filter(gap -> gap.startsWith(table + ".") || gap.startsWith(table + ":")).toList();
    }

    private static List<String> names(StructType schema) {
        return List.of(schema.fieldNames());
    }
}
