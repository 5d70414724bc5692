package vn.provpulse.cli;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.provpulse.config.ConfigLoader;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.generate.ProvinceGenerator;
import vn.provpulse.metrics.GoldColumns;
import vn.provpulse.metrics.IntegrityFlags;
import vn.provpulse.metrics.OverdueRegister;
import vn.provpulse.metrics.ProvinceTrend;
import vn.provpulse.metrics.UnitClassification;
import vn.provpulse.metrics.UnitScorecard;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.pipeline.RunSummary;
import vn.provpulse.pipeline.SparkSessions;
import vn.provpulse.publish.Publisher;
import vn.provpulse.storage.TableFiles;
import vn.provpulse.trino.TrinoServer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/** provpulse demo: generate a province, run the pipeline over it, and print what leadership would see. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "End to end on an embedded default: generate a synthetic province (3 months of SF1), run the pipeline over it (backfill), start the bundled Trino, publish, and print the headline figures and where to look.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_PATH, description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo", description = "Demo folder: landing, warehouse and key (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--from", defaultValue = "2026-01-01", description = "First data date (default: ${DEFAULT-VALUE}).")
    LocalDate from;

    @Option(names = "--to", defaultValue = "2026-03-31", description = "Last data date (default: ${DEFAULT-VALUE}).")
    LocalDate to;

    @Option(names = "--sf", defaultValue = "1.0", description = "Scale factor (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Override
    public Integer call() throws IOException {
        Path root = out.toAbsolutePath();
        ProvPulseConfig configured = ConfigLoader.load(config);
        // a fresh demo each time: stop the server of an earlier demo, then start from an empty folder
        TrinoCommand.server(configured.withPaths(null, root.resolve("warehouse").toString())).stop();
        vn.provpulse.storage.LocalFiles.deleteRecursively(root);
        ProvPulseConfig settings = GenerateCommand.generateForRun(new ProvinceGenerator.Options(7, from, to, scaleFactor, 0.01, root), configured).settings();
        String runId = RunIds.start("demo");
        try (SparkSession spark = SparkSessions.create(settings, "provpulse demo")) {
            RunSummary summary = new NightlyPipeline(spark, settings).run(from, to, "backfill " + from + ".." + to, runId);
            System.out.print(summary.render());
            WarehouseLayout warehouse = new WarehouseLayout(Path.of(settings.paths().warehouse()));
            printHeadlines(spark, warehouse, root, to);
            publishToTrino(spark, settings, warehouse);
        }
        return 0;
    }

    private static void printHeadlines(SparkSession spark, WarehouseLayout warehouse, Path root, LocalDate asOf) {
        List<Row> trend = TableFiles.readTable(spark, warehouse.gold(ProvinceTrend.NAME))
                .filter(col(GoldColumns.MONTH).leq(lit(asOf))).orderBy(col(GoldColumns.MONTH)).collectAsList();
        System.out.println();
        System.out.println("Toàn tỉnh (province), month by month:");
        for (Row row : trend) {
            System.out.printf("  %s: on-time completion %s (%s vs previous month), timely answers %s, satisfaction %s, CSAT %s, units reporting %d%n",
                    row.getAs(GoldColumns.MONTH), percent(row.getAs(GoldColumns.ON_TIME_RATE)), points(row.getAs(GoldColumns.ON_TIME_RATE + "_change_mom")),
                    percent(row.getAs(GoldColumns.ON_TIME_ANSWER_RATE)), percent(row.getAs(GoldColumns.SATISFACTION_RATE)),
                    percent(row.getAs(GoldColumns.CSAT)), (long) row.getAs(ProvinceTrend.UNITS_REPORTING));
        }
        System.out.println("Five lowest year-to-date scores:");
        TableFiles.readTable(spark, warehouse.gold(UnitClassification.NAME))
                .filter(col(GoldColumns.SCORE).isNotNull()).orderBy(col(GoldColumns.SCORE).asc(), col(GoldColumns.UNIT_CODE)).limit(5)
                .collectAsList().forEach(row -> System.out.printf("  %-5s %-40s %6.1f  %s (head: %s)%n", row.getAs(GoldColumns.UNIT_CODE),
                        row.getAs(GoldColumns.UNIT_NAME), (double) row.getAs(GoldColumns.SCORE), row.getAs(GoldColumns.BAND), row.getAs(GoldColumns.HEAD_NAME)));
        List<Row> overdue = TableFiles.readTable(spark, warehouse.gold(OverdueRegister.NAME))
                .groupBy(col(GoldColumns.UNIT_CODE), col(GoldColumns.HEAD_NAME)).agg(count(lit(1)).as("items"))
                .orderBy(col("items").desc(), col(GoldColumns.UNIT_CODE)).collectAsList();
        System.out.printf("Overdue and still open: %d items; most at:%n", overdue.stream().mapToLong(row -> row.getLong(2)).sum());
        overdue.stream().limit(5).forEach(row -> System.out.printf("  %-5s %4d items, head of unit %s%n", row.getString(0), row.getLong(2), row.getString(1)));
        System.out.println("Integrity flags (tô hồng detector):");
        TableFiles.readTable(spark, warehouse.gold(IntegrityFlags.NAME))
                .filter(col(IntegrityFlags.FLAG).notEqual(IntegrityFlags.SILENT_UNIT).or(col(IntegrityFlags.ITEMS).geq(1)))
                .groupBy(col(IntegrityFlags.FLAG)).agg(count(lit(1)).as("rows")).orderBy(col(IntegrityFlags.FLAG)).collectAsList()
                .forEach(row -> System.out.printf("  %-22s %d unit-months%n", row.getString(0), row.getLong(1)));
        System.out.println();
        System.out.println("Where to look:");
        System.out.println("  gold tables (Parquet):  " + warehouse.root().resolve("gold"));
        System.out.println("  quarantine (restricted): " + warehouse.root().resolve("quarantine"));
        System.out.println("  landing + manifest:      " + root.resolve("landing") + ", " + root.resolve("manifest.json"));
        System.out.println("  scorecard rows:          " + TableFiles.readTable(spark, warehouse.gold(UnitScorecard.NAME)).count());
    }

    private void publishToTrino(SparkSession spark, ProvPulseConfig settings, WarehouseLayout warehouse) {
        TrinoServer server = TrinoCommand.server(settings);
        try {
            server.start();
            String version = new Publisher(spark, warehouse, server).publish();
            System.out.println();
            System.out.println("Published to Trino (version " + version + "), running in the background:");
            System.out.println("  JDBC URL:        " + server.jdbcUrl() + "   user: analyst (reads gold and silver)");
            System.out.println("  " + server.mode());
            System.out.println("  Superset URI:    trino://analyst@127.0.0.1:" + settings.trino().port() + "/hive");
            System.out.println("  sample query:    ./provpulse query \"SELECT unit_code, unit_name, score, band FROM gold.unit_classification ORDER BY score DESC LIMIT 10\" --warehouse " + warehouse.root());
            System.out.println("  stop it with:    ./provpulse trino stop --warehouse " + warehouse.root());
            Path html = warehouse.root().resolveSibling("report").resolve("bao-cao-" + to + ".html");
            java.util.Optional<Path> pdf = ReportCommand.write(server, to, html);
            System.out.println("Leadership report (Vietnamese): " + html + pdf.map(file -> "  and " + file).orElse(""));
            System.out.println("Dashboards (Superset 6.1): dashboards/install-superset.sh once, then ./provpulse dashboards serve --warehouse " + warehouse.root());
        }
        catch (Exception e) {
            System.out.println();
            System.out.println("Trino or the report failed: " + e.getMessage());
        }
    }

    private static String points(Object change) {
        return change == null ? "n/a" : String.format("%+.1f points", ((Number) change).doubleValue() * 100);
    }

    private static String percent(Object fraction) {
        return fraction == null ? "n/a" : String.format("%.1f%%", ((Number) fraction).doubleValue() * 100);
    }
}
