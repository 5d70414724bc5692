package vn.provpulse.testing;

import org.apache.spark.sql.SparkSession;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.pipeline.SparkSessions;

import java.nio.file.Path;

/** The shipped configuration and a local Spark session for a test class (local[2], few partitions, no UI). */
public final class TestSpark {
    private TestSpark() {}

    public static ProvPulseConfig config() {
        return ConfigLoader.load(Path.of(ConfigLoader.DEFAULT_PATH));
    }

    public static SparkSession start() {
        return SparkSessions.create(config(), "provpulse-test");
    }
}
