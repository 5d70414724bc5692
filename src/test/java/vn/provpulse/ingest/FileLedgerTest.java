package vn.provpulse.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FileLedgerTest {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 3);

    private static FileLedger.Entry entry(String path, String hash) {
        return new FileLedger.Entry(path, "tasks", DAY, path.substring(path.lastIndexOf('/') + 1), hash, 10, FileLedger.STATUS_INGESTED,
                1, 0, 1, DAY, null, Instant.EPOCH);
    }

    @Test
    void aPathsVersionIsTheNumberAfterItsLastMark() {
        assertThat(FileLedger.version("tasks/2026-01-03/tasks_A.jsonl")).isEqualTo(1);
        assertThat(FileLedger.version("tasks/2026-01-03/tasks_A.jsonl@2")).isEqualTo(2);
        assertThat(FileLedger.version("tasks/2026-01-03/tasks_A@B.jsonl@12")).isEqualTo(12);
        assertThat(FileLedger.version("tasks/2026-01-03/tasks_A@B.jsonl")).isEqualTo(1);
        assertThat(FileLedger.version("tasks/2026-01-03/tasks_A.jsonl@")).isEqualTo(1);
        assertThat(FileLedger.version("tasks/2026-01-03/tasks_A.jsonl@2x")).isEqualTo(1);
        // as the regex (.*)@([0-9]+) read them: no version after a line terminator, none with other digits
        assertThat(FileLedger.version("tasks/2026-01-03/tasks\nA.jsonl@2")).isEqualTo(1);
        assertThat(FileLedger.version("tasks/2026-01-03/tasks\u2028A.jsonl@3")).isEqualTo(1);
        assertThat(FileLedger.version("tasks/2026-01-03/tasks_A.jsonl@\u0662")).isEqualTo(1);
    }

    @Test
    void theLatestVersionOfALandingPathIsItsHighestVersionWhateverTheOrderReadBack(@TempDir Path directory) {
        Path file = directory.resolve("tasks.json");
        FileLedger written = FileLedger.load(file);
        written.add(entry("tasks/2026-01-03/tasks_A@B.jsonl@3", "h3"));
        written.add(entry("tasks/2026-01-03/tasks_A@B.jsonl", "h1"));
        written.add(entry("tasks/2026-01-03/tasks_A@B.jsonl@2", "h2"));
        written.add(entry("tasks/2026-01-03/tasks_A.jsonl@", "other"));
        written.save(file);

        FileLedger ledger = FileLedger.load(file);
        assertThat(ledger.latestVersion("tasks/2026-01-03/tasks_A@B.jsonl")).map(FileLedger.Entry::contentHash).hasValue("h3");
        assertThat(ledger.latestVersion("tasks/2026-01-03/tasks_A.jsonl@")).map(FileLedger.Entry::contentHash).hasValue("other");
        assertThat(ledger.latestVersion("tasks/2026-01-03/tasks_A")).isEmpty();
        assertThat(ledger.ingestedWithHash("tasks", "h2")).map(FileLedger.Entry::path).hasValue("tasks/2026-01-03/tasks_A@B.jsonl@2");
    }

    @Test
    void aSavedLedgerReadsBackAsItWasWrittenAndAChangeOnDiskIsReadAgain(@TempDir Path directory) throws java.io.IOException {
        Path file = directory.resolve("tasks.json");
        FileLedger.Entry withNanos = new FileLedger.Entry("tasks/2026-01-03/tasks_A.jsonl", "tasks", DAY, "tasks_A.jsonl", "h1", 10,
                FileLedger.STATUS_INGESTED, 3, 1, 1, DAY, null, Instant.parse("2026-01-03T01:02:03.123456789Z"));
        FileLedger written = FileLedger.load(file);
        written.add(withNanos);
        written.addRun(new FileLedger.Run(1, DAY, "nightly"));
        written.save(file);
        assertThat(FileLedger.load(file).files()).containsExactly(withNanos);
        Path copy = directory.resolve("copy.json");
        java.nio.file.Files.copy(file, copy);
        assertThat(FileLedger.load(copy).files()).as("parsed from the saved bytes").containsExactly(withNanos);
        assertThat(FileLedger.load(copy).nextSequence()).isEqualTo(2);

        Path elsewhere = directory.resolve("other.json");
        FileLedger other = FileLedger.load(elsewhere);
        other.add(entry("tasks/2026-01-03/tasks_B.jsonl", "h2"));
        other.save(elsewhere);
        java.nio.file.Files.copy(elsewhere, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        FileLedger reread = FileLedger.load(file);
        assertThat(reread.files()).extracting(FileLedger.Entry::path).containsExactly("tasks/2026-01-03/tasks_B.jsonl");
        assertThat(reread.nextSequence()).isEqualTo(1);
        reread.add(entry("tasks/2026-01-04/tasks_C.jsonl", "h3"));
        assertThat(FileLedger.load(file).files()).as("a ledger read is a copy: adding to it changes no other read")
                .extracting(FileLedger.Entry::path).containsExactly("tasks/2026-01-03/tasks_B.jsonl");
    }

    @Test
    void aChangeOnDiskOfTheSameLengthIsReadAgain(@TempDir Path directory) throws java.io.IOException {
        Path file = directory.resolve("tasks.json");
        FileLedger written = FileLedger.load(file);
        written.add(entry("tasks/2026-01-03/tasks_A.jsonl", "hash-1"));
        written.save(file);
        assertThat(FileLedger.load(file).files()).extracting(FileLedger.Entry::contentHash).containsExactly("hash-1");
        String saved = java.nio.file.Files.readString(file);
        java.nio.file.Files.writeString(file, saved.replace("hash-1", "hash-2"));
        assertThat(java.nio.file.Files.size(file)).isEqualTo(saved.length());

        assertThat(FileLedger.load(file).files()).extracting(FileLedger.Entry::contentHash).containsExactly("hash-2");
    }
}
