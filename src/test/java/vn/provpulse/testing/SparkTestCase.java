package vn.provpulse.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class on the test JVM's one local Spark session ({@link TestSpark#shared()}): available
 * before the class's own {@code @BeforeAll} methods; after its {@code @AfterAll} methods the
 * session's cached tables are dropped, so the next class starts from an empty cache.
 */
public abstract class SparkTestCase {
    protected static SparkSession spark;

    @BeforeAll
    static void joinSpark() {
        spark = TestSpark.shared();
    }

    @AfterAll
    static void clearSparkCache() {
        spark.catalog().clearCache();
    }
}
