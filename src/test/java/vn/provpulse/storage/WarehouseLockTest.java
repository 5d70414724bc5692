package vn.provpulse.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.WarehouseLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One writer per warehouse; what a dead run left is taken over. (Two JVMs at once: vn.provpulse.faults.) */
class WarehouseLockTest {
    @TempDir
    Path directory;

    @Test
    void secondRunThatWillNotWaitIsRefusedNamingTheRunInTheWay() {
        WarehouseLayout warehouse = new WarehouseLayout(directory);
        try (WarehouseLock first = WarehouseLock.acquire(warehouse.forRun("nightly-1"), Duration.ZERO)) {
            assertThatThrownBy(() -> WarehouseLock.acquire(warehouse.forRun("nightly-2"), Duration.ZERO))
                    .hasMessageStartingWith("Cannot run: warehouse " + directory.toAbsolutePath() + " is in use by run nightly-1 (pid "
                            + ProcessHandle.current().pid() + ", since ")
                    .hasMessageEndingWith("(wait for it to finish, or raise paths.lock_wait_seconds)");
        }
    }

    @Test
    void waitingRunGoesAheadWhenTheRunInTheWayFinishes() throws Exception {
        WarehouseLayout warehouse = new WarehouseLayout(directory);
        WarehouseLock first = WarehouseLock.acquire(warehouse.forRun("nightly-1"), Duration.ZERO);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            try (WarehouseLock lock = WarehouseLock.acquire(warehouse.forRun("nightly-2"), Duration.ofSeconds(30))) {
                return read(warehouse.lockFile());
            }
        });
        Thread.sleep(600);
        assertThat(second).isNotDone();
        first.close();
        assertThat(second.get(20, TimeUnit.SECONDS)).startsWith("run nightly-2 (pid ");
        assertThat(read(warehouse.lockFile())).as("released cleanly: nothing left to take over").isEmpty();
    }

    @Test
    void lockLeftByADeadRunIsTakenOverAndOnlyStagingOfNoLiveRunIsRemoved() throws Exception {
        WarehouseLayout warehouse = new WarehouseLayout(directory);
        Files.createDirectories(warehouse.lockFile().getParent());
        // what a run killed with SIGKILL leaves: its name in the lock file (the operating system dropped the lock itself)
        Files.writeString(warehouse.lockFile(), "run nightly-dead (pid 2147483646, since 2026-01-05T17:00:00Z)\n");
        Path deadStaging = Files.createDirectories(warehouse.forRun("nightly-dead").staging().resolve("gold-unit_scorecard"));
        Path goldFile = Files.createDirectories(warehouse.gold("unit_scorecard")).resolve("part-00000.parquet");
        Files.writeString(goldFile, "kept");
        try (WarehouseLock lock = WarehouseLock.acquire(warehouse.forRun("nightly-new"), Duration.ZERO)) {
            assertThat(deadStaging.getParent()).doesNotExist();
            assertThat(goldFile).hasContent("kept");
            assertThat(read(warehouse.lockFile())).startsWith("run nightly-new (pid " + ProcessHandle.current().pid() + ", since ");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
