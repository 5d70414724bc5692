package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.pipeline.RunSummary;
import vn.provpulse.pipeline.SparkSessions;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/** provpulse nightly --date D: ingest, refine and compute gold as of the end of D. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = "Run the nightly pipeline for one data date: ingest landing files up to D, refine to silver, compute gold as of the end of D (Asia/Ho_Chi_Minh). Safe to repeat.")
final class NightlyCommand implements Callable<Integer> {
    @Mixin
    PipelineOptions options;

    @Option(names = "--date", required = true, paramLabel = "D", description = "The data date, yyyy-mm-dd.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        ProvPulseConfig config = options.load();
        String runId = RunIds.start("nightly");
        try (SparkSession spark = SparkSessions.create(config, "provpulse nightly " + date)) {
            RunSummary summary = new NightlyPipeline(spark, config).run(date, "nightly", runId);
            System.out.print(summary.render());
        }
        return 0;
    }
}
