package vn.provpulse.testing;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Small hand-made datasets for transform tests: a DDL schema and rows written inline. */
public final class Fixtures {
    private Fixtures() {}

    public static Dataset<Row> rows(SparkSession spark, String ddl, Object[]... values) {
        List<Row> rows = Arrays.stream(values).map(RowFactory::create).toList();
        return spark.createDataFrame(rows, StructType.fromDDL(ddl));
    }

    public static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    public static Instant instant(String text) {
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }

    /** Rows as maps of column → value, in dataset order. */
    public static List<java.util.Map<String, Object>> collect(Dataset<Row> rows) {
        String[] columns = rows.columns();
        return rows.collectAsList().stream().map(row -> {
            java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                values.put(columns[i], row.get(i));
            }
            return values;
        }).toList();
    }

    /** Every file under a folder (relative path → SHA-256 of its bytes), to compare trees byte for byte. */
    public static java.util.Map<String, String> fileHashes(java.nio.file.Path root) throws java.io.IOException {
        java.util.Map<String, String> hashes = new java.util.TreeMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                hashes.put(root.relativize(file).toString(), vn.provpulse.storage.Digests.sha256(file));
            }
        }
        return hashes;
    }

    /** Copies a folder's tree (folders first, then their files) to {@code to}, which must not exist. */
    public static void copyTree(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path file : files.toList()) {
                java.nio.file.Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }
}
