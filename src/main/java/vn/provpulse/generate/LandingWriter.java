package vn.provpulse.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.provpulse.ingest.CsvReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Formats rows as RFC 4180 CSV or JSON Lines and writes landing files, counting physical lines. */
final class LandingWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LandingWriter() {}

    static byte[] csvRecord(List<String> columns, Map<String, String> row) {
        List<String> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(CsvReader.quote(row.get(column)));
        }
        return String.join(",", fields).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jsonRecord(Map<String, String> row) {
        try {
            Map<String, String> present = new java.util.LinkedHashMap<>();
            row.forEach((key, value) -> {
                if (value != null) {
                    present.put(key, value);
                }
            });
            return JSON.writeValueAsBytes(present);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Joins records with the line ending; returns the bytes and each record's start line (header = line 1 for CSV). */
    static Written join(byte[] header, List<byte[]> records, boolean bom, boolean crlf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] newline = crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        int line = 1;
        if (header != null) {
            out.writeBytes(header);
            out.writeBytes(newline);
            line = 2;
        }
        List<Integer> startLines = new ArrayList<>();
        for (byte[] record : records) {
            startLines.add(line);
            out.writeBytes(record);
            out.writeBytes(newline);
            for (byte b : record) {
                if (b == '\n') {
                    line++;
                }
            }
            line++;
        }
        return new Written(out.toByteArray(), startLines);
    }

    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    record Written(byte[] content, List<Integer> startLines) {}
}
