package vn.provpulse.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The peak RSS of a process tree, from /proc/PID/status lines, worked out by hand. */
class ProcessTreeSamplerTest {
    private static final String STATUS = "Name:\tjava\nState:\tS (sleeping)\nVmPeak:\t 9000000 kB\nVmHWM:\t  4980736 kB\nVmRSS:\t  1048576 kB\nThreads:\t42\n";

    @Test
    void readsTheKilobytesOfTheNamedLineOnly() {
        assertThat(ProcessTreeSampler.kilobytes(STATUS, "VmRSS")).isEqualTo(OptionalLong.of(1_048_576));
        assertThat(ProcessTreeSampler.kilobytes(STATUS, "VmHWM")).isEqualTo(OptionalLong.of(4_980_736));
        assertThat(ProcessTreeSampler.kilobytes("Name:\tzombie\nState:\tZ (zombie)\n", "VmRSS")).isEmpty();
    }

    @Test
    void peakIsTheLargerOfTheHighestTreeSumAndTheHighestSingleProcessHighWaterMark() {
        ProcessTreeSampler.PeakRss peak = new ProcessTreeSampler.PeakRss();
        // launcher 100 kB (peak 150) + java 200 kB (peak 200): the sum, 300 kB, is the peak so far
        peak.sample(List.of(usage(1, 0, 100, 150), usage(2, 1, 200, 200)));
        assertThat(peak.bytes()).isEqualTo(300 * 1024);
        // java alone now holds 50 kB but reached 400 kB between samples: its VmHWM wins
        peak.sample(List.of(usage(2, 1, 50, 400)));
        assertThat(peak.bytes()).isEqualTo(400 * 1024);
        // two children of 300 kB each: 600 kB together, more than either's high-water mark
        peak.sample(List.of(usage(3, 1, 300, 300), usage(4, 1, 300, 300)));
        assertThat(peak.bytes()).isEqualTo(600 * 1024);
        // a smaller later sample lowers nothing
        peak.sample(List.of(usage(2, 1, 10, 10)));
        assertThat(peak.bytes()).isEqualTo(600 * 1024);
    }

    @Test
    void aChildNotYetExecdSharesItsParentsMemoryAndCountsOnce() {
        ProcessTreeSampler.PeakRss peak = new ProcessTreeSampler.PeakRss();
        ProcessTreeSampler.Usage java = new ProcessTreeSampler.Usage(2, 1, 3_000_000, 500, 500);
        // Spark starting rm -rf: the vfork child reports java's own sizes until it execs
        peak.sample(List.of(usage(1, 0, 4, 4), java, new ProcessTreeSampler.Usage(3, 2, 3_000_000, 500, 500)));
        assertThat(peak.bytes()).isEqualTo(504 * 1024);
        // after exec the child is a small process of its own, counted
        peak.sample(List.of(usage(1, 0, 4, 4), java, new ProcessTreeSampler.Usage(3, 2, 8_000, 2, 2)));
        assertThat(peak.bytes()).isEqualTo(506 * 1024);
        // a child of another process with the same sizes is not java's: counted too
        peak.sample(List.of(usage(1, 0, 4, 4), java, new ProcessTreeSampler.Usage(5, 1, 3_000_000, 500, 500)));
        assertThat(peak.bytes()).isEqualTo(1004 * 1024);
    }

    /** A process with a virtual size of its own (distinct from any other in the samples). */
    private static ProcessTreeSampler.Usage usage(long pid, long parentPid, long resident, long peak) {
        return new ProcessTreeSampler.Usage(pid, parentPid, 1_000_000 + pid, resident, peak);
    }

    @Test
    void passesTheExitCodeAndTheEnvironmentOfTheCommand(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Path log = folder.resolve("logs/run.log");
        ProcessTreeSampler.Measured measured = ProcessTreeSampler.run(List.of("sh", "-c", "echo \"key=$BENCH_TEST_KEY\"; exit 3"), folder,
                Map.of("BENCH_TEST_KEY", "k1"), log);
        assertThat(measured.exitCode()).isEqualTo(3);
        assertThat(measured.log()).hasContent("key=k1");
    }
}
