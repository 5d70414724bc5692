package vn.provpulse.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.provpulse.config.ProvPulseConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A configured PII key file must be owner-only. */
class PiiKeyTest {
    @TempDir
    Path directory;

    @Test
    void aKeyFileOthersMayReadIsRefusedWithOneLine() throws IOException {
        Path key = directory.resolve("pii.key");
        Files.writeString(key, "a-secret-key\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        ProvPulseConfig.Pii pii = new ProvPulseConfig.Pii("PROVPULSE_PII_KEY", key.toString());
        assertThatThrownBy(() -> PiiKey.resolve(pii, Map.of()))
                .hasMessage("Cannot use the PII key file " + key + ": its permissions are rw-r--r-- (make it owner-only: chmod 600 " + key
                        + ", or set PROVPULSE_PII_KEY)");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(new String(PiiKey.resolve(pii, Map.of()), StandardCharsets.UTF_8)).isEqualTo("a-secret-key");
    }
}
