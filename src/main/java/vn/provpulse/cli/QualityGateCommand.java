package vn.provpulse.cli;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.metrics.QualityGate;
import vn.provpulse.pipeline.SparkSessions;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/** provpulse quality-gate --date D: fails when the night's data cannot be trusted. */
@Command(name = "quality-gate", mixinStandardHelpOptions = true,
        description = "Check the gold tables of D: every file reconciles (rows read = accepted + quarantined), gold is as of D, and the day's quarantined share stays under quality_gate.max_quarantine_share. Exit 1 with the reasons when not.")
final class QualityGateCommand implements Callable<Integer> {
    @Mixin
    PipelineOptions options;

    @Option(names = "--date", required = true, paramLabel = "D", description = "The data date, yyyy-mm-dd.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        ProvPulseConfig config = options.load();
        RunIds.start("quality-gate");
        try (SparkSession spark = SparkSessions.create(config, "provpulse quality-gate " + date)) {
            List<String> failures = new QualityGate(spark, new WarehouseLayout(Path.of(config.paths().warehouse())), config.qualityGate()).check(date);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("Data-quality gate failed for " + date + ": " + String.join("; ", failures));
            }
            System.out.println("Data-quality gate passed for " + date);
        }
        return 0;
    }
}
