package vn.provpulse.ingest;

import vn.provpulse.config.WarehouseLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The warehouse folders that hold citizen data or the key (quarantine, restricted, state) made
 * readable by their owner only, whatever the umask of the process that wrote them.
 */
public final class OwnerOnly {
    public static final List<String> FOLDERS = List.of("quarantine", "restricted", "state");

    private OwnerOnly() {}

    public static void restrictPersonalFolders(WarehouseLayout warehouse) {
        for (String name : FOLDERS) {
            Path folder = warehouse.root().resolve(name);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------"));
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot make " + folder + " owner-only", e);
            }
        }
    }
}
