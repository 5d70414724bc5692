package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.metrics.QualityGate;

import java.util.List;

/** provpulse quality-gate --date D: fails when the night's data cannot be trusted. */
@Command(name = "quality-gate", mixinStandardHelpOptions = true,
        description = "Check the gold tables of D: every file reconciles (rows read = accepted + quarantined), gold is as of D, and the day's quarantined share stays under quality_gate.max_quarantine_share. Exit 1 with the reasons when not.")
final class QualityGateCommand extends DatedSparkCommand {
    @Override
    String name() {
        return "quality-gate";
    }

    @Override
    String run(SparkSession spark, ProvPulseConfig config, WarehouseLayout warehouse, String runId) {
        List<String> failures = new QualityGate(spark, warehouse, config.qualityGate()).check(date);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Data-quality gate failed for " + date + ": " + String.join("; ", failures));
        }
        return "Data-quality gate passed for " + date + System.lineSeparator();
    }
}
