package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.pipeline.SparkSessions;
import vn.provpulse.refine.RefineJob;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** provpulse refine --date D: the second stage alone, bronze → silver as of D. */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = "Refine bronze into silver as of D: unknown units and duplicates quarantined, merged units rolled up, latest states. Run after ingest; safe to repeat.")
final class RefineCommand implements Callable<Integer> {
    @Mixin
    PipelineOptions options;

    @Option(names = "--date", required = true, paramLabel = "D", description = "The data date, yyyy-mm-dd.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        ProvPulseConfig config = options.load();
        RunIds.start("refine");
        try (SparkSession spark = SparkSessions.create(config, "provpulse refine " + date)) {
            RefineJob.Silver silver = new RefineJob(spark, new WarehouseLayout(Path.of(config.paths().warehouse())),
                    config.feedback().defaultResponseDays()).execute(date);
            System.out.printf("ProvPulse refine as of %s: %d units, %d task records, %d feedback records, %d ratings%n", date,
                    silver.directory().codes().size(), silver.taskHistory().count(), silver.feedbackHistory().count(), silver.ratings().count());
        }
        return 0;
    }
}
