package vn.provpulse.storage;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.testing.SparkTestCase;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The same rows give the same bytes whatever order parquet-mr listed a column chunk's encodings in. */
class ParquetFooterTest extends SparkTestCase {
    @TempDir
    static Path directory;

    @Test
    void rowCountOfATableIsTheSumOfItsFilesFooters() {
        Path table = directory.resolve("counted");
        spark.sql("SELECT id FROM range(50)").repartition(3).write().parquet(table.resolve("2026-01").toString());
        spark.sql("SELECT id FROM range(7)").coalesce(1).write().parquet(table.resolve("2026-02").toString());

        assertThat(TableFiles.rowCount(table)).isEqualTo(57);
    }

    @Test
    void statisticsProveADateOnlyWhenEveryRowHoldsIt() {
        LocalDate sixth = LocalDate.parse("2026-03-06");
        assertThat(ParquetFooter.provesOnlyDate(oneFile("one_date", "SELECT DATE'2026-03-06' AS as_of_date, id FROM range(20)"),
                "as_of_date", sixth)).isTrue();
        assertThat(ParquetFooter.provesOnlyDate(oneFile("two_dates",
                "SELECT IF(id = 19, DATE'2026-03-05', DATE'2026-03-06') AS as_of_date, id FROM range(20)"), "as_of_date", sixth)).isFalse();
        assertThat(ParquetFooter.provesOnlyDate(oneFile("a_null",
                "SELECT IF(id = 19, NULL, DATE'2026-03-06') AS as_of_date, id FROM range(20)"), "as_of_date", sixth)).isFalse();
        assertThat(ParquetFooter.provesOnlyDate(oneFile("other_date", "SELECT DATE'2026-03-05' AS as_of_date FROM range(3)"),
                "as_of_date", sixth)).isFalse();
        assertThat(ParquetFooter.provesOnlyDate(oneFile("no_column", "SELECT id FROM range(3)"), "as_of_date", sixth)).isFalse();
    }

    @Test
    void sparkSchemaIsTheSchemaSparkReadsAndNothingForAnotherWriter() throws IOException {
        Path file = oneFile("typed", "SELECT id, CAST(id AS INT) AS small, CAST(id AS STRING) AS label, id * 1.5D AS amount, id % 2 = 0 AS even, "
                + "DATE'2026-03-06' AS day, TIMESTAMP'2026-03-06 08:30:00' AS moment FROM range(4)");
        StructType read = spark.read().parquet(file.toString()).schema();

        StructType fromFooter = ParquetFooter.sparkSchema(file).orElseThrow();
        assertThat(fromFooter.fieldNames()).containsExactly(read.fieldNames());
        assertThat(Stream.of(fromFooter.fields()).map(StructField::dataType)).containsExactlyElementsOf(Stream.of(read.fields()).map(StructField::dataType).toList());

        Path foreign = directory.resolve("foreign.parquet");
        Files.write(foreign, withoutSparkSchema(Files.readAllBytes(file)));
        assertThat(ParquetFooter.sparkSchema(foreign)).isEmpty();
        assertThat(spark.read().parquet(foreign.toString()).count()).as("the rewritten file is still a valid Parquet file").isEqualTo(4);
    }

    /** A Parquet file's bytes without the footer's entry for Spark's schema (other key-value entries kept). */
    private static byte[] withoutSparkSchema(byte[] bytes) throws IOException {
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = bytes.length - 8 - footerLength;
        FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, footerLength));
        int before = metadata.getKey_value_metadata().size();
        metadata.getKey_value_metadata().removeIf(entry -> entry.getKey().equals(ParquetReadSupport.SPARK_METADATA_KEY()));
        assertThat(metadata.getKey_value_metadata()).as("other key-value entries kept").hasSize(before - 1).isNotEmpty();
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        rewritten.write(bytes, 0, footerStart);
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(metadata, footer);
        footer.writeTo(rewritten);
        rewritten.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
        rewritten.write("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return rewritten.toByteArray();
    }

    /** The one Parquet file a query's rows are written to. */
    private static Path oneFile(String name, String query) {
        Path folder = directory.resolve(name);
        spark.sql(query).coalesce(1).write().parquet(folder.toString());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void encodingsListedInAnyOrderAreSortedAndTheRowsStayReadable() throws IOException {
        Path written = directory.resolve("written");
        spark.sql("SELECT id, CAST(id % 3 AS STRING) AS label, IF(id % 2 = 0, NULL, id * 1.5) AS amount FROM range(50)")
                .coalesce(1).write().parquet(written.toString());
        Path file;
        try (Stream<Path> files = Files.list(written)) {
            file = files.filter(path -> path.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        ParquetFooter.canonicalize(file);
        byte[] canonical = Files.readAllBytes(file);

        int reordered = rewriteFooter(file, encodings -> Collections.reverse(encodings));
        assertThat(reordered).as("column chunks with two or more encodings").isPositive();
        assertThat(Files.readAllBytes(file)).isNotEqualTo(canonical);

        ParquetFooter.canonicalize(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(canonical);
        assertThat(spark.read().parquet(file.toString()).filter("amount IS NULL").count()).isEqualTo(25);
    }

    /** Applies a change to every column chunk's encodings list in the footer; returns how many lists had two or more. */
    private static int rewriteFooter(Path file, java.util.function.Consumer<List<Encoding>> change) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = bytes.length - 8 - footerLength;
        FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, footerLength));
        int lists = 0;
        for (RowGroup group : metadata.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                List<Encoding> encodings = new ArrayList<>(chunk.getMeta_data().getEncodings());
                lists += encodings.size() > 1 ? 1 : 0;
                change.accept(encodings);
                chunk.getMeta_data().setEncodings(encodings);
            }
        }
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(metadata, footer);
        System.arraycopy(footer.toByteArray(), 0, bytes, footerStart, footerLength);
        Files.write(file, bytes);
        return lists;
    }
}
