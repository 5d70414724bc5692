package vn.provpulse.pipeline;

import org.junit.jupiter.api.Test;
import vn.provpulse.testing.TestSpark;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SparkSessionsTest {
    @Test
    void theConfigurationSetsTheMasterPartitionsAndItsSettingsWhenSparkSubmitGaveNone() {
        assertThat(SparkSessions.configured(TestSpark.config(), new Properties()))
                .containsEntry("spark.master", TestSpark.config().spark().master())
                .containsEntry("spark.sql.shuffle.partitions", String.valueOf(TestSpark.config().spark().shufflePartitions()))
                .containsAllEntriesOf(TestSpark.config().spark().settings());
    }

    @Test
    void aSettingGivenToSparkSubmitWinsOverTheConfiguration() {
        Properties submitted = new Properties();
        submitted.setProperty("spark.master", "yarn");
        submitted.setProperty("spark.sql.shuffle.partitions", "64");
        submitted.setProperty("spark.sql.adaptive.enabled", "true");

        assertThat(SparkSessions.configured(TestSpark.config(), submitted))
                .doesNotContainKeys("spark.master", "spark.sql.shuffle.partitions", "spark.sql.adaptive.enabled")
                .containsEntry("spark.sql.codegen.wholeStage", "false");
    }

    @Test
    void taskSqlSettingsIsAddedToNoOtherPlugins() {
        assertThat(SparkSessions.plugins("")).isEqualTo(TaskSqlSettings.class.getName());
    }

    @Test
    void thePluginsGivenAreKeptAndTaskSqlSettingsIsListedOnce() {
        assertThat(SparkSessions.plugins(" com.example.Metrics , " + TaskSqlSettings.class.getName()))
                .isEqualTo("com.example.Metrics," + TaskSqlSettings.class.getName());
        assertThat(SparkSessions.plugins("com.example.Metrics")).isEqualTo("com.example.Metrics," + TaskSqlSettings.class.getName());
    }
}
