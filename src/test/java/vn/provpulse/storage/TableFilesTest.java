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
import org.junit.jupiter.api.BeforeAll;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

/** Staged tables are written with every column nullable, as one SQL plan, and the rows unchanged; reads need no Spark job for the schema. */
class TableFilesTest extends SparkTestCase {
    private static final String SLICED = "sliced";
    private static final String PLAIN = "plain";
    /** Days from March 1 to April 9: 31 rows in the slice of March, 9 in April's. */
    private static Dataset<Row> fortyDays;
    @TempDir
    static Path directory;

    @BeforeAll
    static void rows() {
        fortyDays = spark.sql("SELECT id, CAST(id AS STRING) AS label, DATE'2026-03-01' + CAST(id AS INT) AS day, "
                + "CAST(id / 3 AS DECIMAL(10, 2)) AS share, TIMESTAMP'2026-03-01 08:00:00' AS at FROM range(40)");
    }

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
    void readsStartNoSparkJobForTheSchema() throws InterruptedException {
        Path sliced = writtenTables().resolve(SLICED);
        Path plain = writtenTables().resolve(PLAIN);
        JobGroups jobs = new JobGroups();
        spark.sparkContext().addSparkListener(jobs);
        try {
            spark.sparkContext().setJobGroup("schema-reads", "reads under test", false);
            TableFiles.readSliced(spark, sliced);
            TableFiles.readSlices(spark, sliced, Set.of("2026-04"), fortyDays.schema());
            TableFiles.readTable(spark, plain);
            runMarkerJob("marker");

            assertThat(awaitStarted(jobs, "marker")).as("the marker job seen").isPositive();
            assertThat(jobs.started("schema-reads")).as("Spark jobs run to read the tables' schemas").isZero();
        }
        finally {
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().removeSparkListener(jobs);
        }
    }

    @Test
    void readsGiveTheSchemaAndRowsSparkInfers() {
        Path sliced = writtenTables().resolve(SLICED);
        Path plain = writtenTables().resolve(PLAIN);
        StructType inferred = spark.read().option("recursiveFileLookup", "true").parquet(sliced.toString()).schema();

        assertThat(TableFiles.readSliced(spark, sliced).schema()).isEqualTo(inferred);
        assertThat(TableFiles.readTable(spark, plain).schema()).isEqualTo(inferred).isEqualTo(spark.read().parquet(plain.toString()).schema());
        Dataset<Row> april = TableFiles.readSlices(spark, sliced, Set.of("2026-04"), fortyDays.schema());
        assertThat(april.schema()).isEqualTo(inferred);
        assertThat(TableFiles.readSliced(spark, sliced).orderBy("id").collectAsList()).isEqualTo(fortyDays.orderBy("id").collectAsList());
        assertThat(april.count()).as("rows of April: days 31 to 39 after March 1").isEqualTo(9);
    }

    @Test
    void theSchemaIsReadFromAFileSparkReads() {
        Path table = directory.resolve("gold").resolve("with-hidden");
        TableFiles.stageTable(fortyDays, List.of("id"), table, directory.resolve("_staging")).commit();
        fortyDays.withColumn("extra", lit(1)).coalesce(1).write().parquet(table.resolve("_leftover").toString());

        assertThat(TableFiles.writtenSchema(List.of(table))).contains(spark.read().parquet(table.toString()).schema());
        assertThat(TableFiles.dataFiles(table)).containsExactly(table.resolve("part-00000.parquet"));
        assertThat(TableFiles.dataFiles(directory.resolve("gold").resolve("missing"))).isEmpty();
    }

    /** A sliced table (a slice per month) and a plain one of {@link #fortyDays}, written once for the tests that read them. */
    private static synchronized Path writtenTables() {
        Path tables = directory.resolve("read");
        if (!Files.isDirectory(tables)) {
            TableFiles.stageSlices(fortyDays, date_format(col("day"), "yyyy-MM"), List.of("id"), tables.resolve(SLICED), directory.resolve("_staging"),
                    Rewrite.entireTable()).commit();
            TableFiles.stageTable(fortyDays, List.of("id"), tables.resolve(PLAIN), directory.resolve("_staging")).commit();
        }
        return tables;
    }

    private static void runMarkerJob(String group) {
        spark.sparkContext().setJobGroup(group, "marker", false);
        spark.range(1).count();
    }

    /** The jobs of the group the listener has seen, once it has seen one or after 10 s (events reach a listener in order). */
    private static int awaitStarted(JobGroups jobs, String group) throws InterruptedException {
        for (int wait = 0; wait < 200 && jobs.started(group) == 0; wait++) {
            Thread.sleep(50);
        }
        return jobs.started(group);
    }

    /** Counts the Spark jobs started per job group. */
    private static final class JobGroups extends SparkListener {
        private final Map<String, Integer> started = new ConcurrentHashMap<>();

        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            started.merge(String.valueOf(jobStart.properties().getProperty("spark.jobGroup.id")), 1, Integer::sum);
        }

        int started(String group) {
            return started.getOrDefault(group, 0);
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
