package vn.provpulse.storage;

import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.testing.SparkTestCase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Staged tables are written with every column nullable, as one SQL plan, and the rows unchanged; reads need no Spark job for the schema. */
class TableFilesTest extends SparkTestCase {
    @TempDir
    static Path directory;

    @Test
    void nonNullableColumnsBecomeNullableWithTheSameValues() {
        Dataset<Row> rows = spark.sql("SELECT id, CAST(id AS STRING) AS label, DATE'2026-03-01' + CAST(id AS INT) AS day, "
                + "CAST(id / 3 AS DECIMAL(10, 2)) AS share, TIMESTAMP'2026-03-01 08:00:00' AS at, IF(id = 2, NULL, id) AS maybe FROM range(5)");
        assertThat(rows.schema().fields()).extracting(StructField::nullable).contains(false);

        Dataset<Row> nullable = TableFiles.allNullable(rows);

        assertThat(nullable.schema().fields()).extracting(StructField::nullable).containsOnly(true);
        assertThat(nullable.schema().fieldNames()).containsExactly(rows.schema().fieldNames());
        assertThat(nullable.collectAsList()).isEqualTo(rows.collectAsList());
        assertThat(nullable.queryExecution().analyzed().treeString()).as("the plan").doesNotContain("LogicalRDD", "ExternalRDD")
                .contains("Range");
    }

    @Test
    void aStagedTableIsWrittenWithOptionalColumnsAndTheSameRows() throws IOException {
        // label is nullable as analysed, but the optimizer prunes the empty side of the union and finds it never null
        Dataset<Row> rows = spark.sql("SELECT id, COUNT(*) OVER (PARTITION BY id % 2) AS peers, label FROM ("
                + "SELECT id, CAST(NULL AS STRING) AS label FROM range(3) WHERE 1 = 0 UNION ALL SELECT id, 'x' AS label FROM range(6))");
        Path table = directory.resolve("gold").resolve("counted");

        TableFiles.stageTable(rows, List.of("id"), table, directory.resolve("_staging")).commit();

        Path file = table.resolve("part-00000.parquet");
        assertThat(repetitions(file)).as("the file's columns").containsOnly(FieldRepetitionType.OPTIONAL).hasSize(3);
        assertThat(spark.read().parquet(table.toString()).orderBy("id").collectAsList()).isEqualTo(rows.orderBy("id").collectAsList());
    }

    /** The repetition of each column in the file's footer schema (its first element is the root). */
    private static List<FieldRepetitionType> repetitions(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - footerLength, footerLength));
        return metadata.getSchema().stream().skip(1).map(SchemaElement::getRepetition_type).toList();
    }

    @Test
    void readsTakeTheSchemaSparkWroteWithoutASparkJob() throws InterruptedException {
        Dataset<Row> rows = spark.sql("SELECT id, CAST(id AS STRING) AS label, DATE'2026-03-01' + CAST(id AS INT) AS day, "
                + "CAST(id / 3 AS DECIMAL(10, 2)) AS share, TIMESTAMP'2026-03-01 08:00:00' AS at FROM range(40)");
        Path sliced = directory.resolve("silver").resolve("sliced");
        TableFiles.stageSlices(rows, org.apache.spark.sql.functions.date_format(org.apache.spark.sql.functions.col("day"), "yyyy-MM"),
                List.of("id"), sliced, directory.resolve("_staging"), Rewrite.entireTable()).commit();
        Path plain = directory.resolve("gold").resolve("plain");
        TableFiles.stageTable(rows, List.of("id"), plain, directory.resolve("_staging")).commit();
        JobGroups jobs = new JobGroups();
        spark.sparkContext().addSparkListener(jobs);
        try {
            spark.sparkContext().setJobGroup("schema-reads", "reads under test", false);
            Dataset<Row> wholeSliced = TableFiles.readSliced(spark, sliced);
            Dataset<Row> oneSlice = TableFiles.readSlices(spark, sliced, java.util.Set.of("2026-04"), rows.schema());
            Dataset<Row> wholePlain = TableFiles.readTable(spark, plain);
            jobs.awaitJobOf("marker");

            assertThat(jobs.started("schema-reads")).as("Spark jobs run to read the tables' schemas").isZero();
            StructType inferred = spark.read().option("recursiveFileLookup", "true").parquet(sliced.toString()).schema();
            assertThat(wholeSliced.schema()).isEqualTo(inferred).isEqualTo(spark.read().parquet(plain.toString()).schema());
            assertThat(wholePlain.schema()).isEqualTo(inferred);
            assertThat(oneSlice.schema()).isEqualTo(inferred);
            assertThat(wholeSliced.orderBy("id").collectAsList()).isEqualTo(rows.orderBy("id").collectAsList());
            assertThat(oneSlice.count()).as("rows of April: days 31 to 39 after March 1").isEqualTo(9);
        }
        finally {
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().removeSparkListener(jobs);
        }
    }

    /** Counts the Spark jobs started per job group; a job of a marker group shows that every earlier start was counted. */
    private static final class JobGroups extends SparkListener {
        private final java.util.Map<String, Integer> started = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            started.merge(String.valueOf(jobStart.properties().getProperty("spark.jobGroup.id")), 1, Integer::sum);
        }

        int started(String group) {
            return started.getOrDefault(group, 0);
        }

        /** Runs a job in the group and waits until this listener has seen it (events reach a listener in order). */
        void awaitJobOf(String group) throws InterruptedException {
            spark.sparkContext().setJobGroup(group, "marker", false);
            spark.range(1).count();
            for (int wait = 0; wait < 200 && started(group) == 0; wait++) {
                Thread.sleep(50);
            }
            assertThat(started(group)).as("the marker job seen").isPositive();
        }
    }

    @Test
    void concurrentTasksRunInTheCallersJobGroup() {
        spark.sparkContext().setJobGroup("gold", "test writes", false);
        try {
            List<String> groups = ConcurrentTasks.run(List.of(
                    () -> spark.sparkContext().getLocalProperty("spark.jobGroup.id"),
                    () -> spark.sparkContext().getLocalProperty("spark.jobGroup.id")));

            assertThat(groups).containsExactly("gold", "gold");
        }
        finally {
            spark.sparkContext().clearJobGroup();
        }
    }
}
