package vn.provpulse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Runs a command as a subprocess and measures its wall time and the peak resident memory of its
 * process tree (Linux): every 100 ms it reads /proc/PID/status of the process and its descendants.
 * The peak is the larger of the highest sum of VmRSS over one sample and the highest VmHWM (the
 * kernel's exact peak of one process) seen, so a tree of one large process (the launcher waits for
 * java; the peer's execs it) is measured exactly, up to the last 100 ms before it exits. A child the
 * JVM is starting (Spark's {@code rm -rf}, Hadoop's shell commands) shares its parent's memory until
 * it execs and reports the parent's VmRSS and VmSize meanwhile: it is counted once, not twice.
 */
final class ProcessTreeSampler {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    /** One finished command: exit code, wall seconds, peak RSS of its tree, and the 1-minute load average when it started. */
    record Measured(int exitCode, double seconds, long peakRssBytes, double loadAtStart, Path log) {}

    private ProcessTreeSampler() {}

    /** Runs the command in the working folder with extra environment variables, its output to the log file. */
    static Measured run(List<String> command, Path workingFolder, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        requireNonNull(command, "command is null");
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toAbsolutePath().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        double load = loadAverage();
        long started = System.nanoTime();
        Process process = builder.start();
        PeakRss peak = new PeakRss();
        while (!process.waitFor(INTERVAL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            peak.sample(sampleTree(process.toHandle()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measured(process.exitValue(), seconds, peak.bytes(), load, log);
    }

    /** The 1-minute load average of /proc/loadavg, or NaN where there is none. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip().split("\\s+")[0]);
        }
        catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static List<Usage> sampleTree(ProcessHandle root) {
        List<Usage> usages = new ArrayList<>();
        addUsage(root.pid(), usages);
        root.descendants().forEach(child -> addUsage(child.pid(), usages));
        return usages;
    }

    private static void addUsage(long pid, List<Usage> usages) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
            usages.add(new Usage(pid, number(status, "PPid").orElse(0), kilobytes(status, "VmSize").orElse(0),
                    kilobytes(status, "VmRSS").orElse(0), kilobytes(status, "VmHWM").orElse(0)));
        }
        catch (IOException e) {
            // the process ended between listing and reading: it holds no memory any more
        }
    }

    /** The value in kB of a "Name:   1234 kB" line of /proc/PID/status; empty when the line is absent (a zombie has no Vm lines). */
    static OptionalLong kilobytes(String status, String field) {
        return number(status, field);
    }

    /** The first number of a "Name: value ..." line of /proc/PID/status; empty when the line is absent. */
    private static OptionalLong number(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).strip().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    /** One process at one sample: its parent, virtual size (VmSize), resident set (VmRSS) and its high-water mark (VmHWM), in kB. */
    record Usage(long pid, long parentPid, long virtualKilobytes, long residentKilobytes, long peakKilobytes) {
        /** A child started with vfork, not yet exec'd: the same memory as its parent, so the same sizes. */
        boolean sharesMemoryOf(Usage parent) {
            return parentPid == parent.pid && virtualKilobytes == parent.virtualKilobytes && residentKilobytes == parent.residentKilobytes;
        }
    }

    /** The running peak over samples of a process tree. */
    static final class PeakRss {
        private long kilobytes;

        void sample(List<Usage> tree) {
            long sum = 0;
            for (Usage usage : tree) {
                kilobytes = Math.max(kilobytes, usage.peakKilobytes());
                if (tree.stream().noneMatch(usage::sharesMemoryOf)) {
                    sum += usage.residentKilobytes();
                }
            }
            kilobytes = Math.max(kilobytes, sum);
        }

        long bytes() {
            return kilobytes * 1024;
        }
    }
}
