package vn.provpulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The provpulse command: one subcommand class each; exit codes mapped in {@link ExitCodes}. */
@Command(name = "provpulse",
        mixinStandardHelpOptions = true,
        versionProvider = ProvPulseVersion.class,
        description = "Nightly analytics pipeline for provincial government performance: on-time work and citizen satisfaction.",
        subcommands = {
                GenerateCommand.class,
                IngestCommand.class,
                RefineCommand.class,
                MetricsCommand.class,
                QualityGateCommand.class,
                NightlyCommand.class,
                BackfillCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                TrinoCommand.class,
                PublishCommand.class,
                QueryCommand.class,
                DashboardsCommand.class,
                ReportCommand.class,
                AirflowCommand.class,
                CommandLine.HelpCommand.class})
public final class ProvPulse {
    public static void main(String[] args) {
        System.exit(ExitCodes.run(new ProvPulse(), args));
    }
}
