package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.pipeline.SparkSessions;
import vn.provpulse.storage.WarehouseLock;
import vn.provpulse.publish.Publisher;

import java.util.concurrent.Callable;

/** provpulse publish: registers the current gold and silver in Trino and swaps the public views. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish the warehouse's gold and silver tables to the running Trino: a new version is registered, then the views gold.<table> and silver.<table> are swapped to it. Publishing the same data twice is a no-op.")
final class PublishCommand implements Callable<Integer> {
    @Mixin
    PipelineOptions options;

    @Override
    public Integer call() throws Exception {
        ProvPulseConfig config = options.load();
        WarehouseLayout warehouse = PipelineOptions.warehouse(config, RunIds.start("publish"));
        try (WarehouseLock lock = PipelineOptions.lock(warehouse, config);
             SparkSession spark = SparkSessions.create(config, "provpulse publish")) {
            String version = new Publisher(spark, warehouse, TrinoCommand.server(config)).publish();
            System.out.println("Published version " + version + " at " + TrinoCommand.server(config).jdbcUrl());
        }
        return 0;
    }
}
