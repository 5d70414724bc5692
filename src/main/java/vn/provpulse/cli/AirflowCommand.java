package vn.provpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.provpulse.airflow.AirflowBackfill;
import vn.provpulse.airflow.AirflowClient;
import vn.provpulse.airflow.DagRun;
import vn.provpulse.airflow.TaskState;
import vn.provpulse.airflow.TriggeredRun;
import vn.provpulse.config.ConfigLoader;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

/** provpulse airflow trigger|status|backfill: the nightly DAG through Airflow's REST API (section airflow of the configuration). */
@Command(name = "airflow", mixinStandardHelpOptions = true,
        description = "Trigger and watch the provpulse_nightly DAG through the Airflow 3 REST API (/api/v2).",
        subcommands = {AirflowCommand.Trigger.class, AirflowCommand.Status.class, AirflowCommand.Backfill.class})
final class AirflowCommand {
    static AirflowClient client(Path config) {
        return new AirflowClient(ConfigLoader.load(config).airflow(), System.getenv());
    }

    /** The run's state, then one line per task: id, state, try number. */
    static void printTasks(AirflowClient client, DagRun run) {
        System.out.println(run.dagRunId() + ": " + run.state());
        for (TaskState task : client.tasks(run.dagRunId())) {
            System.out.printf("  %-20s %-10s try %d%n", task.taskId(), task.state(), task.tryNumber());
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Trigger the run for one data date (or follow the run that night already has, e.g. the scheduler's); --wait follows it to the end.")
    static final class Trigger implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_PATH, description = "Configuration file (default: ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--date", required = true, paramLabel = "D", description = "The data date, yyyy-mm-dd.")
        LocalDate date;

        @Option(names = "--wait", description = "Wait until the run succeeds or fails (exit 1 when it fails).")
        boolean wait;

        @Option(names = "--timeout", defaultValue = "10800", description = "Seconds to wait at most (default: ${DEFAULT-VALUE}).")
        long timeout;

        @Option(names = "--poll", defaultValue = "15", paramLabel = "SECONDS", description = "Seconds between two looks at the run (default: ${DEFAULT-VALUE}).")
        long poll;

        @Override
        public Integer call() {
            AirflowClient client = client(config);
            TriggeredRun triggered = client.trigger(date);
            System.out.println(triggered.describe(date));
            DagRun run = triggered.run();
            if (!wait) {
                return 0;
            }
            DagRun done = client.waitFor(run.dagRunId(), Duration.ofSeconds(timeout), Duration.ofSeconds(poll));
            printTasks(client, done);
            return "success".equals(done.state()) ? 0 : 1;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show one run and its tasks, or the recent runs.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_PATH, description = "Configuration file (default: ${DEFAULT-VALUE}).")
        Path config;

        @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "A run id, e.g. provpulse__2026-03-31; none: the recent runs.")
        String runId;

        @Override
        public Integer call() {
            AirflowClient client = client(config);
            if (runId == null) {
                client.recent(10).forEach(run -> System.out.printf("%-44s %-10s %-10s due %s%n", run.dagRunId(), run.state(), run.runType(), run.runAfter()));
                return 0;
            }
            printTasks(client, client.get(runId));
            return 0;
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true, description = "One run per date from D1 to D2, at most N at a time (the DAG itself runs one at a time).")
    static final class Backfill implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_PATH, description = "Configuration file (default: ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--from", required = true, paramLabel = "D1", description = "First data date.")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "D2", description = "Last data date.")
        LocalDate to;

        @Option(names = "--parallel", defaultValue = "2", paramLabel = "N", description = "Runs triggered and unfinished at once (default: ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--timeout", defaultValue = "86400", description = "Seconds to wait at most (default: ${DEFAULT-VALUE}).")
        long timeout;

        @Option(names = "--poll", defaultValue = "15", paramLabel = "SECONDS", description = "Seconds between two looks at the runs (default: ${DEFAULT-VALUE}).")
        long poll;

        @Override
        public Integer call() {
            Map<LocalDate, DagRun> runs = new AirflowBackfill(client(config), Duration.ofSeconds(poll))
                    .run(from, to, parallel, Duration.ofSeconds(timeout), System.out::println);
            long failed = runs.values().stream().filter(run -> !"success".equals(run.state())).count();
            System.out.println(runs.size() + " runs, " + failed + " failed");
            return failed == 0 ? 0 : 1;
        }
    }
}
