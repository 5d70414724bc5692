package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.metrics.GoldJob;
import vn.provpulse.refine.RefineJob;

/** provpulse metrics --date D: the third stage alone, silver → gold as of D. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Compute every gold table as of the end of D from silver refined as of D. Run after refine; safe to repeat.")
final class MetricsCommand extends DatedSparkCommand {
    @Override
    String name() {
        return "metrics";
    }

    @Override
    String run(SparkSession spark, ProvPulseConfig config, WarehouseLayout warehouse, String runId) {
        RefineJob.Silver silver = new RefineJob(spark, warehouse, config.feedback().defaultResponseDays()).load(date);
        return "ProvPulse metrics as of " + date + ": gold tables (rows) " + new GoldJob(spark, warehouse, config).execute(silver, date)
                + System.lineSeparator();
    }
}
