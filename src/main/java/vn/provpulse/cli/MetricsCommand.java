package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.pipeline.SparkSessions;
import vn.provpulse.refine.RefineJob;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

/** provpulse metrics --date D: the third stage alone, silver → gold as of D. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Compute every gold table as of the end of D from silver refined as of D. Run after refine; safe to repeat.")
final class MetricsCommand implements Callable<Integer> {
    @Mixin
    PipelineOptions options;

    @Option(names = "--date", required = true, paramLabel = "D", description = "The data date, yyyy-mm-dd.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        ProvPulseConfig config = options.load();
        RunIds.start("metrics");
        WarehouseLayout warehouse = new WarehouseLayout(Path.of(config.paths().warehouse()));
        try (SparkSession spark = SparkSessions.create(config, "provpulse metrics " + date)) {
            RefineJob.Silver silver = new RefineJob(spark, warehouse, config.feedback().defaultResponseDays()).load(date);
            Map<String, Long> rows = new GoldJob(spark, warehouse, config).execute(silver, date);
            System.out.println("ProvPulse metrics as of " + date + ": gold tables (rows) " + rows);
        }
        return 0;
    }
}
