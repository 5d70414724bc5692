package vn.provpulse.cli;

import org.junit.jupiter.api.Test;
import vn.provpulse.testing.Launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher runs a backfill of more than half a year with C2 for its hottest code, and every other run with C1 alone. */
class LauncherJitIT {

    @Test
    void aBackfillOfAYearGetsC2ForItsHottestCode() throws Exception {
        assertThat(versionOf("backfill", "--from", "2026-01-01", "--to", "2026-12-30"))
                .contains("JIT: " + ProvPulseVersion.HOT_CODE_JIT.formatted("40000"));
        assertThat(versionOf("backfill", "--from=2026-01-01", "--to=2026-07-04"))
                .contains("JIT: " + ProvPulseVersion.HOT_CODE_JIT.formatted("40000"));
    }

    @Test
    void shorterBackfillsAndOtherCommandsKeepC1Alone() throws Exception {
        assertThat(versionOf("backfill", "--from", "2026-01-01", "--to", "2026-03-31")).contains("JIT: " + ProvPulseVersion.QUICK_JIT);
        assertThat(versionOf("backfill", "--to", "2026-12-30")).contains("JIT: " + ProvPulseVersion.QUICK_JIT);
        assertThat(versionOf()).contains("JIT: " + ProvPulseVersion.QUICK_JIT);
    }

    /** ./provpulse ARGS --version with the launcher's own JVM options. */
    private static String versionOf(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.add("--version");
        Launcher.Result result = Launcher.run(Map.of(), command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains(ProvPulseVersion.VERSION);
        return result.stdout();
    }
}
