package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.pipeline.SparkSessions;
import vn.provpulse.storage.WarehouseLock;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/** A pipeline command for one data date: loads the configuration, names the run, takes the warehouse lock, opens Spark, runs, prints. */
abstract class DatedSparkCommand implements Callable<Integer> {
    @Mixin
    PipelineOptions options;

    @Option(names = "--date", required = true, paramLabel = "D", description = "The data date, yyyy-mm-dd.")
    LocalDate date;

    /** The command's name, for the run id and the Spark application name. */
    abstract String name();

    /** Checks the command's own options before anything is opened or written; throws {@link UsageException}. */
    void checkOptions(ProvPulseConfig config) {}

    /** Runs the command and returns the lines to print. */
    abstract String run(SparkSession spark, ProvPulseConfig config, WarehouseLayout warehouse, String runId) throws Exception;

    @Override
    public final Integer call() throws Exception {
        ProvPulseConfig config = options.load();
        options.requireNotFuture("--date", date, config);
        checkOptions(config);
        String runId = RunIds.start(name());
        WarehouseLayout warehouse = PipelineOptions.warehouse(config, runId);
        try (WarehouseLock lock = PipelineOptions.lock(warehouse, config);
             SparkSession spark = SparkSessions.create(config, "provpulse " + name() + " " + date)) {
            System.out.print(run(spark, config, warehouse, runId));
        }
        return 0;
    }
}
