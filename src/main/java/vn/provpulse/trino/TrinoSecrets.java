package vn.provpulse.trino;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The password mode's secrets, in one owner-only folder: the HTTPS keystore and its password, the
 * certificate clients trust (trino.pem), the password file (bcrypt $2y$ entries) and the internal
 * shared secret.
 */
public record TrinoSecrets(Path folder) {
    public static final String KEYSTORE = "keystore.p12";
    public static final String KEYSTORE_PASSWORD = "keystore.pass";
    public static final String CERTIFICATE = "trino.pem";
    public static final String PASSWORD_FILE = "password.db";
    public static final String SHARED_SECRET = "shared-secret";
    private static final int BCRYPT_COST = 10;
    private static final int MINIMUM_PASSWORD_LENGTH = 12;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    public TrinoSecrets {
        requireNonNull(folder, "folder is null");
        folder = folder.toAbsolutePath();
    }

    public Path keystore() {
        return folder.resolve(KEYSTORE);
    }

    public Path certificate() {
        return folder.resolve(CERTIFICATE);
    }

    public Path passwordFile() {
        return folder.resolve(PASSWORD_FILE);
    }

    public String keystorePassword() {
        return readRequired(folder.resolve(KEYSTORE_PASSWORD), "provpulse trino cert");
    }

    /** The internal shared secret, created (random, owner-only) on first use. */
    public String sharedSecret() {
        Path file = folder.resolve(SHARED_SECRET);
        if (!Files.exists(file)) {
            writeOwnerOnly(file, random(48));
        }
        return readRequired(file, "delete it to have a new one made");
    }

    /** Makes a self-signed keystore for these host names and IP addresses, and exports its certificate for clients. */
    public void createCertificate(Path javaHome, List<String> hosts) {
        if (Files.exists(keystore())) {
            throw new IllegalStateException("Cannot make a certificate: " + keystore() + " exists (delete it first to replace it)");
        }
        writeOwnerOnly(folder.resolve(KEYSTORE_PASSWORD), random(24));
        List<String> names = new ArrayList<>();
        for (String host : hosts) {
            names.add((host.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + host);
        }
        String storePassword = "-storepass:file";
        keytool(javaHome, List.of("-genkeypair", "-alias", "trino", "-keyalg", "RSA", "-keysize", "3072", "-validity", "825",
                "-dname", "CN=" + hosts.get(0) + ", O=ProvPulse", "-ext", "SAN=" + String.join(",", names),
                "-storetype", "PKCS12", "-keystore", keystore().toString(), storePassword, folder.resolve(KEYSTORE_PASSWORD).toString()));
        keytool(javaHome, List.of("-exportcert", "-rfc", "-alias", "trino", "-keystore", keystore().toString(),
                storePassword, folder.resolve(KEYSTORE_PASSWORD).toString(), "-file", certificate().toString()));
        restrict(keystore());
    }

    /** Adds or replaces a user's bcrypt entry in the password file; Trino re-reads the file by itself. */
    public void setPassword(String user, char[] password) {
        if (!user.matches("[A-Za-z0-9_.@-]+")) {
            throw new IllegalArgumentException("Cannot set a password for '" + user + "': a user name has letters, digits, _ . @ - only");
        }
        if (password.length < MINIMUM_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("Cannot set the password of " + user + ": it must have at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        String entry = user + ":" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(BCRYPT_COST, password);
        List<String> lines = new ArrayList<>();
        try {
            if (Files.exists(passwordFile())) {
                Files.readAllLines(passwordFile()).stream().filter(line -> !line.startsWith(user + ":")).forEach(lines::add);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + passwordFile(), e);
        }
        lines.add(entry);
        writeOwnerOnly(passwordFile(), String.join("\n", lines));
    }

    public boolean hasUser(String user) {
        try {
            return Files.exists(passwordFile()) && Files.readAllLines(passwordFile()).stream().anyMatch(line -> line.startsWith(user + ":"));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + passwordFile(), e);
        }
    }

    /** Writes a file readable by its owner only, in the owner-only folder, replacing it atomically. */
    public void writeOwnerOnly(Path file, String content) {
        try {
            createFolder();
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            Files.writeString(temporary, content + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private void createFolder() throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + file + " owner-only", e);
        }
    }

    private static String readRequired(Path file, String remedy) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage() + " (" + remedy + ")");
        }
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void keytool(Path javaHome, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/keytool").toString()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("Cannot make the certificate: keytool " + arguments.get(0) + " failed: " + output);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run keytool of " + javaHome, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }
}
