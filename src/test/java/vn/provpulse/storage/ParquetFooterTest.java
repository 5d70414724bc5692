package vn.provpulse.storage;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
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
