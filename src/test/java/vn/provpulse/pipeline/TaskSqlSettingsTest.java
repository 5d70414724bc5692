package vn.provpulse.pipeline;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.junit.jupiter.api.Test;
import vn.provpulse.testing.TestSpark;

import java.util.Iterator;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class TaskSqlSettingsTest {
    private static final String CASE_SENSITIVE = "spark.sql.caseSensitive";

    @Test
    void aTaskReadsOneSettingsObjectHoldingItsSessionsSettings() {
        SparkSession spark = TestSpark.shared();
        spark.conf().set(CASE_SENSITIVE, "true");
        try {
            assertThat(whatTasksSee(spark)).containsExactly("same settings, caseSensitive=true", "same settings, caseSensitive=true");
        }
        finally {
            spark.conf().unset(CASE_SENSITIVE);
        }
    }

    @Test
    void aLaterTaskOnTheSameThreadSeesItsOwnJobsSettings() {
        SparkSession spark = TestSpark.shared();
        spark.conf().set(CASE_SENSITIVE, "true");
        try {
            whatTasksSee(spark);
        }
        finally {
            spark.conf().unset(CASE_SENSITIVE);
        }

        assertThat(whatTasksSee(spark)).containsExactly("same settings, caseSensitive=false", "same settings, caseSensitive=false");
    }

    @Test
    void thePluginsSparkSubmitWasGivenAreKeptAndOursIsAddedOnce() {
        Properties submitted = new Properties();
        submitted.setProperty("spark.plugins", " com.example.Metrics , " + TaskSqlSettings.class.getName());

        assertThat(SparkSessions.plugins(submitted)).isEqualTo("com.example.Metrics," + TaskSqlSettings.class.getName());
        assertThat(SparkSessions.plugins(new Properties())).isEqualTo(TaskSqlSettings.class.getName());
    }

    /** What each of two tasks of a SQL job reads: whether two asks give one settings object, and a setting of its session. */
    private static List<String> whatTasksSee(SparkSession spark) {
        return spark.range(0, 4, 1, 2).mapPartitions(new SettingsSeen(), Encoders.STRING()).collectAsList();
    }

    private static final class SettingsSeen implements MapPartitionsFunction<Long, String> {
        @Override
        public Iterator<String> call(Iterator<Long> rows) {
            SQLConf first = SQLConf.get();
            String same = first == SQLConf.get() ? "same settings" : "settings built per ask";
            return List.of(same + ", caseSensitive=" + first.caseSensitiveAnalysis()).iterator();
        }
    }
}
