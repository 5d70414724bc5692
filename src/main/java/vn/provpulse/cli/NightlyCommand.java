package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.pipeline.NightlyPipeline;

/** provpulse nightly --date D: ingest, refine and compute gold as of the end of D. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = "Run the nightly pipeline for one data date: ingest landing files up to D, refine to silver, compute gold as of the end of D (Asia/Ho_Chi_Minh), publish when Trino is up. Safe to repeat.")
final class NightlyCommand extends DatedSparkCommand {
    @Override
    String name() {
        return "nightly";
    }

    @Override
    String run(SparkSession spark, ProvPulseConfig config, WarehouseLayout warehouse, String runId) {
        return new NightlyPipeline(spark, config, warehouse).run(date, "nightly", runId).render();
    }
}
