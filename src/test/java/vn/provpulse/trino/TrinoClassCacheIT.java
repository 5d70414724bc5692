package vn.provpulse.trino;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.config.WarehouseLayout;
import vn.provpulse.testing.FreePorts;
import vn.provpulse.testing.TestSpark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Trino server and its JDK 25: a start without a class cache records one, its stop leaves the cache
 * beside the install, and the next start maps Trino's own classes from it (the JVM lists them as shared).
 */
class TrinoClassCacheIT {
    @TempDir
    Path directory;
    private TrinoServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aFirstServerRecordsTheCacheAsItStopsAndTheNextStartMapsTrinosClassesFromIt() throws Exception {
        ProvPulseConfig base = TestSpark.configFor(directory, "warehouse");
        ProvPulseConfig.Trino settings = new ProvPulseConfig.Trino(base.trino().javaHome(), FreePorts.next(), "1G", base.trino().installDir());
        Path java = TrinoJava.find(settings.javaHome(), System.getenv(), Path.of("/usr/lib/jvm"));
        assertThat(TrinoJava.featureVersion(java)).as("this test needs the machine's JDK 25 for Trino").hasValueSatisfying(
                version -> assertThat(version).isGreaterThanOrEqualTo(TrinoClassCache.MINIMUM_FEATURE_VERSION));
        Path cache = TrinoClassCache.cacheFile(TrinoServer.installDirectory(settings), java);
        Files.deleteIfExists(cache);
        server = new TrinoServer(settings, new WarehouseLayout(directory.resolve("warehouse")));
        Path jvmConfig = directory.resolve("warehouse/_trino/etc/jvm.config");

        server.start();
        assertThat(Files.readAllLines(jvmConfig)).anyMatch(line -> line.startsWith("-XX:AOTCacheOutput=" + cache + "."));
        server.stop();
        assertThat(cache).isRegularFile();
        assertThat(Files.size(cache)).isGreaterThan(10_000_000L);
        try (Stream<Path> left = Files.list(cache.getParent())) {
            assertThat(left.map(file -> file.getFileName().toString())).noneMatch(name -> name.contains(".recording"));
        }

        server.start();
        assertThat(Files.readAllLines(jvmConfig)).contains("-XX:AOTCache=" + cache);
        long pid = server.serverProcess().orElseThrow(() -> new AssertionError("no Trino JVM runs for this warehouse")).pid();
        assertThat(classFlags(java, pid, "io.trino.server.Server")).contains("S");
    }

    /** The flags the JVM shows for a loaded class ("S": mapped from a shared archive). */
    private static String classFlags(Path java, long pid, String className) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(java.resolve("bin/jcmd").toString(), String.valueOf(pid), "VM.classes").redirectErrorStream(true).start();
        List<String> lines = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(jcmd.waitFor()).as(String.join("\n", lines)).isZero();
        return lines.stream().map(String::trim).map(line -> line.split("\\s+"))
                .filter(columns -> columns.length >= 5 && columns[columns.length - 1].equals(className))
                .map(columns -> columns[columns.length - 2])
                .findFirst().orElseThrow(() -> new AssertionError(className + " is not loaded in Trino's JVM"));
    }
}
