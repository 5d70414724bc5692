package vn.provpulse.generate;

import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Ratings;
import vn.provpulse.contract.Tasks;
import vn.provpulse.contract.Units;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the generated rows as landing files (one per source, unit and day), makes some rows bad
 * on purpose from a random stream of their own, and writes the manifest.
 */
final class FileEmitter {
    private static final String BAD_BYTES_TOKEN = "XXBADBYTESXX";
    private static final List<String> TASK_FAULTS = List.of("bad_date", "bad_value", "impossible_order", "missing", "bad_timestamp", "malformed_json");
    private static final List<String> FEEDBACK_FAULTS = List.of("missing", "stray_quote", "bad_encoding", "event_after_export");
    private static final List<String> RATING_FAULTS = List.of("unknown_unit", "score_out_of_range", "wrong_type", "duplicate", "wrong_field_count", "bad_timestamp");

    private final ProvinceGenerator.Options options;
    private final List<GeneratedUnit> units;
    private final TreeMap<String, List<ProvinceGenerator.GeneratedRow>> rowsByFile;
    private final Plan plan;
    private final Random dirt;
    private final List<Manifest.FileRows> files = new ArrayList<>();
    private final List<Manifest.BadRow> badRows = new ArrayList<>();
    private final Map<String, Long> rowsBySource = new TreeMap<>();

    FileEmitter(ProvinceGenerator.Options options, List<GeneratedUnit> units, TreeMap<String, List<ProvinceGenerator.GeneratedRow>> rowsByFile, Plan plan) {
        this.options = options;
        this.units = units;
        this.rowsByFile = rowsByFile;
        this.plan = plan;
        this.dirt = new Random(options.seed() * 31 + 17);
    }

    static String key(String source, LocalDate day, String unitCode) {
        return source + "|" + day + "|" + unitCode;
    }

    Manifest emit() {
        writeUnitSnapshots();
        for (Map.Entry<String, List<ProvinceGenerator.GeneratedRow>> file : rowsByFile.entrySet()) {
            String[] parts = file.getKey().split("\\|");
            writeActivityFile(parts[0], LocalDate.parse(parts[1]), parts[2], file.getValue());
        }
        List<Manifest.DuplicateFile> duplicates = writeDuplicateFile();
        files.sort(java.util.Comparator.comparing(Manifest.FileRows::file));
        Manifest manifest = new Manifest(options.seed(), options.scaleFactor(), options.from(), options.to(), options.dirtyRate(),
                units.size(), rowsBySource, files, badRows, duplicates, plan.planted());
        ProvinceGenerator.writeManifest(manifest, options.out().resolve("manifest.json"));
        return manifest;
    }

    private Path landing() {
        return options.out().resolve("landing");
    }

    /** A full units snapshot on the first day and on every day a head changes. */
    private void writeUnitSnapshots() {
        TreeSet<LocalDate> snapshotDays = new TreeSet<>();
        snapshotDays.add(options.from());
        units.forEach(unit -> unit.heads().stream().map(GeneratedUnit.Head::validFrom)
                .filter(date -> date.isAfter(options.from()) && !date.isAfter(options.to())).forEach(snapshotDays::add));
        List<String> columns = ProvinceGenerator.unitColumns();
        for (LocalDate day : snapshotDays) {
            List<byte[]> records = new ArrayList<>();
            for (GeneratedUnit unit : units) {
                List<GeneratedUnit.Head> known = unit.heads().stream().filter(head -> !head.validFrom().isAfter(day)).toList();
                for (int i = 0; i < known.size(); i++) {
                    records.add(LandingWriter.csvRecord(columns, unitRow(unit, known, i)));
                }
            }
            String relative = Units.SOURCE + "/" + day + "/units.csv";
            LandingWriter.Written written = LandingWriter.join(ProvinceGenerator.utf8(String.join(",", columns)), records, false, false);
            LandingWriter.write(landing().resolve(relative), written.content());
            count(relative, Units.SOURCE, records.size());
        }
    }

    private static Map<String, String> unitRow(GeneratedUnit unit, List<GeneratedUnit.Head> known, int index) {
        GeneratedUnit.Head head = known.get(index);
        Map<String, String> row = new LinkedHashMap<>();
        row.put(Units.UNIT_CODE, unit.code());
        row.put(Units.UNIT_NAME, unit.name());
        row.put(Units.UNIT_TYPE, unit.type());
        row.put(Units.PARENT_CODE, "UBND-TINH");
        row.put(Units.HEAD_NAME, head.name());
        row.put(Units.HEAD_TITLE, head.title());
        row.put(Units.VALID_FROM, head.validFrom().toString());
        LocalDate validTo = index + 1 < known.size() ? known.get(index + 1).validFrom().minusDays(1) : unit.validTo();
        row.put(Units.VALID_TO, validTo == null ? null : validTo.toString());
        row.put(Units.SUCCESSOR_CODE, unit.successorCode());
        return row;
    }

    private void writeActivityFile(String source, LocalDate day, String unitCode, List<ProvinceGenerator.GeneratedRow> rows) {
        boolean json = source.equals(Tasks.SOURCE);
        String relative = source + "/" + day + "/" + source + "_" + unitCode + (json ? ".jsonl" : ".csv");
        List<String> columns = ProvinceGenerator.columns(contractColumns(source));
        List<byte[]> records = new ArrayList<>();
        Map<Integer, String[]> faults = new TreeMap<>();
        for (ProvinceGenerator.GeneratedRow row : rows) {
            String fault = !row.planted() && dirt.nextDouble() < options.dirtyRate() ? pickFault(source, row.fields()) : null;
            if (fault == null) {
                records.add(json ? LandingWriter.jsonRecord(row.fields()) : LandingWriter.csvRecord(columns, row.fields()));
                continue;
            }
            if (fault.equals("duplicate")) {
                records.add(LandingWriter.csvRecord(columns, row.fields()));
            }
            faults.put(records.size(), new String[] {fault, reasonOf(source, fault)});
            records.add(faulty(source, fault, columns, row.fields(), day));
        }
        boolean feedback = source.equals(Feedback.SOURCE);
        int unitIndex = Math.abs(unitCode.hashCode());
        LandingWriter.Written written = LandingWriter.join(json ? null : ProvinceGenerator.utf8(String.join(",", columns)), records,
                feedback && unitIndex % 3 == 0, feedback && unitIndex % 2 == 0);
        byte[] content = written.content();
        LandingWriter.write(landing().resolve(relative), replaceToken(content));
        faults.forEach((index, fault) -> badRows.add(new Manifest.BadRow(relative, written.startLines().get(index), fault[0], fault[1])));
        count(relative, source, records.size());
    }

    private static vn.provpulse.contract.SourceContract contractColumns(String source) {
        return switch (source) {
            case Tasks.SOURCE -> Tasks.CONTRACT;
            case Feedback.SOURCE -> Feedback.CONTRACT;
            default -> Ratings.CONTRACT;
        };
    }

    private String pickFault(String source, Map<String, String> fields) {
        List<String> kinds = switch (source) {
            case Tasks.SOURCE -> TASK_FAULTS;
            case Feedback.SOURCE -> FEEDBACK_FAULTS;
            default -> RATING_FAULTS;
        };
        String kind = kinds.get(dirt.nextInt(kinds.size()));
        if (kind.equals("impossible_order") && !Tasks.STATUS_COMPLETED.equals(fields.get(Tasks.STATUS))) {
            return "bad_date";
        }
        return kind;
    }

    static String reasonOf(String source, String fault) {
        return switch (source + "/" + fault) {
            case "tasks/bad_date" -> "bad_date:due_date";
            case "tasks/bad_value" -> "bad_value:status";
            case "tasks/impossible_order" -> "impossible_order:completed_at";
            case "tasks/missing" -> "missing:task_id";
            case "tasks/bad_timestamp" -> "bad_timestamp:updated_at";
            case "tasks/malformed_json" -> "malformed_json";
            case "feedback/missing" -> "missing:feedback_id";
            case "feedback/stray_quote" -> "malformed_csv";
            case "feedback/bad_encoding" -> "bad_encoding";
            case "feedback/event_after_export" -> "impossible_order:responded_at";
            case "ratings/unknown_unit" -> "unknown_unit";
            case "ratings/score_out_of_range" -> "score_out_of_range:score";
            case "ratings/wrong_type" -> "bad_integer:score";
            case "ratings/duplicate" -> "duplicate";
            case "ratings/wrong_field_count" -> "malformed_csv";
            case "ratings/bad_timestamp" -> "bad_timestamp:rated_at";
            default -> throw new IllegalArgumentException("no reason for " + source + "/" + fault);
        };
    }

    private byte[] faulty(String source, String fault, List<String> columns, Map<String, String> original, LocalDate day) {
        Map<String, String> row = new LinkedHashMap<>(original);
        switch (source + "/" + fault) {
            case "tasks/bad_date" -> row.put(Tasks.DUE_DATE, day.getYear() + "-02-30");
            case "tasks/bad_value" -> row.put(Tasks.STATUS, "done");
            case "tasks/impossible_order" -> row.put(Tasks.COMPLETED_AT,
                    ProvinceGenerator.timestamp(LocalDate.parse(row.get(Tasks.ASSIGNED_DATE)).minusDays(2).atTime(10, 0)));
            case "tasks/missing" -> row.remove(Tasks.TASK_ID);
            case "tasks/bad_timestamp" -> row.put(Tasks.UPDATED_AT, row.get(Tasks.UPDATED_AT).substring(0, 19));
            case "tasks/malformed_json" -> {
                String text = new String(LandingWriter.jsonRecord(row), StandardCharsets.UTF_8);
                return ProvinceGenerator.utf8(text.substring(0, text.length() - 9));
            }
            case "feedback/missing" -> row.put(Feedback.FEEDBACK_ID, null);
            case "feedback/stray_quote" -> {
                row.put(Feedback.CONTENT, row.get(Feedback.CONTENT).replace("\n", " "));
                List<String> fields = new ArrayList<>();
                for (String column : columns) {
                    fields.add(column.equals(Feedback.TOPIC) ? "Phản ánh \"khẩn" : vn.provpulse.ingest.CsvReader.quote(row.get(column)));
                }
                return ProvinceGenerator.utf8(String.join(",", fields));
            }
            case "feedback/bad_encoding" -> row.put(Feedback.TOPIC, BAD_BYTES_TOKEN);
            case "feedback/event_after_export" -> row.put(Feedback.RESPONDED_AT, ProvinceGenerator.timestamp(day.plusDays(2).atTime(10, 0)));
            case "ratings/unknown_unit" -> row.put(Ratings.UNIT_CODE, "ZZ99");
            case "ratings/score_out_of_range" -> row.put(Ratings.SCORE, "7");
            case "ratings/wrong_type" -> row.put(Ratings.SCORE, "năm");
            case "ratings/duplicate" -> { }
            case "ratings/wrong_field_count" -> {
                return LandingWriter.csvRecord(columns.subList(0, columns.size() - 1), row);
            }
            case "ratings/bad_timestamp" -> row.put(Ratings.RATED_AT, day + "T10:15:00");
            default -> throw new IllegalArgumentException("unknown fault " + source + "/" + fault);
        }
        return source.equals(Tasks.SOURCE) ? LandingWriter.jsonRecord(row) : LandingWriter.csvRecord(columns, row);
    }

    /** Invalid UTF-8 (0xC3 0x28) where the bad-encoding token stands. */
    private static byte[] replaceToken(byte[] content) {
        byte[] token = BAD_BYTES_TOKEN.getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(content.length);
        for (int i = 0; i < content.length; i++) {
            if (i + token.length <= content.length && java.util.Arrays.equals(content, i, i + token.length, token, 0, token.length)) {
                out.write(0xC3);
                out.write(0x28);
                i += token.length - 1;
            }
            else {
                out.write(content[i]);
            }
        }
        return out.toByteArray();
    }

    /** One ratings file is delivered twice, the second time under another name. */
    private List<Manifest.DuplicateFile> writeDuplicateFile() {
        LocalDate day = options.from().plusDays(3);
        String original = Ratings.SOURCE + "/" + day + "/ratings_DV07.csv";
        Path file = landing().resolve(original);
        if (day.isAfter(options.to()) || !java.nio.file.Files.exists(file)) {
            return List.of();
        }
        String copy = Ratings.SOURCE + "/" + day + "/ratings_DV07_resent.csv";
        try {
            java.nio.file.Files.copy(file, landing().resolve(copy));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + copy, e);
        }
        return List.of(new Manifest.DuplicateFile(copy, original));
    }

    private void count(String relative, String source, int rows) {
        files.add(new Manifest.FileRows(relative, rows));
        rowsBySource.merge(source, (long) rows, Long::sum);
    }
}
