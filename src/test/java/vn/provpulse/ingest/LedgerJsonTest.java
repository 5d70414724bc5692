package vn.provpulse.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerJsonTest {
    /** How ledgers were written before the streaming codec: the records bound by an indenting mapper, snake_case names. */
    private static final ObjectMapper BOUND = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final LocalDate DAY = LocalDate.of(2026, 1, 3);

    private static FileLedger.Entry entry(String path, String duplicateOf, Instant modifiedAt) {
        return new FileLedger.Entry(path, "tasks", DAY, path.substring(path.lastIndexOf('/') + 1), "ab12", 1_234_567_890_123L,
                FileLedger.STATUS_INGESTED, 42, 3, 2, DAY.plusDays(1), duplicateOf, modifiedAt);
    }

    private static final FileLedger.Stored LEDGER = new FileLedger.Stored(
            List.of(new FileLedger.Run(1, DAY, "backfill 2026-01-01..2026-01-03"), new FileLedger.Run(2, DAY.plusDays(1), "nightly \"quoted\" \\ path")),
            List.of(entry("tasks/2026-01-03/tasks_A.jsonl", null, Instant.parse("2026-12-03T11:43:56.754693948Z")),
                    entry("tasks/2026-01-03/tasks_A.jsonl@2", "tasks/2026-01-03/tasks_A.jsonl", Instant.parse("2026-12-03T11:43:56Z")),
                    entry("tasks/2026-01-03/Phường Điện Biên\tđơn.jsonl", null, Instant.parse("2026-12-03T11:43:56.120Z")),
                    entry("tasks/2026-01-03/line\nbreak.csv", null, null),
                    entry("tasks/2026-01-03/micro.csv", null, Instant.parse("1969-12-31T23:59:59.000001Z"))));

    @Test
    void writesTheBytesTheBoundRecordsGave() throws IOException {
        assertThat(new String(LedgerJson.write(LEDGER), StandardCharsets.UTF_8)).isEqualTo(BOUND.writeValueAsString(LEDGER));
        FileLedger.Stored empty = new FileLedger.Stored(List.of(), List.of());
        assertThat(new String(LedgerJson.write(empty), StandardCharsets.UTF_8)).isEqualTo(BOUND.writeValueAsString(empty));
    }

    @Test
    void readsBackWhatWasWritten() throws IOException {
        assertThat(LedgerJson.read(LedgerJson.write(LEDGER))).isEqualTo(LEDGER);
        assertThat(LedgerJson.read(BOUND.writeValueAsBytes(LEDGER))).isEqualTo(BOUND.readValue(BOUND.writeValueAsBytes(LEDGER), FileLedger.Stored.class));
    }

    @Test
    void readsAnInstantWithAnOffsetAndMissingFieldsAsDefaults() throws IOException {
        String older = """
                {"runs": [{"sequence": 1, "run_date": "2026-01-04", "command": "nightly"}],
                 "files": [{"path": "units/2026-01-04/units.csv", "source": "units", "data_date": "2026-01-04", "size": 7,
                            "status": "late", "modified_at": "2026-01-04T08:00:00+07:00"}]}""";
        FileLedger.Entry read = LedgerJson.read(older.getBytes(StandardCharsets.UTF_8)).files().get(0);
        assertThat(read.dataDate()).isEqualTo(LocalDate.of(2026, 1, 4));
        assertThat(read.modifiedAt()).isEqualTo(Instant.parse("2026-01-04T01:00:00Z"));
        assertThat(read.rowsRead()).isZero();
        assertThat(read.fileName()).isNull();
    }

    @Test
    void anUnknownFieldOrABadDateIsAnErrorNamingItsPlace() {
        assertThatThrownBy(() -> LedgerJson.read("{\"runs\": [], \"files\": [{\"path\": \"a\", \"colour\": \"red\"}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown field \"colour\"").hasMessageContaining("line: 1");
        assertThatThrownBy(() -> LedgerJson.read("{\"files\": [{\"data_date\": \"2026-13-01\"}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("2026-13-01");
        assertThatThrownBy(() -> LedgerJson.read("{\"files\": [{\"modified_at\": \"2026-01-01T25:00:00Z\"}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("2026-01-01T25:00:00Z");
    }
}
