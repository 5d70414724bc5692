package vn.provpulse.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class that shares one local Spark session among its tests: started before the class's
 * own {@code @BeforeAll} methods, stopped after its {@code @AfterAll} methods.
 */
public abstract class SparkTestCase {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }
}
