package vn.provpulse.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParsedFileFormTest {
    private static final LandingFile FILE = new LandingFile("feedback", LocalDate.of(2026, 3, 15), "feedback_XA01.csv@2",
            "/landing/feedback/2026-03-15/feedback_XA01.csv", 1234);

    @Test
    void aParsedFileReadsBackWithEveryValueAsItWas() throws Exception {
        String longText = "Ý kiến ".repeat(4_000) + "\ud83d\ude00" + "x".repeat(30_000);
        Row accepted = RowFactory.create("FB-1", null, 42, -7, LocalDate.of(1969, 12, 31), LocalDate.of(2026, 3, 15),
                Instant.parse("2026-03-15T09:20:00.123456789Z"), Instant.parse("1960-01-01T00:00:00.5Z"), "");
        Row quarantined = RowFactory.create("feedback", null, "bad_date", "bad_date", "received_at", "lone \ud800 surrogate",
                longText + "\udc00", "feedback_XA01.csv@2", 7, LocalDate.of(2026, 3, 15));
        Row restricted = RowFactory.create("FB-1", "Đường hỏng\r\nở xã", "feedback_XA01.csv@2", 3, LocalDate.of(2026, 3, 15));
        FileParser.ParsedFile parsed = new FileParser.ParsedFile(FILE, 9, 1, List.of(accepted, accepted), List.of(quarantined), List.of(restricted));

        FileParser.ParsedFile read = (FileParser.ParsedFile) roundTrip(parsed);

        assertThat(read.file()).isEqualTo(FILE);
        assertThat(read.rowsRead()).isEqualTo(9);
        assertThat(read.quarantinedCount()).isEqualTo(1);
        assertThat(read.accepted()).containsExactly(accepted, accepted);
        assertThat(read.quarantined()).containsExactly(quarantined);
        assertThat(read.quarantined().get(0).getString(6)).isEqualTo(longText + "\udc00");
        assertThat(read.restricted()).containsExactly(restricted);
    }

    @Test
    void aParsedFileReadBackIsWrittenAgainAsItWas() throws Exception {
        Row accepted = RowFactory.create("T-1", LocalDate.of(2026, 3, 14), Instant.parse("2026-03-14T02:00:00Z"), 3, null);
        Row quarantined = RowFactory.create("tasks", "XA01", "bad_integer", "bad_integer", "priority", "priority must be a whole number",
                "{\"priority\": \"x\"}", "tasks_XA01.jsonl", 2, LocalDate.of(2026, 3, 15));
        FileParser.ParsedFile parsed = new FileParser.ParsedFile(FILE, 2, 1, List.of(accepted), List.of(quarantined), List.of());

        FileParser.ParsedFile again = (FileParser.ParsedFile) roundTrip(roundTrip(parsed));

        assertThat(again.accepted()).containsExactly(accepted);
        assertThat(again.quarantined()).containsExactly(quarantined);
        assertThat(again.restricted()).isEmpty();
    }

    @Test
    void aParsedFileReadBackIsWrittenAgainAsTheSameBytesBeforeAndAfterItsRowsAreUsed() throws Exception {
        Row accepted = RowFactory.create("T-1", LocalDate.of(2026, 3, 14), Instant.parse("2026-03-14T02:00:00Z"), 3, null);
        Row restricted = RowFactory.create("FB-1", "Đường hỏng", "feedback_XA01.csv@2", 3, LocalDate.of(2026, 3, 15));
        byte[] written = serialized(new FileParser.ParsedFile(FILE, 1, 0, List.of(accepted), List.of(), List.of(restricted)));

        FileParser.ParsedFile read = (FileParser.ParsedFile) deserialized(written);

        assertThat(serialized(read)).isEqualTo(written);
        assertThat(read.accepted().get(0)).isEqualTo(accepted);
        assertThat(serialized(read)).isEqualTo(written);
        assertThat(read.accepted()).containsExactly(accepted);
        assertThat(read.restricted()).containsExactly(restricted);
    }

    @Test
    void landingFilesReadBackEqual() throws Exception {
        LandingFile pulled = new LandingFile("ratings", LocalDate.of(1969, 12, 31), "ratings_pull_Đà Lạt.jsonl", "/pulled/ratings/1969-12-31/ratings_pull_Đà Lạt.jsonl", 0);
        ArrayList<LandingFile> month = new ArrayList<>(List.of(FILE, pulled, FILE));

        assertThat(roundTrip(month)).isEqualTo(List.of(FILE, pulled, FILE));
    }

    @Test
    void aSectionReadBackAndSerializedAloneIsItsRows() throws Exception {
        Row accepted = RowFactory.create("T-1", LocalDate.of(2026, 3, 14), 3);
        FileParser.ParsedFile read = (FileParser.ParsedFile) roundTrip(new FileParser.ParsedFile(FILE, 1, 0, List.of(accepted), List.of(), List.of()));

        assertThat(roundTrip(read.accepted())).isEqualTo(List.of(accepted));
    }

    @Test
    void textsAtTheLengthWhereTheirEncodingChangesReadBackWhole() throws Exception {
        String longestShort = "ệ".repeat(21_845);
        String shortestLong = "ệ".repeat(21_846);
        FileParser.ParsedFile parsed = new FileParser.ParsedFile(FILE, 1, 0, List.of(RowFactory.create(longestShort, shortestLong)), List.of(), List.of());

        FileParser.ParsedFile read = (FileParser.ParsedFile) roundTrip(parsed);

        assertThat(read.accepted().get(0).getString(0)).isEqualTo(longestShort);
        assertThat(read.accepted().get(0).getString(1)).isEqualTo(shortestLong);
    }

    @Test
    void aValueOfAnotherTypeIsRefusedWithItsTypeNamed() {
        FileParser.ParsedFile parsed = new FileParser.ParsedFile(FILE, 1, 0, List.of(RowFactory.create(1.5d)), List.of(), List.of());

        assertThatThrownBy(() -> roundTrip(parsed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        return deserialized(serialized(value));
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialized(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
