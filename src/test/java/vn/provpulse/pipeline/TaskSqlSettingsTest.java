package vn.provpulse.pipeline;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.junit.jupiter.api.Test;
import vn.provpulse.testing.TestSpark;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskSqlSettingsTest {
    private static final String CASE_SENSITIVE = "spark.sql.caseSensitive";
    private static final String FAIL = "fail";

    @Test
    void aTaskReadsOneSettingsObjectHoldingItsSessionsSettings() {
        assertThat(settingsSeen(runCaseSensitive(TestSpark.shared(), ""))).containsExactly("same settings, caseSensitive=true", "same settings, caseSensitive=true");
    }

    @Test
    void aLaterTaskOnTheSameThreadSeesItsOwnJobsSettings() {
        SparkSession spark = TestSpark.shared();
        List<String> earlier = runCaseSensitive(spark, "");

        List<String> later = run(spark, "");

        assertThat(threads(later)).containsAnyElementsOf(threads(earlier));
        assertThat(settingsSeen(later)).containsExactly("same settings, caseSensitive=false", "same settings, caseSensitive=false");
    }

    @Test
    void aTaskAfterAFailedOneOnTheSameThreadSeesItsOwnJobsSettings() {
        SparkSession spark = TestSpark.shared();
        assertThatThrownBy(() -> runCaseSensitive(spark, FAIL)).hasStackTraceContaining("a task failing on purpose");
        Set<String> threadsOfFailedTasks = new TreeSet<>(SettingsSeen.FAILED_ON);

        List<String> later = run(spark, "");

        assertThat(threads(later)).containsAnyElementsOf(threadsOfFailedTasks);
        assertThat(settingsSeen(later)).containsExactly("same settings, caseSensitive=false", "same settings, caseSensitive=false");
    }

    private static List<String> runCaseSensitive(SparkSession spark, String behaviour) {
        spark.conf().set(CASE_SENSITIVE, "true");
        try {
            return run(spark, behaviour);
        }
        finally {
            spark.conf().unset(CASE_SENSITIVE);
        }
    }

    /** What each of two tasks of a SQL job read, as "thread|what": whether two asks gave one settings object, and a setting of the session. */
    private static List<String> run(SparkSession spark, String behaviour) {
        return spark.range(0, 4, 1, 2).mapPartitions(new SettingsSeen(behaviour), Encoders.STRING()).collectAsList();
    }

    private static List<String> settingsSeen(List<String> seen) {
        return seen.stream().map(line -> line.substring(line.indexOf('|') + 1)).toList();
    }

    private static Set<String> threads(List<String> seen) {
        return new TreeSet<>(seen.stream().map(line -> line.substring(0, line.indexOf('|'))).toList());
    }

    private static final class SettingsSeen implements MapPartitionsFunction<Long, String> {
        /** Ids of the threads the failing tasks ran on (local mode: in this JVM; a task renames its thread). */
        static final Set<String> FAILED_ON = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final String behaviour;

        SettingsSeen(String behaviour) {
            this.behaviour = behaviour;
        }

        @Override
        public Iterator<String> call(Iterator<Long> rows) {
            SQLConf first = SQLConf.get();
            if (behaviour.equals(FAIL)) {
                FAILED_ON.add(String.valueOf(Thread.currentThread().getId()));
                throw new IllegalStateException("a task failing on purpose");
            }
            String same = first == SQLConf.get() ? "same settings" : "settings built per ask";
            return List.of(Thread.currentThread().getId() + "|" + same + ", caseSensitive=" + first.caseSensitiveAnalysis()).iterator();
        }
    }
}
