package vn.provpulse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.testing.Launcher;
import vn.provpulse.trino.TrinoJava;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher archives the classes of a Spark run once per build (class-data sharing) and starts every later
 * run from that archive; the JVM's warning about an archive it cannot use goes to stderr, never into a command's output.
 */
class LauncherClassArchiveIT {
    private static final Path JAR = Path.of("target/provpulse-0.1.0-SNAPSHOT.jar");
    private static final Path ARCHIVE = Path.of("target/provpulse-classes.jsa");
    private static final String FROM_ARCHIVE = "vn.provpulse.cli.ProvPulse source: shared objects file (top)";

    @Test
    void aSparkCommandArchivesTheClassesAndLaterRunsLoadThemFromTheArchive(@TempDir Path work) throws Exception {
        ensureArchive(work);

        assertThat(ARCHIVE).isRegularFile();
        assertThat(Files.getLastModifiedTime(ARCHIVE)).isGreaterThan(Files.getLastModifiedTime(JAR));
        Launcher.Result version = Launcher.run(Map.of("PROVPULSE_JAVA_OPTS", "-Xmx256m -Xlog:class+load=info"), "--version");
        assertSucceeded(version);
        assertThat(version.stdout()).contains(FROM_ARCHIVE);
    }

    @Test
    void withTheArchiveSwitchedOffClassesComeFromTheJars() throws Exception {
        Launcher.Result version = Launcher.run(Map.of("PROVPULSE_CLASS_ARCHIVE", "off", "PROVPULSE_JAVA_OPTS", "-Xmx256m -Xlog:class+load=info"),
                "--version");

        assertSucceeded(version);
        assertThat(version.stdout()).contains("vn.provpulse.cli.ProvPulse source: file:").doesNotContain(FROM_ARCHIVE);
    }

    @Test
    void anArchiveAnotherJdkCannotUseIsReportedOnStderrAndLeavesTheCommandsOutputClean(@TempDir Path work) throws Exception {
        ensureArchive(work);
        Path otherJdk = TrinoJava.find("", System.getenv(), Path.of("/usr/lib/jvm"));

        Launcher.Result version = Launcher.run(Map.of("PATH", otherJdk.resolve("bin") + ":" + System.getenv("PATH")), "--version");

        assertSucceeded(version);
        assertThat(version.stdout()).startsWith(ProvPulseVersion.VERSION).doesNotContain("[warning]").doesNotContain(ARCHIVE.getFileName().toString());
        assertThat(version.stderr()).contains("[warning][cds]");
    }

    /** A Spark command through the launcher: it archives the classes when the archive is missing or older than the jar. */
    private static void ensureArchive(Path work) throws Exception {
        assertSucceeded(Launcher.run(Map.of(), "generate", "--out", work.resolve("province").toString(), "--sf", "0.02",
                "--from", "2026-01-30", "--to", "2026-01-31"));
        assertSucceeded(Launcher.run(Map.of(), "ingest", "--date", "2026-01-31", "--landing", work.resolve("province/landing").toString(),
                "--warehouse", work.resolve("warehouse").toString()));
    }

    private static void assertSucceeded(Launcher.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
