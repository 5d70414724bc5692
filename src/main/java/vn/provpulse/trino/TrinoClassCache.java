package vn.provpulse.trino;

import vn.provpulse.storage.Digests;
import vn.provpulse.storage.LocalFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The Trino server's ahead-of-time class cache (JDK 25+): a server started without one records the classes it
 * loads, and its JVM writes them into a cache as it stops; every later start maps them already parsed and linked
 * instead of reading ~170 jars (docs/trino.md). One cache per JDK and Trino install, in a folder beside the install;
 * a JDK 24 gets none. A cache the JVM finds stale (another jar, other flags) is ignored with a warning in the server log.
 */
final class TrinoClassCache {
    static final int MINIMUM_FEATURE_VERSION = 25;
    private static final String RECORD = "-XX:AOTCacheOutput=";
    private static final String RECORDING_SUFFIX = ".recording";
    /** The JVM's own name for a recording's temporary configuration: removed once the cache is written. */
    private static final String JVM_CONFIGURATION_SUFFIX = ".config";

    private TrinoClassCache() {}

    /**
     * The JVM options of a server's next start: map the cache of this JDK and install, or record it under a name of this
     * server's own (the JVM's ~1,200 warnings about classes it cannot archive kept out of the server log); none before JDK 25.
     */
    static List<String> jvmOptions(Path installDirectory, Path javaHome, Path serverDirectory) {
        if (TrinoJava.featureVersion(javaHome).orElse(0) < MINIMUM_FEATURE_VERSION) {
            return List.of();
        }
        Path cache = cacheFile(installDirectory, javaHome);
        if (Files.isRegularFile(cache)) {
            return List.of("-XX:AOTCache=" + cache);
        }
        LocalFiles.createDirectories(cache.getParent());
        String server = digest(serverDirectory.toAbsolutePath().normalize().toString());
        return List.of(RECORD + cache.resolveSibling(cache.getFileName() + "." + server + RECORDING_SUFFIX), "-Xlog:aot*=error");
    }

    /** The cache file of this JDK and install. */
    static Path cacheFile(Path installDirectory, Path javaHome) {
        Path folder = installDirectory.toAbsolutePath().normalize().resolveSibling(installDirectory.getFileName() + "-class-cache");
        return folder.resolve("trino-" + digest(identity(installDirectory, javaHome)) + ".aot");
    }

    /**
     * With the server of this JVM configuration stopped: the recording it names, if the JVM finished it (its temporary
     * configuration removed), becomes the cache by a rename; one cut short (the server killed while writing it) is removed.
     */
    static void settleRecordingOf(Path jvmConfig) {
        recordingOf(jvmConfig).ifPresent(TrinoClassCache::settle);
    }

    private static Optional<Path> recordingOf(Path jvmConfig) {
        if (!Files.isRegularFile(jvmConfig)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(jvmConfig).stream()
                    .filter(line -> line.startsWith(RECORD) && line.endsWith(RECORDING_SUFFIX))
                    .map(line -> Path.of(line.substring(RECORD.length())))
                    .findFirst();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jvmConfig, e);
        }
    }

    private static void settle(Path recording) {
        String name = recording.getFileName().toString();
        String withoutSuffix = name.substring(0, name.length() - RECORDING_SUFFIX.length());
        Path cache = recording.resolveSibling(withoutSuffix.substring(0, withoutSuffix.lastIndexOf('.')));
        Path configuration = recording.resolveSibling(name + JVM_CONFIGURATION_SUFFIX);
        try {
            if (Files.isRegularFile(recording) && !Files.exists(configuration) && Files.size(recording) > 0) {
                Files.move(recording, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(recording);
            Files.deleteIfExists(configuration);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot keep Trino's class cache recorded in " + recording, e);
        }
    }

    /** What a cache is valid for: the JDK (its files) and the Trino install (its jars' folder). */
    private static String identity(Path installDirectory, Path javaHome) {
        try {
            Path java = javaHome.resolve("bin/java").toRealPath();
            Path jars = installDirectory.resolve("lib").toRealPath();
            return String.join("\n", java.toString(), String.valueOf(Files.size(java)), Files.getLastModifiedTime(java).toString(),
                    Files.readString(javaHome.resolve("release")), jars.toString(), Files.getLastModifiedTime(jars).toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JDK " + javaHome + " or the Trino install " + installDirectory, e);
        }
    }

    private static String digest(String text) {
        return Digests.shortSha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
