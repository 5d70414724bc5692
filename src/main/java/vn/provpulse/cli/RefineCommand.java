package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.refine.RefineJob;

/** provpulse refine --date D: the second stage alone, bronze → silver as of D. */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = "Refine bronze into silver as of D: unknown units and duplicates quarantined, merged units rolled up, latest states. Run after ingest; safe to repeat.")
final class RefineCommand extends DatedSparkCommand {
    @Override
    String name() {
        return "refine";
    }

    @Override
    String run(SparkSession spark, ProvPulseConfig config, WarehouseLayout warehouse, String runId) {
        RefineJob.Silver silver = new RefineJob(spark, warehouse, config.feedback().defaultResponseDays()).execute(date);
        return String.format("ProvPulse refine as of %s: %d units, %d task records, %d feedback records, %d ratings%n", date,
                silver.directory().codes().size(), silver.taskHistory().count(), silver.feedbackHistory().count(), silver.ratings().count());
    }
}
