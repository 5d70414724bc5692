package vn.provpulse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.storage.LocalFiles;
import vn.provpulse.testing.Launcher;
import vn.provpulse.trino.TrinoJava;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher archives the classes of a Spark run once per build (class-data sharing) and starts every later
 * run of the same JDK from that archive; the JVM's warnings go to stderr, never into a command's output.
 */
class LauncherClassArchiveIT {
    private static final Path JAR = Path.of("target/provpulse-0.1.0-SNAPSHOT.jar");
    private static final Path ARCHIVE = Path.of("target/provpulse-classes.jsa");
    private static final Path STAMP = Path.of("target/provpulse-classes.jsa.stamp");
    private static final Path FAILED = Path.of("target/provpulse-classes.jsa.failed");
    private static final String FROM_ARCHIVE = "vn.provpulse.cli.ProvPulse source: shared objects file (top)";

    @Test
    void aSparkCommandArchivesTheClassesAndLaterRunsLoadThemFromTheArchive(@TempDir Path work) throws Exception {
        Files.deleteIfExists(ARCHIVE);
        Files.deleteIfExists(STAMP);

        ensureArchive(work);

        assertThat(ARCHIVE).isRegularFile();
        assertThat(Files.readString(STAMP)).contains(JAR.toAbsolutePath().toString());
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
    void anotherJdkIsNotHandedTheArchiveMadeForThisOne(@TempDir Path work) throws Exception {
        ensureArchive(work);
        String stamp = Files.readString(STAMP);
        Map<String, String> otherJdkFirst = Map.of("PATH", otherJdk().resolve("bin") + ":" + System.getenv("PATH"),
                "PROVPULSE_JAVA_OPTS", "-Xmx256m -Xlog:class+load=info");

        Launcher.Result version = Launcher.run(otherJdkFirst, "--version");

        assertSucceeded(version);
        assertThat(version.stdout()).contains("vn.provpulse.cli.ProvPulse source: file:").doesNotContain(FROM_ARCHIVE);
        assertThat(version.stderr()).doesNotContain("[warning][cds]");
        assertThat(Files.readString(STAMP)).isEqualTo(stamp);
    }

    @Test
    void aWarningOfTheJvmGoesToStderrAndLeavesTheCommandsOutputClean(@TempDir Path work) throws Exception {
        ensureArchive(work);
        // the other JDK given this JDK's archive by hand refuses it with a warning
        Map<String, String> mismatched = Map.of("PATH", otherJdk().resolve("bin") + ":" + System.getenv("PATH"),
                "PROVPULSE_JAVA_OPTS", "-Xmx256m -XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath());

        Launcher.Result version = Launcher.run(mismatched, "--version");

        assertSucceeded(version);
        assertThat(version.stderr()).contains("[warning][cds]");
        assertThat(version.stdout()).startsWith(ProvPulseVersion.VERSION).doesNotContain("[warning]").doesNotContain(ARCHIVE.getFileName().toString());
    }

    @Test
    void aFailedArchivingIsNotTriedAgainBeforeTheNextBuildAndTheCommandsStillRun(@TempDir Path work) throws Exception {
        // a java that runs everything but the archiving step, which it refuses
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path refusing = bin.resolve("java");
        Files.writeString(refusing, "#!/bin/sh\nfor arg in \"$@\"; do case \"$arg\" in -XX:ArchiveClassesAtExit=*) echo refused >&2; exit 3;; esac; done\n"
                + "exec " + Path.of(System.getProperty("java.home"), "bin", "java") + " \"$@\"\n");
        Files.setPosixFilePermissions(refusing, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> refusingJava = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        assertSucceeded(Launcher.run(Map.of(), "generate", "--out", work.resolve("province").toString(), "--sf", "0.02",
                "--from", "2026-01-30", "--to", "2026-01-31"));
        String[] ingest = {"ingest", "--date", "2026-01-31", "--landing", work.resolve("province/landing").toString(),
                "--warehouse", work.resolve("warehouse").toString()};
        try {
            Launcher.Result first = Launcher.run(refusingJava, ingest);
            Launcher.Result second = Launcher.run(refusingJava, ingest);

            assertSucceeded(first);
            assertThat(first.stderr()).contains("provpulse: could not archive the classes (exit 3");
            assertThat(FAILED).content().contains(refusing.toString());
            assertSucceeded(second);
            assertThat(second.stderr()).doesNotContain("archiving the classes");
        }
        finally {
            if (Files.exists(FAILED) && Files.readString(FAILED).contains(refusing.toString())) {
                Files.delete(FAILED);
            }
            try (Stream<Path> left = Files.list(Path.of("target"))) {
                // the failed archiving's folder, kept for its log
                left.filter(folder -> folder.getFileName().toString().startsWith(".class-archive.") && Files.isDirectory(folder))
                        .filter(folder -> Files.exists(folder.resolve("archive.log")))
                        .forEach(LocalFiles::deleteRecursively);
            }
        }
    }

    private static Path otherJdk() {
        return TrinoJava.find("", System.getenv(), Path.of("/usr/lib/jvm"));
    }

    /** A Spark command through the launcher: it archives the classes when the archive is missing or made from another build. */
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
