package vn.provpulse.trino;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which options a Trino start gets, and what becomes of a recording once its server has stopped (no JVM runs here). */
class TrinoClassCacheTest {
    @TempDir
    Path directory;

    @Test
    void aJdk24RecordsNothing() throws IOException {
        assertThat(TrinoClassCache.jvmOptions(install(), jdk("jdk-24", 24), directory.resolve("server"))).isEmpty();
    }

    @Test
    void withoutACacheTheServerRecordsOneUnderItsOwnNameAndWithOneItMapsIt() throws IOException {
        Path install = install();
        Path jdk = jdk("jdk-25", 25);
        Path cache = TrinoClassCache.cacheFile(install, jdk);
        assertThat(cache.getParent()).isEqualTo(directory.resolve("trino-server-476-class-cache"));

        List<String> first = TrinoClassCache.jvmOptions(install, jdk, directory.resolve("warehouse-a/_trino"));
        List<String> second = TrinoClassCache.jvmOptions(install, jdk, directory.resolve("warehouse-b/_trino"));
        assertThat(first.get(0)).startsWith("-XX:AOTCacheOutput=" + cache + ".").endsWith(".recording");
        assertThat(second.get(0)).startsWith("-XX:AOTCacheOutput=" + cache + ".").isNotEqualTo(first.get(0));

        Files.writeString(cache, "cache");
        assertThat(TrinoClassCache.jvmOptions(install, jdk, directory.resolve("warehouse-a/_trino"))).containsExactly("-XX:AOTCache=" + cache);
    }

    @Test
    void anotherJdkOrInstallHasAnotherCache() throws IOException {
        Path install = install();
        assertThat(TrinoClassCache.cacheFile(install, jdk("jdk-25", 25))).isNotEqualTo(TrinoClassCache.cacheFile(install, jdk("jdk-26", 26)));
    }

    @Test
    void aFinishedRecordingBecomesTheCache() throws IOException {
        Path install = install();
        Path jdk = jdk("jdk-25", 25);
        Path recording = recordingWritten(install, jdk, "recorded classes");

        TrinoClassCache.settleRecordingOf(directory.resolve("jvm.config"));

        Path cache = TrinoClassCache.cacheFile(install, jdk);
        assertThat(cache).hasContent("recorded classes");
        assertThat(recording).doesNotExist();
    }

    @Test
    void aRecordingCutShortIsRemovedAndNeverBecomesTheCache() throws IOException {
        Path install = install();
        Path jdk = jdk("jdk-25", 25);
        Path recording = recordingWritten(install, jdk, "half of the classes");
        // the JVM removes its temporary configuration only once the cache is written
        Path jvmTemporary = recording.resolveSibling(recording.getFileName() + ".config");
        Files.writeString(jvmTemporary, "classes to archive");

        TrinoClassCache.settleRecordingOf(directory.resolve("jvm.config"));

        assertThat(TrinoClassCache.cacheFile(install, jdk)).doesNotExist();
        assertThat(recording).doesNotExist();
        assertThat(jvmTemporary).doesNotExist();
    }

    @Test
    void aServerThatMappedTheCacheLeavesItAlone() throws IOException {
        Path install = install();
        Path jdk = jdk("jdk-25", 25);
        Path cache = TrinoClassCache.cacheFile(install, jdk);
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "cache");
        Files.write(directory.resolve("jvm.config"), TrinoClassCache.jvmOptions(install, jdk, directory.resolve("server")));

        TrinoClassCache.settleRecordingOf(directory.resolve("jvm.config"));
        TrinoClassCache.settleRecordingOf(directory.resolve("no-such-jvm.config"));

        assertThat(cache).hasContent("cache");
    }

    /** A jvm.config naming a recording, and the recording the JVM wrote. */
    private Path recordingWritten(Path install, Path jdk, String content) throws IOException {
        List<String> options = TrinoClassCache.jvmOptions(install, jdk, directory.resolve("server"));
        Files.write(directory.resolve("jvm.config"), options);
        Path recording = Path.of(options.get(0).substring("-XX:AOTCacheOutput=".length()));
        Files.writeString(recording, content);
        return recording;
    }

    private Path install() throws IOException {
        Path install = directory.resolve("trino-server-476");
        Files.createDirectories(install.resolve("lib"));
        return install;
    }

    private Path jdk(String name, int feature) throws IOException {
        Path home = directory.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + feature + ".0.1\"\n");
        return home;
    }
}
