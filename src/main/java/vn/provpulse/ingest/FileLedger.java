package vn.provpulse.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The ingest ledger: every landing file ever seen, with its content hash and counts, and every
 * committed ingest run. Writing it (an atomic rename) is what commits a run's bronze files.
 */
public final class FileLedger {
    public static final String STATUS_INGESTED = "ingested";
    public static final String STATUS_LATE = "late";
    public static final String STATUS_DUPLICATE_FILE = "duplicate_file";
    /** Joins a landing path and the version of a changed re-delivery: {@code tasks/2026-01-03/tasks_XA01.jsonl@2}. */
    public static final String VERSION_MARK = "@";
    /** What a regex's {@code .} does not match. */
    private static final String LINE_TERMINATORS = "\n\r\u0085\u2028\u2029";

    private final List<Run> runs;
    private final List<Entry> files;

    /** By source and content hash, and by landing path: built when first asked (refine and gold only list the files). */
    private java.util.Map<String, Entry> ingestedByHash;
    private java.util.Map<String, Entry> latestVersions;

    private FileLedger(List<Run> runs, List<Entry> files) {
        this.runs = new ArrayList<>(runs);
        this.files = new ArrayList<>(files);
    }

    public static FileLedger load(Path file) {
        if (!Files.exists(file)) {
            return new FileLedger(List.of(), List.of());
        }
        Stored stored = Parsed.of(file);
        return new FileLedger(stored.runs(), stored.files());
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Stored stored = new Stored(List.copyOf(runs), List.copyOf(files));
            byte[] bytes = LedgerJson.write(stored);
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Parsed.remember(file, bytes, stored);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the ingest ledger " + file, e);
        }
    }

    /** Every source's ledger read together (for refine and the reconciliation). */
    public static FileLedger loadAll(vn.provpulse.config.WarehouseLayout warehouse) {
        List<Run> runs = new ArrayList<>();
        List<Entry> files = new ArrayList<>();
        for (vn.provpulse.contract.SourceContract source : vn.provpulse.contract.Sources.ALL) {
            Path file = warehouse.ledgerFile(source.name());
            if (Files.exists(file)) {
                Stored stored = Parsed.of(file);
                runs.addAll(stored.runs());
                files.addAll(stored.files());
            }
        }
        return new FileLedger(runs, files);
    }

    public int nextSequence() {
        return runs.size() + 1;
    }

    public Optional<LocalDate> lastRunDate() {
        return runs.stream().map(Run::runDate).max(LocalDate::compareTo);
    }

    /** The ingested file holding this content, if any (source-wide: a re-delivery under any name). */
    public Optional<Entry> ingestedWithHash(String source, String contentHash) {
        indexed();
        return Optional.ofNullable(ingestedByHash.get(source + "/" + contentHash));
    }

    /** The last version the ledger holds of the file at this landing path (a changed re-delivery is a new version). */
    public Optional<Entry> latestVersion(String landingPath) {
        indexed();
        return Optional.ofNullable(latestVersions.get(landingPath));
    }

    /** The version number of a ledger path: 1 for the first delivery, n for {@code <path>@n}. */
    public static int version(String path) {
        int mark = versionMark(path);
        return mark < 0 ? 1 : Integer.parseInt(path.substring(mark + VERSION_MARK.length()));
    }

    private static String landingPath(String path) {
        int mark = versionMark(path);
        return mark < 0 ? path : path.substring(0, mark);
    }

    /**
     * Where the mark of {@code <path>@n} starts, else -1: as the regex {@code (.*)@([0-9]+)} matched the whole path (the
     * last mark, ASCII digits after it, no line terminator before it), without a regex: a ledger holds 100k paths.
     */
    private static int versionMark(String path) {
        int mark = path.lastIndexOf(VERSION_MARK);
        int digits = mark + VERSION_MARK.length();
        if (mark < 0 || digits == path.length()) {
            return -1;
        }
        for (int i = digits; i < path.length(); i++) {
            if (path.charAt(i) < '0' || path.charAt(i) > '9') {
                return -1;
            }
        }
        for (int i = 0; i < mark; i++) {
            if (LINE_TERMINATORS.indexOf(path.charAt(i)) >= 0) {
                return -1;
            }
        }
        return mark;
    }

    public void add(Entry entry) {
        files.add(entry);
        if (latestVersions != null) {
            index(entry);
        }
    }

    private void indexed() {
        if (latestVersions == null) {
            latestVersions = new java.util.HashMap<>();
            ingestedByHash = new java.util.HashMap<>();
            files.forEach(this::index);
        }
    }

    private void index(Entry entry) {
        latestVersions.merge(landingPath(entry.path()), entry, (earlier, later) -> version(later.path()) >= version(earlier.path()) ? later : earlier);
        if (!entry.status().equals(STATUS_DUPLICATE_FILE)) {
            ingestedByHash.putIfAbsent(entry.source() + "/" + entry.contentHash(), entry);
        }
    }

    public void addRun(Run run) {
        runs.add(run);
    }

    public List<Entry> files() {
        return List.copyOf(files);
    }

    /** One committed ingest run (its fields in the ledger file: {@link LedgerJson}). */
    public record Run(int sequence, LocalDate runDate, String command) {}

    /** One landing file as the ledger knows it (its fields in the ledger file: {@link LedgerJson}). */
    public record Entry(
            String path,
            String source,
            LocalDate dataDate,
            String fileName,
            String contentHash,
            long size,
            String status,
            int rowsRead,
            int quarantinedAtIngest,
            int runSequence,
            LocalDate runDate,
            String duplicateOf,
            java.time.Instant modifiedAt) {}

    /** What a ledger file holds. */
    record Stored(List<Run> runs, List<Entry> files) {}

    /**
     * The ledgers last parsed in this process (one warehouse's), by path, length and CRC-32C of their bytes: a night reads
     * each ledger in ingest, refine and gold. CRC-32C runs at memory speed in every JIT tier, while SHA-256 under the
     * launcher's quick JIT cost ~1 s per year-long ledger, more than parsing it (docs/benchmark.md).
     */
    private record Parsed(Fingerprint fingerprint, Stored stored) {
        private static final java.util.Map<Path, Parsed> LAST = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Path, Parsed> eldest) {
                return size() > vn.provpulse.contract.Sources.ALL.size();
            }
        };

        /** What this process has just written to a ledger file. */
        static void remember(Path file, byte[] bytes, Stored stored) {
            remember(file.toAbsolutePath().normalize(), Fingerprint.of(bytes), stored);
        }

        private static void remember(Path key, Fingerprint fingerprint, Stored stored) {
            synchronized (LAST) {
                LAST.put(key, new Parsed(fingerprint, stored));
            }
        }

        static Stored of(Path file) {
            Path key = file.toAbsolutePath().normalize();
            try {
                byte[] bytes = Files.readAllBytes(file);
                Fingerprint fingerprint = Fingerprint.of(bytes);
                synchronized (LAST) {
                    Parsed last = LAST.get(key);
                    if (last != null && last.fingerprint().equals(fingerprint)) {
                        return last.stored();
                    }
                }
                Stored read = LedgerJson.read(bytes);
                Stored stored = new Stored(List.copyOf(read.runs()), List.copyOf(read.files()));
                remember(key, fingerprint, stored);
                return stored;
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read the ingest ledger " + file
                        + " (it is written atomically; restore it from backup or re-ingest into a new warehouse)", e);
            }
        }
    }

    /** A ledger file's bytes, told apart by their length and CRC-32C. */
    private record Fingerprint(int length, long crc32c) {
        static Fingerprint of(byte[] bytes) {
            CRC32C crc = new CRC32C();
            crc.update(bytes);
            return new Fingerprint(bytes.length, crc.getValue());
        }
    }
}
