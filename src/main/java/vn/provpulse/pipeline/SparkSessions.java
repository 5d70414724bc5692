package vn.provpulse.pipeline;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import vn.provpulse.config.ProvPulseConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** Builds the SparkSession with the settings every ProvPulse job relies on. */
public final class SparkSessions {
    private static final Logger LOG = LogManager.getLogger(SparkSessions.class);
    /** Spark's default redaction (secret, password, token, access key) plus the PII key's variable and settings. */
    static final String PLUGINS = "spark.plugins";
    public static final String REDACTION_REGEX = "(?i)secret|password|token|access[.]?key|pii[._]?key";

    private SparkSessions() {}

    /**
     * The master, shuffle partitions and extra settings of the configuration (local defaults measured on 2 cores),
     * less those spark-submit was given: a cluster's own properties file wins (jobs/spark/*.conf).
     */
    static Map<String, String> configured(ProvPulseConfig config, Properties given) {
        Map<String, String> settings = ofConfiguration(config);
        settings.keySet().removeIf(given::containsKey);
        return settings;
    }

    private static Map<String, String> ofConfiguration(ProvPulseConfig config) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.master", config.spark().master());
        settings.put("spark.sql.shuffle.partitions", String.valueOf(config.spark().shufflePartitions()));
        settings.putAll(config.spark().settings());
        return settings;
    }

    /** The plugins spark-submit or the configuration file gave ({@code listed}, comma-separated), and {@link TaskSqlSettings}. */
    static String plugins(String listed) {
        List<String> plugins = new ArrayList<>(Stream.of(listed.split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList());
        if (!plugins.contains(TaskSqlSettings.class.getName())) {
            plugins.add(TaskSqlSettings.class.getName());
        }
        return String.join(",", plugins);
    }

    public static SparkSession create(ProvPulseConfig config, String appName) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName(appName)
                .config("spark.sql.session.timeZone", config.timeZone())
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
                // a read of many partition folders (a year of day folders left by earlier warehouses) lists them on the driver, not with a Spark job of one task per folder
                .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.redaction.regex", REDACTION_REGEX)
                .config("spark.hadoop.fs.permissions.umask-mode", "077") // everything Spark writes (bronze, quarantine, restricted, state) is owner-only
                .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
                // read per row by interpreted expressions (TaskSqlSettings); unset, its default (false outside Spark's own
                // tests) reads the environment on each read
                .config("spark.sql.types.framework.enabled", "false");
        Map<String, String> configured = configured(config, System.getProperties());
        configured.forEach(builder::config);
        builder.config(PLUGINS, plugins(configured.getOrDefault(PLUGINS, System.getProperty(PLUGINS, ""))));
        SparkSession spark = builder.getOrCreate();
        LOG.info("Spark settings from the configuration file: {}; from spark-submit instead: {}", configured.keySet(),
                ofConfiguration(config).keySet().stream().filter(key -> !configured.containsKey(key)).toList());
        return spark;
    }
}
