package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.pipeline.NightlyPipeline;
import vn.provpulse.pipeline.RunSummary;
import vn.provpulse.pipeline.SparkSessions;
import vn.provpulse.storage.WarehouseLock;
import vn.provpulse.config.WarehouseLayout;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/** provpulse backfill --from D1 --to D2: the same figures as running every night in turn, in one pass. */
@Command(name = "backfill", mixinStandardHelpOptions = true, versionProvider = ProvPulseVersion.class,
        description = "Run the pipeline over a range of data dates in one pass: the gold as of D2 equals running every night from D1 to D2 in turn.")
final class BackfillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Option(names = "--from", required = true, paramLabel = "D1", description = "First data date, yyyy-mm-dd.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "D2", description = "Last data date, yyyy-mm-dd.")
    LocalDate to;

    @Override
    public Integer call() throws Exception {
        if (to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        ProvPulseConfig config = options.load();
        options.requireNotFuture("--to", to, config);
        String runId = RunIds.start("backfill");
        WarehouseLayout warehouse = PipelineOptions.warehouse(config, runId);
        try (WarehouseLock lock = PipelineOptions.lock(warehouse, config);
             SparkSession spark = SparkSessions.create(config, "provpulse backfill " + from + ".." + to)) {
            RunSummary summary = new NightlyPipeline(spark, config, warehouse).run(from, to, "backfill " + from + ".." + to, runId);
            System.out.print(summary.render());
        }
        return 0;
    }
}
