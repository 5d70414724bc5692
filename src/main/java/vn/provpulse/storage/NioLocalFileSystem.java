package vn.provpulse.storage;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's raw local file system (no {@code .crc} side files), setting permissions through
 * java.nio. Without Hadoop's native library the raw one forks a {@code chmod} process for every
 * folder and file it creates: ~4.5 ms each, ~7,400 in a year's backfill (docs/benchmark.md).
 * A sticky bit (java.nio cannot set it), or a platform without POSIX permissions, is left to Hadoop's own way.
 */
public final class NioLocalFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
        java.nio.file.Path file = pathToFile(path).toPath();
        if (permission.getStickyBit() || Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            super.setPermission(path, permission);
            return;
        }
        Files.setPosixFilePermissions(file, posix(permission));
    }

    /** The nine permission bits of a Hadoop permission, as java.nio names them. */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
        add(bits, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        add(bits, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
        add(bits, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        return bits;
    }

    private static void add(Set<PosixFilePermission> bits, FsAction action, PosixFilePermission read, PosixFilePermission write,
                            PosixFilePermission execute) {
        if (action.implies(FsAction.READ)) {
            bits.add(read);
        }
        if (action.implies(FsAction.WRITE)) {
            bits.add(write);
        }
        if (action.implies(FsAction.EXECUTE)) {
            bits.add(execute);
        }
    }
}
