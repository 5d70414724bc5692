package vn.provpulse.ingest;

import java.util.Map;

/**
 * One row read from a landing file: its physical start line, its raw text, and either its
 * fields by canonical name or the structural problem that makes it unreadable.
 */
public record RawRecord(int line, String rawText, Map<String, String> fields, String problemCode, String problemDetail) {
    public static RawRecord readable(int line, String rawText, Map<String, String> fields) {
        return new RawRecord(line, rawText, Map.copyOf(fields), null, null);
    }

    public static RawRecord unreadable(int line, String rawText, String problemCode, String problemDetail) {
        return new RawRecord(line, rawText, Map.of(), problemCode, problemDetail);
    }

    public boolean isReadable() {
        return problemCode == null;
    }
}
