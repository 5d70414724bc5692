package vn.provpulse.ingest;

import vn.provpulse.contract.Reason;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 4180 reader over a file's bytes (docs/metrics.md, "Readings chosen"). A record's line is the physical line
 * where it starts, the header being line 1; quoted newlines stay in their record; blank records
 * are not rows. A stray quote, text after a closing quote or a wrong field count makes the record
 * malformed; its end is still found by the quoting rules (a quote opening a later field runs to its
 * closing quote, line breaks included), so one bad record is one row. An unterminated quote runs to
 * the end of the file as one record. Fields are decoded as strict UTF-8.
 */
public final class CsvReader {
    private final byte[] data;
    private int position;
    private int line = 1;

    private CsvReader(byte[] data) {
        this.data = data;
        this.position = Utf8.bomLength(data);
    }

    /** One field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, quote or line break; null as empty. */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    public static List<RawRecord> read(byte[] data, HeaderNames headerNames) {
        CsvReader reader = new CsvReader(data);
        List<RawRecord> records = new ArrayList<>();
        List<String> header = null;
        while (reader.position < data.length) {
            ParsedRecord record = reader.nextRecord();
            if (record.isBlank()) {
                continue;
            }
            if (header == null) {
                header = headerOf(record, headerNames);
                continue;
            }
            records.add(toRawRecord(record, header));
        }
        return records;
    }

    private static List<String> headerOf(ParsedRecord record, HeaderNames headerNames) {
        List<String> names = new ArrayList<>();
        for (byte[] field : record.fields) {
            names.add(headerNames.canonical(Utf8.lenient(field, 0, field.length)));
        }
        return names;
    }

    private static RawRecord toRawRecord(ParsedRecord record, List<String> header) {
        if (record.problem != null) {
            return RawRecord.unreadable(record.startLine, record.rawText, Reason.MALFORMED_CSV, record.problem);
        }
        if (record.fields.size() != header.size()) {
            return RawRecord.unreadable(record.startLine, record.rawText, Reason.MALFORMED_CSV,
                    "expected " + header.size() + " fields as in the header, found " + record.fields.size());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byte[] field = record.fields.get(i);
            Optional<String> text = Utf8.decode(field, 0, field.length);
            if (text.isEmpty()) {
                return RawRecord.unreadable(record.startLine, record.rawText, Reason.BAD_ENCODING,
                        "field " + header.get(i) + " is not valid UTF-8");
            }
            values.put(header.get(i), text.get());
        }
        return RawRecord.readable(record.startLine, record.rawText, values);
    }

    private ParsedRecord nextRecord() {
        int startLine = line;
        int start = position;
        List<byte[]> fields = new ArrayList<>();
        boolean anyQuoted = false;
        String problem = null;
        while (true) {
            if (position < data.length && data[position] == '"') {
                anyQuoted = true;
                FieldEnd end = readQuotedField(fields);
                if (end == FieldEnd.UNTERMINATED) {
                    problem = "unterminated quote: the record runs to the end of the file";
                    break;
                }
                if (end == FieldEnd.TEXT_AFTER_QUOTE) {
                    problem = "text after a closing quote";
                    skipRestOfRecord();
                    break;
                }
                if (end == FieldEnd.RECORD) {
                    break;
                }
            }
            else {
                FieldEnd end = readPlainField(fields);
                if (end == FieldEnd.STRAY_QUOTE) {
                    problem = "stray quote inside an unquoted field";
                    position++;
                    skipRestOfRecord();
                    break;
                }
                if (end == FieldEnd.RECORD) {
                    break;
                }
            }
        }
        String rawText = Utf8.lenient(data, start, position).stripTrailing();
        return new ParsedRecord(startLine, fields, anyQuoted, problem, rawText);
    }

    private enum FieldEnd { FIELD, RECORD, UNTERMINATED, TEXT_AFTER_QUOTE, STRAY_QUOTE }

    private FieldEnd readQuotedField(List<byte[]> fields) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        position++;
        while (true) {
            if (position >= data.length) {
                fields.add(value.toByteArray());
                return FieldEnd.UNTERMINATED;
            }
            byte current = data[position];
            if (current == '"') {
                if (position + 1 < data.length && data[position + 1] == '"') {
                    value.write('"');
                    position += 2;
                    continue;
                }
                position++;
                break;
            }
            if (current == '\n') {
                line++;
            }
            value.write(current);
            position++;
        }
        fields.add(value.toByteArray());
        return afterField(true);
    }

    private FieldEnd readPlainField(List<byte[]> fields) {
        int start = position;
        while (position < data.length) {
            byte current = data[position];
            if (current == ',' || current == '\n' || isCrlf(position) || isFinalCr(position)) {
                break;
            }
            if (current == '"') {
                return FieldEnd.STRAY_QUOTE;
            }
            position++;
        }
        fields.add(java.util.Arrays.copyOfRange(data, start, position));
        return afterField(false);
    }

    private FieldEnd afterField(boolean quoted) {
        if (position >= data.length) {
            return FieldEnd.RECORD;
        }
        byte current = data[position];
        if (current == ',') {
            position++;
            if (position >= data.length) {
                return FieldEnd.FIELD;
            }
            return FieldEnd.FIELD;
        }
        if (current == '\n') {
            position++;
            line++;
            return FieldEnd.RECORD;
        }
        if (isCrlf(position)) {
            position += 2;
            line++;
            return FieldEnd.RECORD;
        }
        if (isFinalCr(position)) {
            position++;
            return FieldEnd.RECORD;
        }
        return quoted ? FieldEnd.TEXT_AFTER_QUOTE : FieldEnd.FIELD;
    }

    private boolean isCrlf(int at) {
        return data[at] == '\r' && at + 1 < data.length && data[at + 1] == '\n';
    }

    private boolean isFinalCr(int at) {
        return data[at] == '\r' && at + 1 == data.length;
    }

    /**
     * Moves past the rest of a malformed record, from inside one of its fields: a quote at the start
     * of a later field opens a quoted section (doubled quotes inside it, line breaks kept) that runs
     * to its closing quote; the record ends at the first line break outside quotes, or the end of the file.
     */
    private void skipRestOfRecord() {
        boolean fieldStart = false;
        boolean quoted = false;
        while (position < data.length) {
            byte current = data[position++];
            if (current == '\n') {
                line++;
                if (!quoted) {
                    return;
                }
            }
            else if (quoted && current == '"') {
                if (position < data.length && data[position] == '"') {
                    position++;
                }
                else {
                    quoted = false;
                }
            }
            else if (!quoted && fieldStart && current == '"') {
                quoted = true;
            }
            fieldStart = !quoted && current == ',';
        }
    }

    private record ParsedRecord(int startLine, List<byte[]> fields, boolean anyQuoted, String problem, String rawText) {
        /** An empty or whitespace-only line outside quotes is not a row. */
        boolean isBlank() {
            if (problem != null || anyQuoted || fields.size() != 1) {
                return false;
            }
            for (byte b : fields.get(0)) {
                if (b != ' ' && b != '\t') {
                    return false;
                }
            }
            return true;
        }
    }
}
