package vn.provpulse.storage;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import vn.provpulse.config.WarehouseLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One writer per warehouse. The lock is an operating-system lock on {@code state/warehouse.lock},
 * so it is released when its process dies, however it dies; the file's text names the holding run.
 * A run that finds that text left behind by a dead run takes the lock over and removes the dead
 * run's staging folder (only staging folders: tables are restored by the stage that owns them).
 */
public final class WarehouseLock implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(WarehouseLock.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final FileChannel channel;
    private final FileLock lock;

    private WarehouseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock for the layout's run, waiting up to {@code wait} for another run to finish. */
    public static WarehouseLock acquire(WarehouseLayout warehouse, Duration wait) {
        requireNonNull(warehouse, "warehouse is null");
        Instant deadline = Instant.now().plus(requireNonNull(wait, "wait is null"));
        FileChannel channel = open(warehouse);
        boolean waiting = false;
        while (true) {
            FileLock lock = tryLock(channel, warehouse);
            if (lock != null) {
                WarehouseLock held = new WarehouseLock(channel, lock);
                held.takeOver(warehouse);
                return held;
            }
            String holder = holder(channel).orElse("another run");
            if (!Instant.now().isBefore(deadline)) {
                close(channel);
                throw new IllegalStateException("Cannot run: warehouse " + warehouse.root() + " is in use by " + holder
                        + " (wait for it to finish, or raise paths.lock_wait_seconds)");
            }
            if (!waiting) {
                LOG.info("warehouse {} is in use by {}; waiting up to {} s", warehouse.root(), holder, wait.toSeconds());
                waiting = true;
            }
            sleep();
        }
    }

    /** Names a dead holder in the log, removes the staging folders no live run owns, and writes this run's name. */
    private void takeOver(WarehouseLayout warehouse) {
        holder(channel).ifPresent(dead -> LOG.warn("warehouse {}: taking over the lock left by {}, which is no longer running",
                warehouse.root(), dead));
        for (java.nio.file.Path folder : LocalFiles.children(warehouse.stagingRoot())) {
            if (!folder.equals(warehouse.staging())) {
                LOG.info("removing staging folder {} left by a run that did not finish", folder.getFileName());
                LocalFiles.deleteRecursively(folder);
            }
        }
        String text = "run " + warehouse.run() + " (pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + ")";
        write(text, warehouse);
    }

    /**
     * Who holds the lock, as its file says; empty when the file is empty (released cleanly). Read
     * through the lock's own channel: closing another channel on the file would release this
     * process's lock (POSIX record locks belong to the process and file, not to the channel).
     */
    private static Optional<String> holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot release the warehouse lock " + e.getMessage(), e);
        }
        finally {
            close(channel);
        }
    }

    private void write(String text, WarehouseLayout warehouse) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the warehouse lock " + warehouse.lockFile(), e);
        }
    }

    private static FileChannel open(WarehouseLayout warehouse) {
        try {
            Files.createDirectories(warehouse.lockFile().getParent());
            return FileChannel.open(warehouse.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot open the warehouse lock " + warehouse.lockFile(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, WarehouseLayout warehouse) {
        try {
            return channel.tryLock();
        }
        catch (OverlappingFileLockException e) {
            // this JVM already holds it (another run in the same process)
            return null;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the warehouse lock " + warehouse.lockFile(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot run: interrupted while waiting for the warehouse lock", e);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        }
        catch (IOException e) {
            LOG.warn("closing the warehouse lock file: {}", e.getMessage());
        }
    }
}
