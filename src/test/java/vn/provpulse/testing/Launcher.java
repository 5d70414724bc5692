package vn.provpulse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's launcher, ./provpulse, as a user would, and keeps what it printed. */
public final class Launcher {
    private Launcher() {}

    /** What one launch printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    /** ./provpulse ARGS with the launcher's own JVM options (PROVPULSE_JAVA_OPTS removed) and these variables set. */
    public static Result run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./provpulse"));
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile("provpulse-launch", ".out");
        Path stderr = Files.createTempFile("provpulse-launch", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().remove("PROVPULSE_JAVA_OPTS");
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("./provpulse " + String.join(" ", arguments) + " did not finish in 10 minutes");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        }
        finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
