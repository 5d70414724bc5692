package vn.provpulse.faults;

import vn.provpulse.storage.CommitPoints;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * One provpulse command in a JVM of its own (this test JVM's class path and Spark flags), with its
 * standard error in a file; optionally armed to stop at a commit point, where the test kills it
 * with SIGKILL. The process is killed when closed, also when a test fails.
 */
final class PipelineProcess implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    static final String PII_KEY = "provpulse-fault-test-key-0123456789abcdef";

    private final Process process;
    private final Path errors;

    private PipelineProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
    }

    /** Starts {@code provpulse <arguments>}; {@code killAt} names the commit point to stop at, if any. */
    static PipelineProcess start(Path logFolder, Optional<String> killAt, String... arguments) throws IOException {
        Files.createDirectories(logFolder);
        Path errors = Files.createTempFile(logFolder, "run-", ".err");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the Spark flags of this JVM (the surefire argLine), then a smaller heap: two runs may share the machine
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-") || argument.startsWith("-XX:+IgnoreUnrecognized")
                        || argument.startsWith("-Djdk.reflect") || argument.startsWith("-Dio.netty") || argument.startsWith("-Dlog4j2"))
                .forEach(command::add);
        command.add("-Xmx1g");
        killAt.ifPresent(point -> command.add("-D" + CommitPoints.PROPERTY + "=" + point));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("vn.provpulse.cli.ProvPulse");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
        builder.environment().put("PROVPULSE_PII_KEY", PII_KEY);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return new PipelineProcess(builder.start(), errors);
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the armed commit point is reached, then kills the process with SIGKILL; false when it ended without reaching it. */
    boolean killAtPoint() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (errors().contains(CommitPoints.REACHED)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the run neither reached its commit point nor ended within " + TIMEOUT + ": " + errors());
    }

    /** Waits for the process to end; returns its exit code. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the run did not end within " + TIMEOUT);
        }
        return process.exitValue();
    }

    String errors() throws IOException {
        return Files.readString(errors, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        requireNonNull(process, "process is null").destroyForcibly();
    }
}
