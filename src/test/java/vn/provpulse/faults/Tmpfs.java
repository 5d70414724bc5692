package vn.provpulse.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small tmpfs file system mounted for a test (needs root, as the build machine's tests run): a disk that fills up, or turns read-only. */
final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static Tmpfs mount(Path mountPoint, long bytes) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString());
        return new Tmpfs(mountPoint);
    }

    /** Changes the mount's options in place (its files stay), e.g. {@code size=256m} or {@code ro}. */
    void remount(String options) throws IOException, InterruptedException {
        run("mount", "-o", "remount," + options, mountPoint.toString());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", mountPoint.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
