package vn.provpulse.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/metrics.md and the Superset datasets say what column-docs.yaml says. */
class PublishedDocsFilesTest {
    private static final String REGENERATE = "out of date with column-docs.yaml: regenerate it with PublishedDocsFiles (see its Javadoc)";
    private static final PublishedDocsFiles SHIPPED = new PublishedDocsFiles(PublishedDocs.load());

    private static PublishedDocsFiles oneTable() throws IOException {
        return new PublishedDocsFiles(PublishedDocs.parse(new ObjectMapper(new YAMLFactory()).readTree("""
                gold:
                  integrity_flags:
                    vi: "Cảnh báo tô hồng"
                    en: "Integrity flags per unit, month and flag"
                    columns:
                      flag:
                        vi: "Loại cảnh báo"
                        en: "Which detector raised it"
                      items:
                        vi: "Số trường hợp"
                        en: "Cases behind the flag"
                """), "test"));
    }

    @Test
    void metricsColumnTablesAreTheGeneratedOnes() throws IOException {
        String committed = Files.readString(PublishedDocsFiles.METRICS, StandardCharsets.UTF_8);
        assertThat(committed).as(PublishedDocsFiles.METRICS + " is " + REGENERATE).isEqualTo(SHIPPED.metrics(committed));
    }

    @Test
    void datasetDescriptionsAreTheGeneratedOnes() throws IOException {
        assertThat(PublishedDocsFiles.datasetFiles()).hasSizeGreaterThanOrEqualTo(10);
        for (Path dataset : PublishedDocsFiles.datasetFiles()) {
            String committed = Files.readString(dataset, StandardCharsets.UTF_8);
            assertThat(committed).as(dataset + " is " + REGENERATE).isEqualTo(SHIPPED.dataset(committed));
        }
    }

    @Test
    void generatedBlockIsRewrittenAndTheProseAroundItKept() throws IOException {
        String markdown = """
                ## gold.integrity_flags
                Prose before.
                <!-- BEGIN GENERATED: columns of gold.integrity_flags (edit column-docs.yaml) -->
                | stale | table |
                <!-- END GENERATED: columns of gold.integrity_flags -->
                Prose after.
                """;
        assertThat(oneTable().metrics(markdown)).isEqualTo("""
                ## gold.integrity_flags
                Prose before.
                <!-- BEGIN GENERATED: columns of gold.integrity_flags (edit column-docs.yaml) -->
                | column | Vietnamese | meaning |
                |---|---|---|
                | `flag` | Loại cảnh báo | Which detector raised it |
                | `items` | Số trường hợp | Cases behind the flag |
                <!-- END GENERATED: columns of gold.integrity_flags -->
                Prose after.
                """);
    }

    @Test
    void publishedTableWithoutABlockInTheDocsFails() {
        assertThatThrownBy(() -> oneTable().metrics("## gold.integrity_flags\nNo table.\n"))
                .hasMessageContaining("has blocks for []").hasMessageContaining("[gold.integrity_flags]");
    }

    @Test
    void datasetGetsTheVietnameseAsVerboseNameAndTheEnglishAsDescriptionOfPhysicalColumnsOnly() throws IOException {
        String dataset = """
                table_name: "integrity_flags"
                description: "old"
                schema: "gold"
                metrics:
                  - metric_name: "so_canh_bao"
                    verbose_name: "Số cảnh báo"
                    description: null
                columns:
                  - column_name: "flag"
                    verbose_name: null
                    expression: null
                    description: null
                  - column_name: "flag_group"
                    verbose_name: null
                    expression: "substr(flag, 1, 4)"
                    description: "Nhóm cảnh báo"
                version: "1.0.0"
                """;
        assertThat(oneTable().dataset(dataset)).isEqualTo("""
                table_name: "integrity_flags"
                description: "Cảnh báo tô hồng"
                schema: "gold"
                metrics:
                  - metric_name: "so_canh_bao"
                    verbose_name: "Số cảnh báo"
                    description: null
                columns:
                  - column_name: "flag"
                    verbose_name: "Loại cảnh báo"
                    expression: null
                    description: "Which detector raised it"
                  - column_name: "flag_group"
                    verbose_name: null
                    expression: "substr(flag, 1, 4)"
                    description: "Nhóm cảnh báo"
                version: "1.0.0"
                """);
    }

    @Test
    void datasetColumnWithoutDescriptionFails() {
        String dataset = """
                table_name: "integrity_flags"
                description: null
                schema: "gold"
                columns:
                  - column_name: "evidence"
                    verbose_name: null
                    expression: null
                    description: null
                """;
        assertThatThrownBy(() -> oneTable().dataset(dataset)).hasMessageContaining("gold.integrity_flags.evidence");
    }
}
