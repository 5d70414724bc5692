package vn.provpulse.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

/** SHA-256 against the published test vectors (FIPS 180-2: "abc", and the empty message). */
class DigestsTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hashOfBytesIsTheFullLowerCaseHex() {
        assertThat(Digests.sha256("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Digests.sha256(new byte[0])).isEqualTo(EMPTY);
    }

    @Test
    void shortFingerprintIsTheFirstSixteenHexDigits() {
        assertThat(Digests.shortSha256("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo("ba7816bf8f01cfea");
    }

    @Test
    void hashOfAFileIsTheHashOfItsBytes(@TempDir Path directory) throws IOException {
        Path file = Files.write(directory.resolve("abc.txt"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(Digests.sha256(file)).isEqualTo(ABC);
    }

    @Test
    void piecesHashedInTurnHashLikeTheirConcatenation() {
        MessageDigest digest = Digests.newSha256();
        digest.update("a".getBytes(StandardCharsets.US_ASCII));
        digest.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(Digests.shortHex(digest)).isEqualTo(ABC.substring(0, 16));
    }
}
