package vn.provpulse.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.Sources;
import vn.provpulse.ingest.IngestJob;
import vn.provpulse.pipeline.NightlyPipeline;

import java.nio.file.Path;
import java.util.List;

/** provpulse ingest --date D: the first stage alone, landing → bronze. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest landing files delivered up to D into bronze Parquet (bad rows to quarantine, personal data pseudonymised). Safe to repeat.")
final class IngestCommand extends DatedSparkCommand {
    @Option(names = "--source", paramLabel = "S", description = "Only this source (units, tasks, feedback, ratings); repeatable; default all. Sources may be ingested in parallel.")
    List<String> sources;

    @Override
    String name() {
        return "ingest";
    }

    @Override
    void checkOptions(ProvPulseConfig config) {
        selected();
        IngestJob.requireLanding(Path.of(config.paths().landing()));
    }

    @Override
    String run(SparkSession spark, ProvPulseConfig config, WarehouseLayout warehouse, String runId) {
        IngestJob.IngestResult result = new IngestJob(spark, warehouse, NightlyPipeline.fileParser(config, System.getenv()))
                .execute(Path.of(config.paths().landing()), date, "ingest", selected());
        return String.format("ProvPulse ingest as of %s: %d new files (%d changed re-deliveries), %d rows read, %d quarantined at parse, "
                        + "%d re-delivered files skipped, %d late files, %d landing entries not read%n",
                date, result.ingested().size(), result.changedFiles().size(), result.rowsRead(), result.quarantinedAtIngest(),
                result.duplicateFiles().size(), result.lateFiles(), result.skipped().size());
    }

    private List<SourceContract> selected() {
        if (sources == null || sources.isEmpty()) {
            return Sources.ALL;
        }
        return sources.stream().map(name -> Sources.byName(name).orElseThrow(() -> new UsageException(
                "Cannot ingest source " + name + ": it must be one of units, tasks, feedback, ratings"))).toList();
    }
}
