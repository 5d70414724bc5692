package vn.provpulse.ingest;

import vn.provpulse.contract.Field;
import vn.provpulse.contract.SourceContract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Masks a quarantined row's raw text so that no personal or restricted field (citizen name,
 * phone, CCCD, complaint text) is kept. CSV rows are masked by position against the file's
 * header; when the field count is wrong, every field that could have shifted onto a personal
 * column is masked too. Without a header, only the leading fields that cannot be personal are
 * kept and the rest is dropped, saying so.
 */
final class RawTextMask {
    static final String REDACTED = "[redacted]";
    static final String DROPPED = "[rest dropped: personal fields, no header to place them]";
    private static final String LONG_NUMBER = "\\+?\\d{9,}";
    private static final String SPLIT_PHONE = "(?<![\\d-])\\d{3,4}[ .-]\\d{3}[ .-]\\d{3,4}(?![\\d-])";

    private RawTextMask() {}

    static String masked(SourceContract contract, List<String> header, String raw) {
        if (raw == null) {
            return null;
        }
        Set<String> personal = contract.fields().stream().filter(field -> field.privacy().isPersonal()).map(Field::name).collect(Collectors.toSet());
        String text = personal.isEmpty() ? raw : header == null ? leadingOpenFields(contract, raw) : byPosition(header, personal, raw);
        return text.replaceAll(LONG_NUMBER, REDACTED).replaceAll(SPLIT_PHONE, REDACTED);
    }

    /** The file's header in canonical names, or null when the first line is not a plain header. */
    static List<String> header(byte[] content, HeaderNames headerNames) {
        String text = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int end = text.indexOf('\n');
        if (end < 0) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String name : fields(text.substring(0, end).replace("\r", ""))) {
            names.add(headerNames.canonical(name.replace("\"", "")));
        }
        return names;
    }

    private static String byPosition(List<String> header, Set<String> personal, String raw) {
        List<String> fields = fields(raw);
        int shift = Math.abs(fields.size() - header.size());
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            kept.add(couldBePersonal(header, personal, i, shift) ? REDACTED : fields.get(i));
        }
        return String.join(",", kept);
    }

    /** Position i holds, or may hold after a shift of up to {@code shift} fields, a personal column (or lies beyond the header). */
    private static boolean couldBePersonal(List<String> header, Set<String> personal, int position, int shift) {
        for (int i = position - shift; i <= position + shift; i++) {
            if (i >= header.size() || (i >= 0 && personal.contains(header.get(i)))) {
                return true;
            }
        }
        return false;
    }

    private static String leadingOpenFields(SourceContract contract, String raw) {
        int open = 0;
        while (open < contract.fields().size() && !contract.fields().get(open).privacy().isPersonal()) {
            open++;
        }
        List<String> fields = fields(raw);
        return String.join(",", fields.subList(0, Math.min(Math.min(open, 2), fields.size()))) + "," + DROPPED;
    }

    /** Splits CSV text on commas outside quotes; a quote opens a quoted field only at the field's start. Fields keep their raw text. */
    static List<String> fields(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
                continue;
            }
            if (c == '"' && quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                field.append(c);
                i++;
            }
            else if (c == '"' && (quoted || field.isEmpty())) {
                quoted = !quoted;
            }
            field.append(c);
        }
        fields.add(field.toString());
        return fields;
    }
}
