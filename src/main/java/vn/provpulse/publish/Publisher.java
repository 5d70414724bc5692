package vn.provpulse.publish;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.PublishedDocs;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.refine.RefineJob;
import vn.provpulse.refine.UnitMapTable;
import vn.provpulse.storage.Digests;
import vn.provpulse.storage.ParquetFooter;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.metrics.ProvinceTrend;
import vn.provpulse.trino.PublishedScope;
import vn.provpulse.trino.TrinoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Publishes gold and silver to Trino: the current Parquet files are hard-linked into a version
 * folder, registered as tables of the hidden *_versions schemas, commented, and then the public
 * views gold.&lt;table&gt; and silver.&lt;table&gt; are swapped to the new version. Old versions
 * beyond the last few are dropped. Publishing the same data twice is a no-op.
 */
public final class Publisher {
    public static final List<String> SILVER_TABLES = List.of(UnitMapTable.NAME, RefineJob.UNITS, RefineJob.TASK_HISTORY,
            RefineJob.TASK_LATEST, RefineJob.FEEDBACK_HISTORY, RefineJob.FEEDBACK_LATEST, RefineJob.RATINGS);
    private static final Logger LOG = LogManager.getLogger(Publisher.class);
    private static final int VERSIONS_KEPT = 3;
    private static final int COMMENT_CONNECTIONS = 4;
    private static final PublishedDocs DOCS = PublishedDocs.load();

    private final SparkSession spark;
    private final WarehouseLayout warehouse;
    private final TrinoServer server;

    public Publisher(SparkSession spark, WarehouseLayout warehouse, TrinoServer server) {
        this.spark = requireNonNull(spark, "spark is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.server = requireNonNull(server, "server is null");
    }

    /** Publishes the warehouse's current gold and silver; returns the version the views point to. */
    public String publish() {
        GoldCommit.requireComplete(spark, warehouse);
        if (!server.isUp()) {
            throw new IllegalStateException("Cannot publish: Trino at " + server.jdbcUrl() + " is not running (start it with: provpulse trino start)");
        }
        String version = version();
        Path current = published().resolve("current");
        if (version.equals(read(current))) {
            server.writeAccessRules(scope());
            LOG.info("publish: version {} is already published; nothing to do but the access rules", version);
            return version;
        }
        try (Connection connection = server.connectAsService(); Statement statement = connection.createStatement()) {
            for (String schema : List.of("gold", "silver")) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + TrinoServer.CATALOG + "." + schema);
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + TrinoServer.CATALOG + "." + schema + TrinoServer.Layout.VERSIONS_SUFFIX);
            }
            List<Table> tables = tables();
            Map<Table, List<String>> columns = new LinkedHashMap<>();
            for (Table table : tables) {
                columns.put(table, register(statement, table, version));
            }
            // the views are swapped back to back, column comments after, to keep the moment two tables show different versions short
            for (Table table : tables) {
                statement.execute("CREATE OR REPLACE VIEW " + view(table) + " COMMENT " + literal(DOCS.table(table.schema(), table.name()).doc().comment())
                        + " SECURITY DEFINER AS SELECT * FROM " + versioned(table, version));
            }
            commentColumns(columns);
            server.writeAccessRules(scope());
            vn.provpulse.storage.LocalFiles.writeAtomically(current, version);
            dropOldVersions(statement, version);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot publish version " + version + " to " + server.jdbcUrl() + ": " + e.getMessage(), e);
        }
        LOG.info("publish: views now show version {}", version);
        return version;
    }

    /** Creates the table of this version over links to the table's files; returns its columns. */
    private List<String> register(Statement statement, Table table, String version) throws SQLException {
        Path folder = published().resolve(version).resolve(table.schema()).resolve(table.name());
        linkFiles(table.location(), folder);
        StructType schema = schema(folder);
        List<String> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            columns.add("\"" + field.name() + "\" " + trinoType(field.dataType()) + " COMMENT " + literal(DOCS.column(table.schema(), table.name(), field.name()).comment()));
        }
        statement.execute("CREATE TABLE IF NOT EXISTS " + versioned(table, version) + " (" + String.join(", ", columns) + ") COMMENT "
                + literal(DOCS.table(table.schema(), table.name()).doc().comment()) + " WITH (external_location = "
                + literal("local:///" + published().relativize(folder)) + ", format = 'PARQUET')");
        return List.of(schema.fieldNames());
    }

    /**
     * Comments every view's columns, the views shared out over a few connections: each statement is a round trip of
     * ~25 ms of which the server's metastore holds its lock for only part, so a few run side by side.
     */
    private void commentColumns(Map<Table, List<String>> columns) throws SQLException {
        Queue<Table> pending = new ConcurrentLinkedQueue<>(columns.keySet());
        Callable<Void> commenter = () -> {
            try (Connection connection = server.connectAsService(); Statement statement = connection.createStatement()) {
                for (Table table = pending.poll(); table != null && !Thread.currentThread().isInterrupted(); table = pending.poll()) {
                    for (String column : columns.get(table)) {
                        statement.execute("COMMENT ON COLUMN " + view(table) + ".\"" + column + "\" IS " + literal(DOCS.column(table.schema(), table.name(), column).comment()));
                    }
                }
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(COMMENT_CONNECTIONS);
        try {
            SQLException failure = null;
            for (Future<Void> commenting : pool.invokeAll(java.util.Collections.nCopies(COMMENT_CONNECTIONS, commenter))) {
                try {
                    commenting.get();
                }
                catch (ExecutionException e) {
                    SQLException cause = e.getCause() instanceof SQLException sql ? sql : new SQLException("Cannot comment the views' columns: " + e.getCause(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    }
                    else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot publish: interrupted while commenting the views' columns (run provpulse publish again)", e);
        }
        finally {
            stop(pool);
        }
    }

    /** Stops the commenting threads and waits for them, so that none sends a statement after publish has returned. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dropOldVersions(Statement statement, String keep) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Stream<Path> folders = Files.list(published())) {
            folders.filter(Files::isDirectory).filter(folder -> !folder.getFileName().toString().equals(TrinoServer.Layout.METASTORE))
                    .sorted(java.util.Comparator.comparing(Publisher::modified))
                    .map(folder -> folder.getFileName().toString())
                    .forEach(versions::add);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.remove(keep);
        for (String old : versions.subList(0, Math.max(0, versions.size() - (VERSIONS_KEPT - 1)))) {
            for (String schema : List.of("gold", "silver")) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SHOW TABLES FROM " + TrinoServer.CATALOG + "." + schema + TrinoServer.Layout.VERSIONS_SUFFIX
                        + " LIKE " + literal("%__" + old))) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    statement.execute("DROP TABLE IF EXISTS " + TrinoServer.CATALOG + "." + schema + TrinoServer.Layout.VERSIONS_SUFFIX + ".\"" + table + "\"");
                }
            }
            vn.provpulse.storage.LocalFiles.deleteRecursively(published().resolve(old));
            LOG.info("publish: dropped old version {}", old);
        }
    }

    /** A deterministic version id: the run date's gold as_of and a hash of every published file. */
    String version() {
        try {
            MessageDigest digest = Digests.newSha256();
            List<Path> locations = new ArrayList<>();
            GoldJob.TABLES.forEach(table -> locations.add(warehouse.gold(table)));
            SILVER_TABLES.forEach(table -> locations.add(warehouse.silver(table)));
            for (Path location : locations) {
                for (Path file : parquetFiles(location)) {
                    digest.update(warehouse.root().relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
            return "v" + Digests.shortHex(digest);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the gold tables to publish", e);
        }
    }

    private List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        GoldJob.TABLES.forEach(table -> tables.add(new Table("gold", table, warehouse.gold(table))));
        SILVER_TABLES.forEach(table -> tables.add(new Table("silver", table, warehouse.silver(table))));
        return tables;
    }

    private static java.nio.file.attribute.FileTime modified(Path folder) {
        try {
            return Files.getLastModifiedTime(folder);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path published() {
        return server.publishedRoot();
    }

    /** What the access rules need of this publish: the current unit of every code, and which public tables have a unit_code. */
    PublishedScope scope() {
        Map<String, String> currentUnitByCode = new TreeMap<>();
        TableFiles.readTable(spark, warehouse.silver(UnitMapTable.NAME)).select(UnitMapTable.UNIT_CODE, UnitMapTable.CURRENT_UNIT_CODE)
                .collectAsList().forEach(row -> currentUnitByCode.put(row.getString(0), row.getString(1)));
        List<PublishedScope.Table> tables = new ArrayList<>();
        for (Table table : tables()) {
            boolean hasUnitCode = List.of(schema(table.location()).fieldNames()).contains(UnitMapTable.UNIT_CODE);
            tables.add(new PublishedScope.Table(table.schema(), table.name(), hasUnitCode, table.name().equals(ProvinceTrend.NAME)));
        }
        return new PublishedScope(currentUnitByCode, tables);
    }

    /** A table's columns, from the footer of its first Parquet file (Spark reads the file only if another writer made it). */
    private StructType schema(Path location) {
        Path first = TableFiles.dataFiles(location).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("Cannot publish: " + location + " holds no Parquet file (run provpulse nightly first)"));
        return ParquetFooter.sparkSchema(first).orElseGet(() -> spark.read().parquet(first.toString()).schema());
    }

    /** Links a table's files (of every month slice) into one flat folder: {@code 2026-03/part-00000.parquet} becomes {@code 2026-03-part-00000.parquet}. */
    private static void linkFiles(Path from, Path to) {
        try {
            Files.createDirectories(to);
            for (Path file : parquetFiles(from)) {
                Path link = to.resolve(from.relativize(file).toString().replace('/', '-'));
                if (!Files.exists(link)) {
                    Files.createLink(link, file);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot link " + from + " into " + to, e);
        }
    }

    /** The Parquet files under a table's folder, sorted (none for a table without rows). */
    static List<Path> parquetFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("Cannot publish: " + folder + " does not exist (run provpulse nightly first)");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String trinoType(DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return "varchar";
        }
        if (type.equals(DataTypes.IntegerType)) {
            return "integer";
        }
        if (type.equals(DataTypes.LongType)) {
            return "bigint";
        }
        if (type.equals(DataTypes.DoubleType)) {
            return "double";
        }
        if (type.equals(DataTypes.BooleanType)) {
            return "boolean";
        }
        if (type.equals(DataTypes.DateType)) {
            return "date";
        }
        if (type.equals(DataTypes.TimestampType)) {
            return "timestamp(6)";
        }
        throw new IllegalArgumentException("Cannot publish a column of Spark type " + type.simpleString());
    }

    private static String view(Table table) {
        return TrinoServer.CATALOG + "." + table.schema() + "." + table.name();
    }

    private static String versioned(Table table, String version) {
        return TrinoServer.CATALOG + "." + table.schema() + TrinoServer.Layout.VERSIONS_SUFFIX + ".\"" + table.name() + "__" + version + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "";
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Table(String schema, String name, Path location) {}
}
