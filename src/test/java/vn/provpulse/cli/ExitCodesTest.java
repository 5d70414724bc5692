package vn.provpulse.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** One line per failure, naming the cause an operator can act on even when it lies deep in the chain. */
class ExitCodesTest {
    @Test
    void runningOutOfMemoryExitsWithSparksOutOfMemoryCode() {
        assertThat(ExitCodes.run(new ExhaustsMemory())).isEqualTo(52);
    }

    @Test
    void aFailedCommandExitsWithOne() {
        assertThat(ExitCodes.run(new Fails())).isEqualTo(1);
    }

    @picocli.CommandLine.Command(name = "exhausts-memory")
    static final class ExhaustsMemory implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @picocli.CommandLine.Command(name = "fails")
    static final class Fails implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("Cannot run: a failure");
        }
    }

    @Test
    void fullDiskDeepInsideASparkFailureIsNamedWithItsPath() {
        Exception spark = new IllegalStateException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times\n\tat org.apache...",
                new RuntimeException("Task failed while writing rows", new FileSystemException("/w/_staging/r/part-0.parquet", null,
                        "No space left on device")));
        assertThat(ExitCodes.oneLine(spark)).isEqualTo("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times: "
                + "no space left on the device (/w/_staging/r/part-0.parquet) (free space, then run again: the next run recovers)");
    }

    @Test
    void readOnlyFileSystemIsNamed() {
        Exception failure = new UncheckedIOException("Cannot open the warehouse lock /w/state/warehouse.lock",
                new FileSystemException("/w/state/warehouse.lock", null, "Read-only file system"));
        assertThat(ExitCodes.oneLine(failure)).isEqualTo("Cannot open the warehouse lock /w/state/warehouse.lock: "
                + "the file system is read-only (/w/state/warehouse.lock) (point --warehouse at a writable folder)");
    }

    @Test
    void permissionDeniedIsNamed() {
        Exception failure = new UncheckedIOException("Cannot write /w/state/silver.json", new AccessDeniedException("/w/state/.silver.json.tmp"));
        assertThat(ExitCodes.oneLine(failure)).isEqualTo("Cannot write /w/state/silver.json: permission denied (/w/state/.silver.json.tmp)"
                + " (check the owner and mode of that folder)");
    }

    @Test
    void ourOwnFailureKeepsItsRootCauseOnTheSameLine() {
        Exception failure = new UncheckedIOException("Cannot list the landing folder /l/tasks", new IOException("Input/output error\nmore"));
        assertThat(ExitCodes.oneLine(failure)).isEqualTo("Cannot list the landing folder /l/tasks: Input/output error");
    }

    @Test
    void plainFailureIsItsFirstLine() {
        assertThat(ExitCodes.oneLine(new IllegalStateException("Cannot run: warehouse /w is in use by run nightly-1\nat ..."))).isEqualTo(
                "Cannot run: warehouse /w is in use by run nightly-1");
    }
}
