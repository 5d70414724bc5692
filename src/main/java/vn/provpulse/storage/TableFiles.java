package vn.provpulse.storage;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * Writes Parquet so that readers never see half a table: everything is written under a staging
 * folder first, then moved into place with renames. File names are deterministic, so the same
 * rows give byte-identical trees.
 */
public final class TableFiles {
    private static final String SLICE = "_slice";
    /** The slice folder of a table without rows: one file holding only the schema. */
    private static final String EMPTY = "empty";

    private TableFiles() {}

    /**
     * Adds a run's rows to an append-only table partitioned by a column computed from the rows
     * (stored only in folder names), named {@code run-<sequence>.parquet}. Files of the same sequence
     * left by a crashed attempt are replaced. The rows are not shuffled: each Spark partition of them
     * writes a file for each partition value it holds, so rows grouped one value to a Spark partition
     * (as ingest groups them by month) make one file per value; others get {@code run-<sequence>-<i>}.
     */
    public static void appendPartitions(Dataset<Row> rows, String partitionColumn, Column partitionValue, List<String> sortColumns,
                                        Path table, Path staging, int sequence) {
        Path runStaging = staging.resolve(table.getParent().getFileName() + "-" + table.getFileName() + "-" + sequence);
        LocalFiles.deleteRecursively(runStaging);
        // the partition column first: Spark's writer needs rows ordered by it, and would otherwise re-sort by it alone, losing the order
        rows.withColumn(partitionColumn, partitionValue)
                .sortWithinPartitions(withFirst(partitionColumn, sortColumns))
                .write()
                .mode(SaveMode.Overwrite)
                .partitionBy(partitionColumn)
                .parquet(runStaging.toString());
        String prefix = runPrefix(sequence);
        deleteRunFiles(table, prefix);
        for (Path partition : LocalFiles.children(runStaging)) {
            if (!Files.isDirectory(partition)) {
                continue;
            }
            List<Path> parts = parquetFiles(partition);
            for (int i = 0; i < parts.size(); i++) {
                ParquetFooter.canonicalize(parts.get(i));
                Path target = table.resolve(partition.getFileName()).resolve(prefix + (i == 0 ? "" : "-" + i) + ".parquet");
                LocalFiles.move(parts.get(i), target);
                CommitPoints.reach("mid-append:" + CommitPoints.tableName(table));
            }
        }
        LocalFiles.deleteRecursively(runStaging);
    }

    /**
     * Writes a whole table to staging as one sorted file; {@link Staged#commit()} swaps it into
     * place. Stage every table of a step before committing any, so that no staging write reads a
     * file that an earlier commit of the same step replaced.
     */
    public static Staged stageTable(Dataset<Row> rows, List<String> sortColumns, Path table, Path staging) {
        Path tableStaging = stagingFolder(table, staging);
        LocalFiles.deleteRecursively(tableStaging);
        // one sorted file keeps the output deterministic (coalesce measured faster than repartition here: no extra shuffle)
        allNullable(rows).coalesce(1).sortWithinPartitions(columns(sortColumns)).write().mode(SaveMode.Overwrite)
                .parquet(tableStaging.resolve("spark").toString());
        Path fresh = tableStaging.resolve("ready");
        moveParts(tableStaging.resolve("spark"), fresh);
        return () -> {
            swap(fresh, table);
            LocalFiles.deleteRecursively(tableStaging);
        };
    }

    /**
     * Writes the slices of a sliced table (one folder per slice value, e.g. a month, one sorted
     * file each) to staging; {@link Staged#commit()} replaces what {@code rewrite} names: the whole
     * table, or only those slices (a named slice with no row is removed). Slice folders are plain
     * names ({@code 2026-03}), not Hive partitions: the files hold every column.
     */
    public static Staged stageSlices(Dataset<Row> rows, Column slice, List<String> sortColumns, Path table, Path staging,
                                     Rewrite rewrite) {
        requireNonNull(rewrite, "rewrite is null");
        Path tableStaging = stagingFolder(table, staging);
        LocalFiles.deleteRecursively(tableStaging);
        Path written = tableStaging.resolve("spark");
        allNullable(rows).withColumn(SLICE, slice)
                .repartition(col(SLICE))
                .sortWithinPartitions(withFirst(SLICE, sortColumns))
                .write()
                .mode(SaveMode.Overwrite)
                .partitionBy(SLICE)
                .parquet(written.toString());
        Path ready = tableStaging.resolve("ready");
        for (Path folder : LocalFiles.children(written)) {
            String name = folder.getFileName().toString();
            if (Files.isDirectory(folder) && name.startsWith(SLICE + "=")) {
                String value = name.substring(SLICE.length() + 1);
                if (!rewrite.replaces(value)) {
                    throw new IllegalStateException("Cannot write slice " + value + " of " + table + ": only " + rewrite.slices()
                            + " were to be replaced (a row outside the slices being rewritten)");
                }
                moveParts(folder, ready.resolve(value));
            }
        }
        if (rewrite.wholeTable() && sliceNames(ready).isEmpty()) {
            // an empty table keeps its schema in one file without rows, so that it can be read
            allNullable(rows).limit(0).coalesce(1).write().mode(SaveMode.Overwrite).parquet(tableStaging.resolve("empty").toString());
            moveParts(tableStaging.resolve("empty"), ready.resolve(EMPTY));
        }
        return () -> {
            if (rewrite.wholeTable()) {
                // a whole-table rewrite swaps the table's folder at once, dropping slices that are gone
                swap(ready, table);
            }
            else {
                for (String value : rewrite.slices()) {
                    Path fresh = ready.resolve(value);
                    if (Files.isDirectory(fresh)) {
                        swap(fresh, table.resolve(value));
                    }
                    else {
                        LocalFiles.deleteRecursively(table.resolve(value));
                    }
                }
                if (!sliceNames(table).equals(Set.of(EMPTY))) {
                    LocalFiles.deleteRecursively(table.resolve(EMPTY));
                }
            }
            LocalFiles.deleteRecursively(tableStaging);
        };
    }

    /** Every file of a sliced table (or of a plain one). */
    public static Dataset<Row> readSliced(SparkSession spark, Path table) {
        return reader(spark, List.of(table)).option("recursiveFileLookup", "true").parquet(table.toString());
    }

    /** The named slices of a sliced table that exist; an empty table of that schema when none does. */
    public static Dataset<Row> readSlices(SparkSession spark, Path table, Set<String> slices, StructType schema) {
        List<Path> folders = slices.stream().sorted().map(table::resolve).filter(Files::isDirectory).toList();
        if (folders.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        return reader(spark, folders).option("recursiveFileLookup", "true").parquet(folders.stream().map(Path::toString).toArray(String[]::new));
    }

    /** A table that is not sliced: its Parquet files, with any {@code key=value} folders as partition columns. */
    public static Dataset<Row> readTable(SparkSession spark, Path table) {
        return reader(spark, List.of(table)).parquet(table.toString());
    }

    /**
     * A reader given the schema Spark wrote into the footer of the first data file under the locations, the file Spark's
     * own inference reads, but without the Spark job it runs for that (a night ran ~25 of them). Spark still infers
     * when there is no file or the file has no Spark schema.
     */
    private static DataFrameReader reader(SparkSession spark, List<Path> locations) {
        DataFrameReader reader = spark.read();
        writtenSchema(locations).ifPresent(reader::schema);
        return reader;
    }

    /** The schema Spark wrote into the footer of the first data file under the locations (by path); empty when none has one. */
    public static Optional<StructType> writtenSchema(List<Path> locations) {
        return locations.stream().flatMap(location -> dataFiles(location).stream()).min(Comparator.naturalOrder())
                .flatMap(ParquetFooter::sparkSchema);
    }

    /**
     * The Parquet files Spark reads under a location, sorted by path: none in a folder, or with a name, that starts with
     * a dot or an underscore (a {@code key=value} folder excepted), as Spark skips them. None when the location is missing.
     */
    public static List<Path> dataFiles(Path location) {
        if (!Files.isDirectory(location)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(location)) {
            return files.filter(file -> isData(location.relativize(file))).filter(Files::isRegularFile).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + location, e);
        }
    }

    private static boolean isData(Path relative) {
        String name = relative.getFileName().toString();
        if (!name.endsWith(".parquet") || isHidden(name)) {
            return false;
        }
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String folder = relative.getName(i).toString();
            if (isHidden(folder) && !folder.contains("=")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** The rows of a table's Parquet files (sliced or plain), counted from their footers without a Spark job. */
    public static long rowCount(Path table) {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).mapToLong(ParquetFooter::rowCount).sum();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + table, e);
        }
    }

    /** The slice names present in a sliced table. */
    public static Set<String> sliceNames(Path table) {
        Set<String> names = new TreeSet<>();
        LocalFiles.children(table).stream().filter(Files::isDirectory).forEach(folder -> names.add(folder.getFileName().toString()));
        return names;
    }

    /**
     * The same rows with every column nullable, so that a table reads back with the schema it was
     * written with. When a column is not nullable, every column goes through an identity function
     * Spark must treat as nullable: the optimizer sees through any expression that only looks
     * nullable, and narrows nullable columns too (an empty side of a union pruned), which would write
     * them as required. The table stays one SQL plan instead of a round trip through an RDD of rows.
     */
    static Dataset<Row> allNullable(Dataset<Row> rows) {
        StructField[] fields = rows.schema().fields();
        if (Arrays.stream(fields).allMatch(StructField::nullable)) {
            return rows;
        }
        Column[] columns = Arrays.stream(fields)
                .map(field -> nullableIdentity(field.dataType()).apply(col(field.name())).as(field.name(), field.metadata()))
                .toArray(Column[]::new);
        return rows.select(columns);
    }

    private static UserDefinedFunction nullableIdentity(DataType type) {
        return functions.udf((UDF1<Object, Object>) value -> value, type);
    }

    private static Path stagingFolder(Path table, Path staging) {
        return staging.resolve(table.getParent().getFileName() + "-" + table.getFileName());
    }

    private static Column[] withFirst(String first, List<String> names) {
        List<String> order = new java.util.ArrayList<>(List.of(first));
        order.addAll(names);
        return columns(order);
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    private static void moveParts(Path written, Path target) {
        LocalFiles.createDirectories(target);
        List<Path> parts = parquetFiles(written);
        for (int i = 0; i < parts.size(); i++) {
            ParquetFooter.canonicalize(parts.get(i));
            LocalFiles.move(parts.get(i), target.resolve("part-" + String.format("%05d", i) + ".parquet"));
        }
    }

    /** A table written to staging, waiting to be moved into place. */
    @FunctionalInterface
    public interface Staged {
        void commit();
    }

    /** Removes staging debris of an earlier crash, restoring any table or slice caught mid-swap. */
    public static void recover(Path root, Path staging) {
        for (Path zone : LocalFiles.children(root)) {
            restoreSwapped(zone);
            LocalFiles.children(zone).stream().filter(Files::isDirectory).forEach(TableFiles::restoreSwapped);
        }
        LocalFiles.deleteRecursively(staging);
    }

    /** In a folder, a {@code name.old} left by a swap is dropped when {@code name} exists, else moved back. */
    private static void restoreSwapped(Path folder) {
        for (Path child : LocalFiles.children(folder)) {
            String name = child.getFileName().toString();
            if (name.endsWith(".old") && Files.isDirectory(child)) {
                Path original = child.resolveSibling(name.substring(0, name.length() - 4));
                if (Files.exists(original)) {
                    LocalFiles.deleteRecursively(child);
                }
                else {
                    LocalFiles.move(child, original);
                }
            }
        }
    }

    private static void swap(Path fresh, Path table) {
        String point = CommitPoints.tableName(table);
        CommitPoints.reach("before-swap:" + point);
        Path old = table.resolveSibling(table.getFileName() + ".old");
        LocalFiles.deleteRecursively(old);
        LocalFiles.createDirectories(table.getParent());
        if (Files.exists(table)) {
            LocalFiles.move(table, old);
        }
        CommitPoints.reach("mid-swap:" + point);
        LocalFiles.move(fresh, table);
        LocalFiles.deleteRecursively(old);
    }

    /** Removes the files an uncommitted run of this sequence may have left in an append-only table. */
    public static void deleteUncommittedRun(Path table, int sequence) {
        deleteRunFiles(table, runPrefix(sequence));
    }

    private static String runPrefix(int sequence) {
        return String.format("run-%06d", sequence);
    }

    private static void deleteRunFiles(Path table, String prefix) {
        for (Path partition : LocalFiles.children(table)) {
            for (Path file : LocalFiles.children(partition)) {
                if (file.getFileName().toString().startsWith(prefix)) {
                    LocalFiles.delete(file);
                }
            }
        }
    }

    private static List<Path> parquetFiles(Path directory) {
        return LocalFiles.children(directory).stream()
                .filter(file -> file.getFileName().toString().endsWith(".parquet"))
                .toList();
    }
}
