package vn.provpulse.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a JDK 24+ for Trino 476: the configured one, else TRINO_JAVA_HOME, else one under /usr/lib/jvm. */
public final class TrinoJava {
    public static final int MINIMUM_FEATURE_VERSION = 24;
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private TrinoJava() {}

    public static Path find(String configured, Map<String, String> environment, Path jvmRoot) {
        if (configured != null && !configured.isBlank()) {
            return require(Path.of(configured), "trino.java_home");
        }
        String fromEnvironment = environment.get("TRINO_JAVA_HOME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return require(Path.of(fromEnvironment), "TRINO_JAVA_HOME");
        }
        return candidates(jvmRoot).stream()
                .filter(home -> featureVersion(home).orElse(0) >= MINIMUM_FEATURE_VERSION)
                .max(java.util.Comparator.comparing(home -> featureVersion(home).orElse(0)))
                .orElseThrow(() -> new IllegalStateException("Cannot start Trino: it needs a JDK " + MINIMUM_FEATURE_VERSION
                        + "+ and none was found under " + jvmRoot + " (install one, e.g. apt-get install temurin-25-jdk, or set TRINO_JAVA_HOME)"));
    }

    private static Path require(Path home, String origin) {
        int version = featureVersion(home).orElseThrow(() -> new IllegalStateException(
                "Cannot start Trino: " + origin + "=" + home + " is not a JDK (no release file with JAVA_VERSION)"));
        if (version < MINIMUM_FEATURE_VERSION || !Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("Cannot start Trino: " + origin + "=" + home + " is JDK " + version
                    + "; Trino 476 needs " + MINIMUM_FEATURE_VERSION + "+");
        }
        return home;
    }

    static Optional<Integer> featureVersion(Path home) {
        try {
            Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> candidates(Path jvmRoot) {
        if (!Files.isDirectory(jvmRoot)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(jvmRoot)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java"))).sorted().toList();
        }
        catch (IOException e) {
            return List.of();
        }
    }
}
