package vn.provpulse.storage;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.format.Util;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Makes a Parquet file's bytes depend only on its rows. parquet-mr lists each column chunk's
 * encodings from a hash set of enum constants, whose order changes from one JVM to the next, so
 * the same rows written by two processes differ in a few footer bytes. This sorts those lists in
 * place (same length, same meaning), and drops Hadoop's checksum file of the old bytes.
 */
public final class ParquetFooter {
    private static final int TAIL = 8;
    private static final String MAGIC = "PAR1";

    private ParquetFooter() {}

    public static void canonicalize(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int footerLength = footerLength(channel, file);
            long footerStart = channel.size() - TAIL - footerLength;
            FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(read(channel, footerStart, footerLength).array()));
            if (sortEncodings(metadata)) {
                ByteArrayOutputStream footer = new ByteArrayOutputStream(footerLength);
                Util.writeFileMetaData(metadata, footer);
                if (footer.size() != footerLength) {
                    throw new IllegalStateException("Cannot canonicalize " + file + ": the footer changed length");
                }
                channel.write(ByteBuffer.wrap(footer.toByteArray()), footerStart);
                // Hadoop's checksum of the old bytes would now fail the read
                java.nio.file.Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot canonicalize the Parquet footer of " + file, e);
        }
    }

    /** The number of rows a Parquet file holds, from its footer (no data page is read). */
    public static long rowCount(Path file) {
        return metadata(file).getNum_rows();
    }

    /**
     * Whether the footer's statistics prove that every row of the file holds {@code date} in the DATE column: no null,
     * and that date as both the least and the greatest value of each row group. False when they prove nothing (no
     * statistics, or another value): the caller then reads the rows.
     */
    public static boolean provesOnlyDate(Path file, String column, LocalDate date) {
        byte[] expected = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(Math.toIntExact(date.toEpochDay())).array();
        for (RowGroup group : metadata(file).getRow_groups()) {
            ColumnMetaData chunk = group.getColumns().stream().map(ColumnChunk::getMeta_data)
                    .filter(meta -> meta.getPath_in_schema().equals(List.of(column))).findFirst().orElse(null);
            if (chunk == null || !onlyValue(chunk.getStatistics(), expected)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Spark schema a Parquet file was written with, from the row metadata Spark keeps in its footer (no Spark job);
     * empty for a file that another writer made.
     */
    public static Optional<StructType> sparkSchema(Path file) {
        return Optional.ofNullable(metadata(file).getKey_value_metadata()).orElse(List.of()).stream()
                .filter(entry -> entry.getKey().equals(ParquetReadSupport.SPARK_METADATA_KEY())).findFirst()
                .map(entry -> (StructType) DataType.fromJson(entry.getValue()));
    }

    /** A Parquet file's footer, read without its data pages. */
    private static FileMetaData metadata(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int footerLength = footerLength(channel, file);
            return Util.readFileMetaData(new ByteArrayInputStream(read(channel, channel.size() - TAIL - footerLength, footerLength).array()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Parquet footer of " + file, e);
        }
    }

    private static boolean onlyValue(Statistics statistics, byte[] value) {
        return statistics != null && statistics.isSetNull_count() && statistics.getNull_count() == 0
                && statistics.isSetMin_value() && statistics.isSetMax_value()
                && Arrays.equals(statistics.getMin_value(), value) && Arrays.equals(statistics.getMax_value(), value);
    }

    private static int footerLength(FileChannel channel, Path file) throws IOException {
        ByteBuffer tail = read(channel, channel.size() - TAIL, TAIL).order(ByteOrder.LITTLE_ENDIAN);
        if (!MAGIC.equals(new String(tail.array(), 4, 4, StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("Cannot read the Parquet footer of " + file + ": not a Parquet file");
        }
        return tail.getInt(0);
    }

    private static boolean sortEncodings(FileMetaData metadata) {
        boolean changed = false;
        for (RowGroup group : metadata.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                ColumnMetaData column = chunk.getMeta_data();
                List<Encoding> sorted = new ArrayList<>(column.getEncodings());
                sorted.sort(Comparator.comparingInt(Encoding::getValue));
                if (!sorted.equals(column.getEncodings())) {
                    column.setEncodings(sorted);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer;
    }
}
