package vn.provpulse.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The permissions java.nio sets are those Hadoop's forked chmod sets, mode by mode. */
class NioLocalFileSystemTest {
    @Test
    void everyModeMatchesHadoopsChmod(@TempDir Path directory) throws IOException {
        try (FileSystem nio = open(new NioLocalFileSystem(), "022"); FileSystem hadoops = open(new RawLocalFileSystem(), "022")) {
            for (short mode = 0; mode < 0777 + 1; mode++) {
                Path byNio = Files.createFile(directory.resolve("nio-" + mode));
                Path byHadoop = Files.createFile(directory.resolve("hadoop-" + mode));
                nio.setPermission(hadoopPath(byNio), new FsPermission(mode));
                hadoops.setPermission(hadoopPath(byHadoop), new FsPermission(mode));
                assertThat(Files.getPosixFilePermissions(byNio)).as("mode %o", mode).isEqualTo(Files.getPosixFilePermissions(byHadoop));
            }
        }
    }

    @Test
    void theNineBitsMapOneToOne() {
        assertThat(NioLocalFileSystem.posix(new FsPermission((short) 0640))).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(NioLocalFileSystem.posix(new FsPermission((short) 0705))).isEqualTo(PosixFilePermissions.fromString("rwx---r-x"));
        assertThat(NioLocalFileSystem.posix(new FsPermission((short) 0))).isEmpty();
    }

    @Test
    void aStickyBitIsLeftToHadoop(@TempDir Path directory) throws IOException {
        try (FileSystem nio = open(new NioLocalFileSystem(), "022")) {
            Path folder = Files.createDirectory(directory.resolve("shared"));
            nio.setPermission(hadoopPath(folder), new FsPermission((short) 01777));
            assertThat((int) Files.getAttribute(folder, "unix:mode") & 07777).isEqualTo(01777);
        }
    }

    @Test
    void foldersAndFilesItCreatesFollowTheUmask(@TempDir Path directory) throws IOException {
        try (FileSystem nio = open(new NioLocalFileSystem(), "077")) {
            Path folder = directory.resolve("a/b");
            assertThat(nio.mkdirs(hadoopPath(folder))).isTrue();
            try (FSDataOutputStream out = nio.create(hadoopPath(folder.resolve("part.parquet")))) {
                out.write(new byte[] {1, 2, 3});
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("part.parquet")))).isEqualTo("rw-------");
            assertThat(Files.readAllBytes(folder.resolve("part.parquet"))).containsExactly(1, 2, 3);
            assertThat(folder.resolve(".part.parquet.crc")).doesNotExist();
        }
    }

    private static FileSystem open(RawLocalFileSystem fileSystem, String umask) throws IOException {
        Configuration conf = new Configuration(false);
        conf.set("fs.permissions.umask-mode", umask);
        fileSystem.initialize(URI.create("file:///"), conf);
        return fileSystem;
    }

    private static org.apache.hadoop.fs.Path hadoopPath(Path file) {
        return new org.apache.hadoop.fs.Path(file.toUri());
    }
}
