package vn.provpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.contract.PublishedDocs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the bundle the way Superset's importer would, without Superset. */
class SupersetBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SupersetBundle BUNDLE = SupersetBundle.load(Path.of(SupersetBundle.DEFAULT_FOLDER));

    private static Map<String, JsonNode> byUuid(String kind) {
        Map<String, JsonNode> nodes = new HashMap<>();
        BUNDLE.of(kind).forEach(node -> nodes.put(node.path("uuid").asText(), node));
        return nodes;
    }

    @Test
    void metadataDeclaresADashboardBundleOfVersionOne() {
        JsonNode metadata = BUNDLE.files().get("metadata.yaml");
        assertThat(metadata.path("version").asText()).isEqualTo("1.0.0");
        assertThat(metadata.path("type").asText()).isEqualTo("Dashboard");
        BUNDLE.files().forEach((name, node) -> assertThat(node.path("version").asText()).as(name).isEqualTo("1.0.0"));
    }

    @Test
    void everyUuidIsPresentAndUnique() {
        List<String> uuids = new ArrayList<>();
        BUNDLE.files().forEach((name, node) -> {
            if (!name.equals("metadata.yaml")) {
                assertThat(node.path("uuid").asText()).as(name).matches("[0-9a-f-]{36}");
                uuids.add(node.path("uuid").asText());
            }
        });
        assertThat(uuids).doesNotHaveDuplicates().hasSize(BUNDLE.files().size() - 1);
    }

    @Test
    void databaseIsTheAnalystTrinoUriWithNoPassword() {
        List<JsonNode> databases = BUNDLE.of("databases");
        assertThat(databases).hasSize(1);
        String uri = databases.get(0).path("sqlalchemy_uri").asText();
        assertThat(uri).startsWith("trino://analyst@").endsWith("/hive");
        assertThat(uri.substring("trino://".length(), uri.indexOf('@'))).doesNotContain(":");
    }

    @Test
    void everyDatasetBelongsToTheDatabaseAndReadsTheGoldSchema() {
        Set<String> databases = byUuid("databases").keySet();
        for (JsonNode dataset : BUNDLE.of("datasets")) {
            assertThat(databases).contains(dataset.path("database_uuid").asText());
            assertThat(dataset.path("schema").asText()).isEqualTo("gold");
            assertThat(dataset.path("columns").size()).isPositive();
        }
    }

    @Test
    void everyChartsDatasetExistsAndHasTheColumnsAndMetricsItUses() {
        Map<String, JsonNode> datasets = byUuid("datasets");
        assertThat(BUNDLE.of("charts")).hasSizeGreaterThanOrEqualTo(12);
        for (JsonNode chart : BUNDLE.of("charts")) {
            String name = chart.path("slice_name").asText();
            JsonNode dataset = datasets.get(chart.path("dataset_uuid").asText());
            assertThat(dataset).as(name).isNotNull();
            assertThat(chart.path("params").path("datasource").asText()).as(name).isEqualTo("__" + dataset.path("table_name").asText() + "__table");
            Set<String> columns = new HashSet<>();
            dataset.path("columns").forEach(column -> columns.add(column.path("column_name").asText()));
            Set<String> metrics = new HashSet<>();
            dataset.path("metrics").forEach(metric -> metrics.add(metric.path("metric_name").asText()));
            assertThat(columns).as(name).containsAll(SupersetBundle.columnsUsed(chart));
            assertThat(metrics).as(name).containsAll(SupersetBundle.metricsUsed(chart));
        }
    }

    @Test
    void everyDashboardPositionRefersToAnExistingChartAndComponent() {
        Map<String, JsonNode> charts = byUuid("charts");
        List<String> titles = new ArrayList<>();
        for (JsonNode dashboard : BUNDLE.of("dashboards")) {
            titles.add(dashboard.path("dashboard_title").asText());
            JsonNode position = dashboard.path("position");
            int chartsPlaced = 0;
            for (Iterator<Map.Entry<String, JsonNode>> components = position.fields(); components.hasNext(); ) {
                Map.Entry<String, JsonNode> component = components.next();
                if (component.getKey().equals("DASHBOARD_VERSION_KEY")) {
                    continue;
                }
                component.getValue().path("children").forEach(child -> assertThat(position.has(child.asText())).as(child.asText()).isTrue());
                component.getValue().path("parents").forEach(parent -> assertThat(position.has(parent.asText())).as(parent.asText()).isTrue());
                if (component.getValue().path("type").asText().equals("CHART")) {
                    assertThat(charts).containsKey(component.getValue().path("meta").path("uuid").asText());
                    chartsPlaced++;
                }
            }
            assertThat(chartsPlaced).as(dashboard.path("dashboard_title").asText()).isPositive();
            Map<String, JsonNode> datasets = byUuid("datasets");
            dashboard.path("metadata").path("native_filter_configuration").forEach(filter -> filter.path("targets").forEach(target ->
                    assertThat(datasets).containsKey(target.path("datasetUuid").asText())));
        }
        assertThat(titles).containsExactlyInAnyOrder("Toàn tỉnh", "Đơn vị", "Quá hạn và liêm chính dữ liệu");
    }

    @Test
    void everyChartHasAQueryContextBuiltFromItsOwnParams() throws IOException {
        Map<String, JsonNode> datasets = byUuid("datasets");
        for (JsonNode chart : BUNDLE.of("charts")) {
            String name = chart.path("slice_name").asText();
            JsonNode queryContext = JSON.readTree(chart.path("query_context").asText());
            JsonNode formData = queryContext.path("form_data");
            assertThat(formData.path("viz_type").asText()).as(name).isEqualTo(chart.path("viz_type").asText());
            assertThat(formData.path("datasource").asText()).as(name).isEqualTo(chart.path("params").path("datasource").asText());
            assertThat(queryContext.path("datasource").path("type").asText()).as(name).isEqualTo("table");
            assertThat(queryContext.path("queries").size()).as(name).isEqualTo(1);
            JsonNode dataset = datasets.get(chart.path("dataset_uuid").asText());
            Set<String> columns = new HashSet<>();
            dataset.path("columns").forEach(column -> columns.add(column.path("column_name").asText()));
            Set<String> metrics = new HashSet<>();
            dataset.path("metrics").forEach(metric -> metrics.add(metric.path("metric_name").asText()));
            JsonNode query = queryContext.path("queries").get(0);
            query.path("columns").forEach(column -> assertThat(columns).as(name)
                    .contains(column.isTextual() ? column.asText() : column.path("sqlExpression").asText()));
            query.path("metrics").forEach(metric -> assertThat(metrics).as(name).contains(metric.asText()));
            assertThat(query.path("row_limit").asInt()).as(name).isEqualTo(chart.path("params").path("row_limit").asInt(query.path("row_limit").asInt()));
        }
    }

    @Test
    void chartIdsInPositionsAreUniqueAcrossTheBundleAndEachChartIsPlacedOnce() {
        List<Integer> ids = new ArrayList<>();
        List<String> uuids = new ArrayList<>();
        for (JsonNode dashboard : BUNDLE.of("dashboards")) {
            dashboard.path("position").forEach(component -> {
                if (component.path("type").asText().equals("CHART")) {
                    ids.add(component.path("meta").path("chartId").asInt());
                    uuids.add(component.path("meta").path("uuid").asText());
                }
            });
        }
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id > 0);
        assertThat(uuids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(byUuid("charts").keySet());
    }

    @Test
    void eachNativeFilterIsScopedToExactlyTheChartsWhoseDatasetsHaveItsColumn() {
        Map<String, JsonNode> charts = byUuid("charts");
        Map<String, JsonNode> datasets = byUuid("datasets");
        for (JsonNode dashboard : BUNDLE.of("dashboards")) {
            for (JsonNode filter : dashboard.path("metadata").path("native_filter_configuration")) {
                String column = filter.path("targets").get(0).path("column").path("name").asText();
                assertThat(columnsOf(datasets.get(filter.path("targets").get(0).path("datasetUuid").asText()))).contains(column);
                Set<Integer> excluded = new HashSet<>();
                filter.path("scope").path("excluded").forEach(id -> excluded.add(id.asInt()));
                dashboard.path("position").forEach(component -> {
                    if (component.path("type").asText().equals("CHART")) {
                        JsonNode chart = charts.get(component.path("meta").path("uuid").asText());
                        boolean hasColumn = columnsOf(datasets.get(chart.path("dataset_uuid").asText())).contains(column);
                        assertThat(excluded.contains(component.path("meta").path("chartId").asInt()))
                                .as(filter.path("name").asText() + " on " + chart.path("slice_name").asText()).isEqualTo(!hasColumn);
                    }
                });
            }
        }
    }

    @Test
    void everyPhysicalDatasetColumnIsNamedAndDescribedAsPublished() {
        PublishedDocs docs = PublishedDocs.load();
        for (JsonNode dataset : BUNDLE.of("datasets")) {
            String schema = dataset.path("schema").asText();
            String table = dataset.path("table_name").asText();
            assertThat(dataset.path("description").asText()).as(table).isEqualTo(docs.table(schema, table).doc().vietnamese());
            for (JsonNode column : dataset.path("columns")) {
                if (column.path("expression").isNull()) {
                    PublishedDocs.Doc doc = docs.column(schema, table, column.path("column_name").asText());
                    assertThat(column.path("verbose_name").asText()).as(table + "." + column.path("column_name").asText()).isEqualTo(doc.vietnamese());
                    assertThat(column.path("description").asText()).as(table + "." + column.path("column_name").asText()).isEqualTo(doc.english());
                }
                else {
                    assertThat(column.path("description").asText("")).as(table + "." + column.path("column_name").asText() + " (calculated)").isNotBlank();
                }
            }
        }
    }

    @Test
    void zipForATrinoPortPointsTheDatabaseThere(@TempDir Path directory) throws IOException {
        BUNDLE.zip(directory.resolve("bundle.zip"), 18_431);
        try (ZipFile zip = new ZipFile(directory.resolve("bundle.zip").toFile())) {
            String database = new String(zip.getInputStream(zip.getEntry(SupersetBundle.ZIP_ROOT + "/databases/Trino.yaml")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(database).contains("sqlalchemy_uri: \"trino://analyst@127.0.0.1:18431/hive\"").doesNotContain(":8080");
        }
    }

    private static Set<String> columnsOf(JsonNode dataset) {
        Set<String> columns = new HashSet<>();
        dataset.path("columns").forEach(column -> columns.add(column.path("column_name").asText()));
        return columns;
    }

    @Test
    void bundleZipsUnderOneFolderDeterministically(@TempDir Path directory) throws IOException {
        BUNDLE.zip(directory.resolve("a.zip"));
        BUNDLE.zip(directory.resolve("b.zip"));
        assertThat(Files.readAllBytes(directory.resolve("a.zip"))).isEqualTo(Files.readAllBytes(directory.resolve("b.zip")));
        try (ZipFile zip = new ZipFile(directory.resolve("a.zip").toFile())) {
            assertThat(zip.stream().map(entry -> entry.getName()).toList())
                    .allMatch(name -> name.startsWith(SupersetBundle.ZIP_ROOT + "/"))
                    .contains(SupersetBundle.ZIP_ROOT + "/metadata.yaml", SupersetBundle.ZIP_ROOT + "/databases/Trino.yaml");
        }
    }
}
