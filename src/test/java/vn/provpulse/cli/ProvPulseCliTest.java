package vn.provpulse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProvPulseCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... arguments) {
        CommandLine commandLine = ExitCodes.commandLine(new ProvPulse());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(arguments);
    }

    @Test
    void helpListsEveryWorkingCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("generate", "ingest", "refine", "metrics", "quality-gate", "nightly", "backfill", "demo",
                "bench", "trino", "publish", "query", "dashboards", "report", "airflow");
    }

    @Test
    void invalidConfigurationExitsWithTwoAndOneLine(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("provpulse.yaml");
        Files.writeString(config, Files.readString(Path.of("config/provpulse.yaml")).replace("shuffle_partitions: 1 ", "shuffle_partitions: many "));
        assertThat(run("nightly", "--date", "2026-03-31", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("provpulse: ").contains("spark.shuffle_partitions must be a whole number").doesNotContain("\n");
    }

    @Test
    void badDateIsAUsageError() {
        assertThat(run("nightly", "--date", "31/03/2026")).isNotZero();
        assertThat(err.toString()).contains("--date");
    }

    @Test
    void dateAfterTodayIsRefusedBeforeAnythingIsWritten(@TempDir Path directory) {
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();
        Path warehouse = directory.resolve("warehouse");
        assertThat(run("nightly", "--date", tomorrow, "--warehouse", warehouse.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("provpulse: Cannot run for --date " + tomorrow + ": it is after today")
                .contains("--allow-future-date").doesNotContain("\n");
        assertThat(warehouse).doesNotExist();
    }

    @Test
    void unknownSourceIsAUsageErrorAndCreatesNoKeyFile(@TempDir Path directory) {
        Path warehouse = directory.resolve("warehouse");
        assertThat(run("ingest", "--date", "2026-01-05", "--source", "bogus", "--warehouse", warehouse.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("provpulse: Cannot ingest source bogus: it must be one of units, tasks, feedback, ratings");
        assertThat(warehouse).doesNotExist();
    }

    @Test
    void missingLandingFolderIsAConfigurationError(@TempDir Path directory) {
        Path landing = directory.resolve("does-not-exist");
        assertThat(run("ingest", "--date", "2026-01-05", "--landing", landing.toString(), "--warehouse", directory.resolve("warehouse").toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("provpulse: Cannot ingest: the landing folder " + landing
                + " does not exist (pass --landing DIR or set paths.landing)");
    }

    @Test
    void backfillRangeMustBeInOrder() {
        assertThat(run("backfill", "--from", "2026-03-31", "--to", "2026-03-01")).isNotZero();
        assertThat(err.toString()).contains("--to 2026-03-01 is before --from 2026-03-31");
    }
}
