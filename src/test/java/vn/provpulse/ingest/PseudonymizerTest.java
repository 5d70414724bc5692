package vn.provpulse.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pseudonyms are HMAC-SHA256 of the value under the PII key, checked against RFC 4231's vectors and Python's hmac. */
class PseudonymizerTest {
    /** RFC 4231, test case 1: twenty bytes 0x0b. */
    private static final byte[] KEY = filled(20, 0x0b);

    @Test
    void aPseudonymIsTheHmacSha256OfTheValueInLowerCaseHex() {
        assertThat(new Pseudonymizer(KEY).pseudonym("Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        // RFC 4231, test case 6: a key longer than SHA-256's block
        assertThat(new Pseudonymizer(filled(131, 0xaa)).pseudonym("Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void theCitizenIsKeyedByTheIdNumberElseThePhonesDigits() {
        Pseudonymizer pseudonymizer = new Pseudonymizer(KEY);
        // expected values: Python's hmac.new(bytes([0x0b] * 20), b"id:001234567890", hashlib.sha256).hexdigest(), and so on
        assertThat(pseudonymizer.citizenKey(" 001234567890 ", "0912 345 678"))
                .isEqualTo("467e1f29a002da953f858dcce6f8d38dc9d0eafab4f96d8f7f963e069479e42f");
        assertThat(pseudonymizer.citizenKey("  ", "+84 (912) 345-678"))
                .isEqualTo("ea92178b637a9dd960a4293c86c536d55b4147d910f6aa329abafa2ff6a36c33");
        assertThat(pseudonymizer.citizenKey(null, "no digits")).isNull();
        assertThat(pseudonymizer.citizenKey(null, null)).isNull();
    }

    @Test
    void threadsSharingOnePseudonymizerEachGetTheSamePseudonyms() {
        Pseudonymizer pseudonymizer = new Pseudonymizer(KEY);
        List<String> values = IntStream.range(0, 20_000).mapToObj(i -> "id:" + i).toList();
        List<String> oneThread = values.stream().map(pseudonymizer::pseudonym).toList();
        List<String> manyThreads = values.parallelStream().map(pseudonymizer::pseudonym).toList();
        assertThat(manyThreads).isEqualTo(oneThread);
        assertThat(oneThread).doesNotHaveDuplicates();
    }

    @Test
    void aPseudonymizerShippedToATaskByJavaSerializationGivesTheSamePseudonyms() throws IOException, ClassNotFoundException {
        Pseudonymizer original = new Pseudonymizer(KEY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Pseudonymizer shipped = (Pseudonymizer) in.readObject();
            assertThat(shipped.pseudonym("Hi There")).isEqualTo(original.pseudonym("Hi There"))
                    .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        }
    }

    @Test
    void aKeyShorterThanSixteenBytesIsRefused() {
        assertThatThrownBy(() -> new Pseudonymizer(filled(15, 1)))
                .hasMessage("Cannot pseudonymise: the PII key must be at least 16 bytes (got 15)");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
