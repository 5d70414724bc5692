package vn.provpulse.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.provpulse.contract.Reason;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON Lines reader: a row is a non-blank line holding one JSON object. Scalars become text
 * (5 → "5"), null means absent; a nested object or array is kept as a marker so that the
 * validator reports the field's wrong type.
 */
public final class JsonLinesReader {
    /** Marks a field whose JSON value is an object or array. */
    public static final String NOT_A_SCALAR = "\u0000not-a-scalar";

    /**
     * Marks a value the line gave as a JSON number, so that a text field (an id, a code) given as a
     * number is a {@code wrong_type} rather than its number's text ({@code 1e309} → "Infinity", {@code -0} → "0").
     */
    public static final String NUMBER = "\u0000number:";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonLinesReader() {}

    public static List<RawRecord> read(byte[] data, HeaderNames headerNames) {
        List<RawRecord> records = new ArrayList<>();
        int start = Utf8.bomLength(data);
        int line = 1;
        while (start < data.length) {
            int end = start;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            int contentEnd = end > start && data[end - 1] == '\r' ? end - 1 : end;
            RawRecord record = readLine(data, start, contentEnd, line, headerNames);
            if (record != null) {
                records.add(record);
            }
            start = end + 1;
            line++;
        }
        return records;
    }

    private static RawRecord readLine(byte[] data, int start, int end, int line, HeaderNames headerNames) {
        Optional<String> text = Utf8.decode(data, start, end);
        if (text.isEmpty()) {
            return RawRecord.unreadable(line, Utf8.lenient(data, start, end), Reason.BAD_ENCODING, "the line is not valid UTF-8");
        }
        String content = text.get();
        if (content.isBlank()) {
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(content)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || !node.isObject()) {
                return RawRecord.unreadable(line, content, Reason.MALFORMED_JSON, "the line is not a JSON object");
            }
            if (parser.nextToken() != null) {
                return RawRecord.unreadable(line, content, Reason.MALFORMED_JSON, "text after the JSON object");
            }
            return RawRecord.readable(line, content, fieldsOf(node, headerNames));
        }
        catch (JsonProcessingException e) {
            return RawRecord.unreadable(line, content, Reason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        catch (IOException e) {
            return RawRecord.unreadable(line, content, Reason.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
    }

    /** A field's text without the mark of a JSON number. */
    public static String plain(String value) {
        return value != null && value.startsWith(NUMBER) ? value.substring(NUMBER.length()) : value;
    }

    private static Map<String, String> fieldsOf(JsonNode node, HeaderNames headerNames) {
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            fields.put(headerNames.canonical(entry.getKey()), value.isContainerNode() ? NOT_A_SCALAR : value.isNumber() ? NUMBER + value.asText() : value.asText());
        }
        return fields;
    }
}
