package vn.provpulse.pipeline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.testing.Fixtures;
import vn.provpulse.testing.SparkTestCase;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The execution settings chosen for speed on 2 cores (config/provpulse.yaml: adaptive execution off, one shuffle
 * partition, interpreted expressions without subexpression elimination) give the same bytes as a cluster's
 * (jobs/spark/*.conf: adaptive execution, codegen and subexpression elimination on, 64 partitions): a backfill and a
 * night into a new month, every Parquet file of every zone compared by SHA-256.
 */
class ExecutionSettingsIT extends SparkTestCase {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 30);
    private static final LocalDate BACKFILL_TO = LocalDate.of(2026, 2, 1);
    private static final LocalDate NIGHT = LocalDate.of(2026, 2, 2);
    private static final List<String> ZONES = List.of("bronze", "quarantine", "restricted", "silver", "gold", "state/refine_quarantine");
    /** What the shipped configuration changes, taken as a cluster sets it (jobs/spark/yarn.conf). */
    private static final List<String> CHANGED = List.of("spark.sql.adaptive.enabled", "spark.sql.shuffle.partitions",
            "spark.sql.codegen.wholeStage", "spark.sql.codegen.factoryMode", "spark.sql.subexpressionElimination.enabled");
    private static final Path CLUSTER_SETTINGS = Path.of("jobs/spark/yarn.conf");
    @TempDir
    static Path directory;
    private static Path shipped;
    private static Path cluster;
    private static String shippedPlan;
    private static String clusterPlan;

    @BeforeAll
    static void runBothWays() throws IOException {
        new ProvinceGenerator(new ProvinceGenerator.Options(11, FROM, NIGHT, 0.03, 0.02, directory)).generate(progress -> { });
        shipped = backfillAndNight("shipped");
        shippedPlan = aggregationPlan();
        Map<String, String> clusterSettings = clusterSettings();
        Map<String, String> before = new LinkedHashMap<>();
        CHANGED.forEach(key -> before.put(key, spark.conf().get(key)));
        try {
            clusterSettings.forEach((key, value) -> spark.conf().set(key, value));
            cluster = backfillAndNight("cluster");
            clusterPlan = aggregationPlan();
        }
        finally {
            before.forEach((key, value) -> spark.conf().set(key, value));
        }
    }

    private static Path backfillAndNight(String warehouse) throws IOException {
        ProvPulseConfig config = TestSpark.configFor(directory, warehouse);
        new NightlyPipeline(spark, config).run(FROM, BACKFILL_TO, "backfill", warehouse + "-backfill");
        new NightlyPipeline(spark, config).run(NIGHT, "nightly", warehouse + "-night");
        return Path.of(config.paths().warehouse());
    }

    private static String aggregationPlan() {
        return spark.range(100).groupBy(org.apache.spark.sql.functions.col("id").mod(7)).count().queryExecution().executedPlan().toString();
    }

    /** The changed settings as spark-submit reads them from a cluster's properties file; each must be there. */
    private static Map<String, String> clusterSettings() throws IOException {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(CLUSTER_SETTINGS)) {
            file.load(reader);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : CHANGED) {
            assertThat(file.getProperty(key)).as(key + " in " + CLUSTER_SETTINGS).isNotNull();
            settings.put(key, file.getProperty(key));
        }
        return settings;
    }

    @Test
    void theTwoRunsReallyRanUnderDifferentSettings() {
        assertThat(shippedPlan).doesNotContain("AdaptiveSparkPlan").doesNotContain("WholeStageCodegen");
        assertThat(clusterPlan).contains("AdaptiveSparkPlan");
        assertThat(spark.conf().get("spark.sql.adaptive.enabled")).as("the shipped settings are back for the next test class")
                .isEqualTo(TestSpark.config().spark().settings().get("spark.sql.adaptive.enabled"));
    }

    @Test
    void everyParquetFileIsByteIdentical() throws IOException {
        for (String zone : ZONES) {
            Map<String, String> expected = parquetHashes(cluster.resolve(zone));
            assertThat(expected).as(zone).isNotEmpty();
            assertThat(parquetHashes(shipped.resolve(zone))).as(zone).isEqualTo(expected);
        }
    }

    private static Map<String, String> parquetHashes(Path zone) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        Fixtures.fileHashes(zone).forEach((file, hash) -> {
            if (file.endsWith(".parquet")) {
                hashes.put(file, hash);
            }
        });
        return hashes;
    }
}
