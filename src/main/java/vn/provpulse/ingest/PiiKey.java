package vn.provpulse.ingest;

import vn.provpulse.config.ProvPulseConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** Finds the pseudonymisation key: the configured environment variable, else the configured key file. */
public final class PiiKey {
    private PiiKey() {}

    /**
     * The configured key; when none is configured, a random key kept in the warehouse (owner-only),
     * so that a run on an embedded default still pseudonymises with a secret key.
     */
    public static byte[] resolve(ProvPulseConfig.Pii pii, Map<String, String> environment, Path warehouseKeyFile) {
        if (configured(pii, environment)) {
            return resolve(pii, environment);
        }
        try {
            if (!Files.exists(warehouseKeyFile)) {
                org.apache.logging.log4j.LogManager.getLogger(PiiKey.class).warn(
                        "no PII key configured ({} or pii.key_file): created a random one at {}; set {} to use your own",
                        pii.keyEnv(), warehouseKeyFile, pii.keyEnv());
                createIfMissing(warehouseKeyFile);
            }
            return Files.readString(warehouseKeyFile, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot create the PII key file " + warehouseKeyFile + ": " + e.getMessage()
                    + " (set " + pii.keyEnv() + ")");
        }
    }

    private static boolean configured(ProvPulseConfig.Pii pii, Map<String, String> environment) {
        String fromEnvironment = environment.get(pii.keyEnv());
        return (fromEnvironment != null && !fromEnvironment.isBlank()) || (pii.keyFile() != null && !pii.keyFile().isBlank());
    }

    public static byte[] resolve(ProvPulseConfig.Pii pii, Map<String, String> environment) {
        String fromEnvironment = environment.get(pii.keyEnv());
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip().getBytes(StandardCharsets.UTF_8);
        }
        if (pii.keyFile() != null && !pii.keyFile().isBlank()) {
            Path file = Path.of(pii.keyFile());
            requireOwnerOnly(file, pii.keyEnv());
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new IllegalStateException("Cannot read the PII key file " + file + ": " + e.getMessage()
                        + " (set " + pii.keyEnv() + " or fix pii.key_file)");
            }
        }
        throw new IllegalStateException("Cannot pseudonymise citizen data: no key (set the environment variable "
                + pii.keyEnv() + ", or pii.key_file in the configuration)");
    }

    /** Refuses a key file that its group or others may read, write or run: the key would then not be secret. */
    static void requireOwnerOnly(Path file, String keyEnv) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!PosixFilePermissions.fromString("rw-------").containsAll(permissions)) {
                throw new IllegalStateException("Cannot use the PII key file " + file + ": its permissions are " + PosixFilePermissions.toString(permissions)
                        + " (make it owner-only: chmod 600 " + file + ", or set " + keyEnv + ")");
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read the PII key file " + file + ": " + e.getMessage() + " (set " + keyEnv + " or fix pii.key_file)");
        }
    }

    /** Creates a random key file readable only by its owner, unless one exists already. */
    public static void createIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
    }
}
