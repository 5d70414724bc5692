package vn.provpulse.testing;

import org.apache.spark.sql.SparkSession;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.pipeline.SparkSessions;

import java.nio.file.Path;

/**
 * The shipped configuration and the one local Spark session of a test JVM (local[2], few partitions,
 * no UI), shared by every test class in it: started on first use, stopped by Spark's own shutdown hook
 * when the JVM exits. A provpulse command run in the test JVM gets this session from Spark and closes
 * it when done; the next class then starts a new one.
 */
public final class TestSpark {
    private static SparkSession shared;

    private TestSpark() {}

    public static ProvPulseConfig config() {
        return ConfigLoader.load(Path.of(ConfigLoader.DEFAULT_PATH));
    }

    /** The shipped configuration on DIR/landing and DIR/WAREHOUSE, with a test key file in DIR. */
    public static ProvPulseConfig configFor(Path directory, String warehouse) throws java.io.IOException {
        Path key = directory.resolve("pii.key");
        if (!java.nio.file.Files.exists(key)) {
            java.nio.file.Files.writeString(key, "provpulse-test-key-0123456789abcdef");
            java.nio.file.Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        return config().withPaths(directory.resolve("landing").toString(), directory.resolve(warehouse).toString()).withPiiKeyFile(key.toString());
    }

    public static synchronized SparkSession shared() {
        if (shared == null || shared.sparkContext().isStopped()) {
            shared = SparkSessions.create(config(), "provpulse-test");
        }
        return shared;
    }
}
