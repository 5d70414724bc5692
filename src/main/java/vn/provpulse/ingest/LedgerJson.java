package vn.provpulse.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger file's JSON, read and written field by field with Jackson's streaming API: the same bytes as binding
 * the records with an indenting object mapper, a third of the time on a year's ledger of ~110k files (docs/benchmark.md,
 * "Session 16"). Dates are ISO strings; an unknown field is an error, a missing one its type's default.
 */
final class LedgerJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String RUNS = "runs";
    private static final String FILES = "files";
    private static final String SEQUENCE = "sequence";
    private static final String RUN_DATE = "run_date";
    private static final String COMMAND = "command";
    private static final String PATH = "path";
    private static final String SOURCE = "source";
    private static final String DATA_DATE = "data_date";
    private static final String FILE_NAME = "file_name";
    private static final String CONTENT_HASH = "content_hash";
    private static final String SIZE = "size";
    private static final String STATUS = "status";
    private static final String ROWS_READ = "rows_read";
    private static final String QUARANTINED_AT_INGEST = "quarantined_at_ingest";
    private static final String RUN_SEQUENCE = "run_sequence";
    private static final String DUPLICATE_OF = "duplicate_of";
    private static final String MODIFIED_AT = "modified_at";

    private LedgerJson() {}

    static byte[] write(FileLedger.Stored stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * (stored.files().size() + 1));
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeArrayFieldStart(RUNS);
            for (FileLedger.Run run : stored.runs()) {
                json.writeStartObject();
                json.writeNumberField(SEQUENCE, run.sequence());
                writeDate(json, RUN_DATE, run.runDate());
                json.writeStringField(COMMAND, run.command());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart(FILES);
            for (FileLedger.Entry entry : stored.files()) {
                writeEntry(json, entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void writeEntry(JsonGenerator json, FileLedger.Entry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField(PATH, entry.path());
        json.writeStringField(SOURCE, entry.source());
        writeDate(json, DATA_DATE, entry.dataDate());
        json.writeStringField(FILE_NAME, entry.fileName());
        json.writeStringField(CONTENT_HASH, entry.contentHash());
        json.writeNumberField(SIZE, entry.size());
        json.writeStringField(STATUS, entry.status());
        json.writeNumberField(ROWS_READ, entry.rowsRead());
        json.writeNumberField(QUARANTINED_AT_INGEST, entry.quarantinedAtIngest());
        json.writeNumberField(RUN_SEQUENCE, entry.runSequence());
        writeDate(json, RUN_DATE, entry.runDate());
        json.writeStringField(DUPLICATE_OF, entry.duplicateOf());
        json.writeStringField(MODIFIED_AT, entry.modifiedAt() == null ? null : entry.modifiedAt().toString());
        json.writeEndObject();
    }

    private static void writeDate(JsonGenerator json, String field, LocalDate date) throws IOException {
        json.writeStringField(field, date == null ? null : date.toString());
    }

    static FileLedger.Stored read(byte[] bytes) throws IOException {
        try (JsonParser json = FACTORY.createParser(bytes)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT);
            List<FileLedger.Run> runs = List.of();
            List<FileLedger.Entry> files = List.of();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case RUNS -> runs = value == JsonToken.VALUE_NULL ? List.of() : readRuns(json);
                    case FILES -> files = value == JsonToken.VALUE_NULL ? List.of() : readEntries(json);
                    default -> throw unknownField(json, field);
                }
            }
            expect(json, json.currentToken(), JsonToken.END_OBJECT);
            return new FileLedger.Stored(runs, files);
        }
    }

    private static List<FileLedger.Run> readRuns(JsonParser json) throws IOException {
        expect(json, json.currentToken(), JsonToken.START_ARRAY);
        List<FileLedger.Run> runs = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            int sequence = 0;
            LocalDate runDate = null;
            String command = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case SEQUENCE -> sequence = json.getValueAsInt();
                    case RUN_DATE -> runDate = date(json);
                    case COMMAND -> command = text(json);
                    default -> throw unknownField(json, field);
                }
            }
            runs.add(new FileLedger.Run(sequence, runDate, command));
        }
        expect(json, json.currentToken(), JsonToken.END_ARRAY);
        return runs;
    }

    private static List<FileLedger.Entry> readEntries(JsonParser json) throws IOException {
        expect(json, json.currentToken(), JsonToken.START_ARRAY);
        List<FileLedger.Entry> entries = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            entries.add(readEntry(json));
        }
        expect(json, json.currentToken(), JsonToken.END_ARRAY);
        return entries;
    }

    private static FileLedger.Entry readEntry(JsonParser json) throws IOException {
        String path = null, source = null, fileName = null, contentHash = null, status = null, duplicateOf = null;
        LocalDate dataDate = null, runDate = null;
        long size = 0;
        int rowsRead = 0, quarantinedAtIngest = 0, runSequence = 0;
        Instant modifiedAt = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case PATH -> path = text(json);
                case SOURCE -> source = text(json);
                case DATA_DATE -> dataDate = date(json);
                case FILE_NAME -> fileName = text(json);
                case CONTENT_HASH -> contentHash = text(json);
                case SIZE -> size = json.getValueAsLong();
                case STATUS -> status = text(json);
                case ROWS_READ -> rowsRead = json.getValueAsInt();
                case QUARANTINED_AT_INGEST -> quarantinedAtIngest = json.getValueAsInt();
                case RUN_SEQUENCE -> runSequence = json.getValueAsInt();
                case RUN_DATE -> runDate = date(json);
                case DUPLICATE_OF -> duplicateOf = text(json);
                case MODIFIED_AT -> modifiedAt = instant(json);
                default -> throw unknownField(json, field);
            }
        }
        return new FileLedger.Entry(path, source, dataDate, fileName, contentHash, size, status, rowsRead, quarantinedAtIngest,
                runSequence, runDate, duplicateOf, modifiedAt);
    }

    private static String text(JsonParser json) throws IOException {
        return json.currentToken() == JsonToken.VALUE_NULL ? null : json.getText();
    }

    /** A yyyy-mm-dd date, read digit by digit (a year's ledger holds ~220k of them); any other text as ISO. */
    private static LocalDate date(JsonParser json) throws IOException {
        String text = text(json);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
                int year = AsciiDigits.read(text, 0, 4);
                int month = AsciiDigits.read(text, 5, 2);
                int day = AsciiDigits.read(text, 8, 2);
                if (year >= 0 && month >= 0 && day >= 0) {
                    return LocalDate.of(year, month, day);
                }
            }
            return LocalDate.parse(text);
        }
        catch (DateTimeException e) {
            throw new IOException("Cannot read the date " + text + " at " + json.currentLocation() + ": " + e.getMessage(), e);
        }
    }

    /** An instant as written (yyyy-mm-ddThh:mm:ss[.fraction]Z), read digit by digit; any other text as ISO. */
    private static Instant instant(JsonParser json) throws IOException {
        String text = text(json);
        if (text == null) {
            return null;
        }
        try {
            Instant read = utcInstant(text);
            return read != null ? read : Instant.parse(text);
        }
        catch (DateTimeException e) {
            throw new IOException("Cannot read the instant " + text + " at " + json.currentLocation() + ": " + e.getMessage(), e);
        }
    }

    private static Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int fraction = length == 20 ? 0 : length - 21;
        if (fraction > 9 || (fraction > 0 && text.charAt(19) != '.') || (length > 20 && fraction == 0)) {
            return null;
        }
        int[] parts = {AsciiDigits.read(text, 0, 4), AsciiDigits.read(text, 5, 2), AsciiDigits.read(text, 8, 2),
                AsciiDigits.read(text, 11, 2), AsciiDigits.read(text, 14, 2), AsciiDigits.read(text, 17, 2),
                fraction == 0 ? 0 : AsciiDigits.read(text, 20, fraction)};
        for (int part : parts) {
            if (part < 0) {
                return null;
            }
        }
        int nanos = parts[6];
        for (int i = fraction; i < 9; i++) {
            nanos *= 10;
        }
        long seconds = LocalDateTime.of(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]).toEpochSecond(ZoneOffset.UTC);
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static void expect(JsonParser json, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("Cannot read the ledger: expected " + expected + " but found " + actual + " at " + json.currentLocation());
        }
    }

    private static IOException unknownField(JsonParser json, String field) {
        return new IOException("Cannot read the ledger: unknown field \"" + field + "\" at " + json.currentLocation());
    }
}
