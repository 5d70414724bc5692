package vn.provpulse.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 fingerprints, in lower-case hex: a landing file's content hash (the ledger's
 * re-delivery check), and the short fingerprints of gold's settings and of a published version.
 */
public final class Digests {
    /** Hex digits kept in a short fingerprint: 64 bits, plenty to tell settings or versions apart. */
    public static final int SHORT_LENGTH = 16;

    private Digests() {}

    /** A fresh SHA-256 digest, for hashing several pieces in turn. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash: SHA-256 is not available in this JVM (use a standard Java 17 runtime)", e);
        }
    }

    /** The whole hash of everything the digest was given, in hex; the digest is reset. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The first {@link #SHORT_LENGTH} hex digits of the hash of everything the digest was given; the digest is reset. */
    public static String shortHex(MessageDigest digest) {
        return hex(digest).substring(0, SHORT_LENGTH);
    }

    public static String sha256(byte[] bytes) {
        MessageDigest digest = newSha256();
        digest.update(bytes);
        return hex(digest);
    }

    public static String shortSha256(byte[] bytes) {
        return sha256(bytes).substring(0, SHORT_LENGTH);
    }

    /** The hash of a file's bytes, read as a stream (landing files may be large). */
    public static String sha256(Path file) {
        try (DigestInputStream input = new DigestInputStream(Files.newInputStream(file), newSha256())) {
            input.transferTo(OutputStream.nullOutputStream());
            return hex(input.getMessageDigest());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot hash " + file + ": it cannot be read", e);
        }
    }
}
