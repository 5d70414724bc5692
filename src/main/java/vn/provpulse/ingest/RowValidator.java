package vn.provpulse.ingest;

import vn.provpulse.contract.Field;
import vn.provpulse.contract.FieldType;
import vn.provpulse.contract.ParsedValues;
import vn.provpulse.contract.Reason;
import vn.provpulse.contract.Rejection;
import vn.provpulse.contract.RowRule;
import vn.provpulse.contract.SourceContract;
import vn.provpulse.contract.ValueRanges;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Checks one readable row against its source contract (docs/metrics.md, "Quarantine reasons"): required
 * fields present, every present value parses, enums and ranges hold, no impossible order, no
 * event after the file's export date. The first failure, in field order, is the row's reason.
 */
public final class RowValidator implements Serializable {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIMESTAMP_WITHOUT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,9}");

    private final SourceContract contract;
    private final String zoneId;

    public RowValidator(SourceContract contract, String zoneId) {
        this.contract = requireNonNull(contract, "contract is null");
        this.zoneId = requireNonNull(zoneId, "zoneId is null");
    }

    /** The row's typed values, or why it is quarantined. */
    public Result validate(Map<String, String> fields, LocalDate exportDate) {
        ZoneId zone = ZoneId.of(zoneId);
        Map<String, Object> values = new HashMap<>();
        for (Field field : contract.fields()) {
            String text = fields.get(field.name());
            String trimmed = text == null ? null : text.strip();
            if (trimmed == null || trimmed.isEmpty()) {
                if (field.required()) {
                    return Result.rejected(new Rejection(Reason.MISSING, field.name(), field.name() + " is required"));
                }
                continue;
            }
            if (JsonLinesReader.NOT_A_SCALAR.equals(text)) {
                return Result.rejected(new Rejection(Reason.WRONG_TYPE, field.name(), field.name() + " must be a single value, not an object or list"));
            }
            if (trimmed.startsWith(JsonLinesReader.NUMBER) && field.type() != FieldType.INTEGER && field.type() != FieldType.SCORE) {
                return Result.rejected(new Rejection(Reason.WRONG_TYPE, field.name(), field.name() + " must be text (a JSON string), not the number "
                        + JsonLinesReader.plain(trimmed)));
            }
            Optional<Rejection> problem = parseInto(field, JsonLinesReader.plain(trimmed), zone, values);
            if (problem.isPresent()) {
                return Result.rejected(problem.get());
            }
        }
        ParsedValues row = new ParsedValues(values, exportDate);
        for (RowRule rule : contract.rules()) {
            Optional<Rejection> broken = rule.check(row);
            if (broken.isPresent()) {
                return Result.rejected(broken.get());
            }
        }
        return futureEvent(row).map(Result::rejected).orElseGet(() -> Result.accepted(row));
    }

    private Optional<Rejection> futureEvent(ParsedValues row) {
        for (Field field : contract.fields()) {
            if (!field.event()) {
                continue;
            }
            LocalDate eventDate = field.type() == FieldType.TIMESTAMP ? row.date(field.localDateColumn()) : row.date(field.name());
            if (eventDate != null && eventDate.isAfter(row.exportDate())) {
                return Optional.of(new Rejection(Reason.IMPOSSIBLE_ORDER, field.name(),
                        field.name() + " (" + eventDate + ") is later than the file's export date " + row.exportDate()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> parseInto(Field field, String text, ZoneId zone, Map<String, Object> values) {
        String name = field.name();
        switch (field.type()) {
            case TEXT -> {
                if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(text)) {
                    return Optional.of(new Rejection(Reason.BAD_VALUE, name,
                            name + " must be one of " + field.allowedValues().stream().sorted().toList() + " (got \"" + text + "\")"));
                }
                values.put(name, text);
            }
            case DATE -> {
                Optional<LocalDate> date = parseDate(text);
                if (date.isEmpty()) {
                    return Optional.of(new Rejection(Reason.BAD_DATE, name, name + " must be a date yyyy-mm-dd (got \"" + text + "\")"));
                }
                if (!ValueRanges.plausible(date.get())) {
                    return Optional.of(new Rejection(Reason.BAD_DATE, name, name + " must be " + ValueRanges.DESCRIPTION + " (got \"" + text + "\")"));
                }
                values.put(name, date.get());
            }
            case TIMESTAMP -> {
                Optional<Instant> instant = parseTimestamp(text);
                if (instant.isEmpty()) {
                    return Optional.of(badTimestamp(name, text));
                }
                if (!ValueRanges.plausible(LocalDate.ofInstant(instant.get(), zone))) {
                    return Optional.of(new Rejection(Reason.BAD_TIMESTAMP, name, name + " must be " + ValueRanges.DESCRIPTION + " (got \"" + text + "\")"));
                }
                values.put(name, instant.get());
                values.put(field.localDateColumn(), LocalDate.ofInstant(instant.get(), zone));
            }
            case DEADLINE -> {
                Optional<LocalDate> date = parseDate(text);
                if (date.isEmpty()) {
                    Optional<Instant> instant = parseTimestamp(text);
                    if (instant.isEmpty()) {
                        return Optional.of(looksLikeTimestamp(text) ? badTimestamp(name, text)
                                : new Rejection(Reason.BAD_DATE, name, name + " must be a date yyyy-mm-dd or a timestamp with offset (got \"" + text + "\")"));
                    }
                    date = Optional.of(LocalDate.ofInstant(instant.get(), zone));
                }
                if (!ValueRanges.plausible(date.get())) {
                    return Optional.of(new Rejection(Reason.BAD_DATE, name, name + " must be " + ValueRanges.DESCRIPTION + " (got \"" + text + "\")"));
                }
                values.put(name, date.get());
            }
            case INTEGER, SCORE -> {
                if (!WHOLE_NUMBER.matcher(text).matches()) {
                    return Optional.of(new Rejection(Reason.BAD_INTEGER, name, name + " must be a whole number (got \"" + text + "\")"));
                }
                int number = Integer.parseInt(text);
                if (field.type() == FieldType.SCORE && (number < 1 || number > 5)) {
                    return Optional.of(new Rejection(Reason.SCORE_OUT_OF_RANGE, name, name + " must be 1..5 (got " + number + ")"));
                }
                values.put(name, number);
            }
        }
        return Optional.empty();
    }

    private static Rejection badTimestamp(String name, String text) {
        String why = looksLikeTimestampWithoutOffset(text) ? " carries no offset (Z or ±hh:mm)" : " must be a timestamp like 2026-03-15T16:20:00+07:00";
        return new Rejection(Reason.BAD_TIMESTAMP, name, name + why + " (got \"" + text + "\")");
    }

    static Optional<LocalDate> parseDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text, DATE));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> parseTimestamp(String text) {
        Instant common = parseCommonTimestamp(text);
        return common != null ? Optional.of(common) : parseTimestampInFull(text);
    }

    /** What {@link #TIMESTAMP} reads; the authority for every text, and the test's oracle for the fast path. */
    static Optional<Instant> parseTimestampInFull(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, TIMESTAMP).toInstant());
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The exports' usual shape, {@code 2026-03-15T16:20:00+07:00} or {@code ...Z}, read by hand: a fifth of parsing a
     * year's files went to the formatter. Null for any other text or an invalid value: the formatter decides those.
     */
    static Instant parseCommonTimestamp(String text) {
        int length = text.length();
        boolean utc = length == 20 && text.charAt(19) == 'Z';
        boolean offset = length == 25 && (text.charAt(19) == '+' || text.charAt(19) == '-') && text.charAt(22) == ':';
        char separator = length < 20 ? 0 : text.charAt(10);
        if (!(utc || offset) || (separator != 'T' && separator != ' ') || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = AsciiDigits.read(text, 0, 4);
        int month = AsciiDigits.read(text, 5, 2);
        int day = AsciiDigits.read(text, 8, 2);
        int hour = AsciiDigits.read(text, 11, 2);
        int minute = AsciiDigits.read(text, 14, 2);
        int second = AsciiDigits.read(text, 17, 2);
        int offsetHours = offset ? AsciiDigits.read(text, 20, 2) : 0;
        int offsetMinutes = offset ? AsciiDigits.read(text, 23, 2) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || offsetHours < 0 || offsetMinutes < 0) {
            return null;
        }
        try {
            int sign = offset && text.charAt(19) == '-' ? -1 : 1;
            ZoneOffset zoneOffset = ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes);
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0, zoneOffset).toInstant();
        }
        catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean looksLikeTimestamp(String text) {
        return text.length() > 10 && parseDate(text.substring(0, 10)).isPresent();
    }

    private static boolean looksLikeTimestampWithoutOffset(String text) {
        try {
            LocalDateTime.parse(text, TIMESTAMP_WITHOUT_OFFSET);
            return true;
        }
        catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Either the accepted row's values or the rejection. */
    public record Result(ParsedValues values, Rejection rejection) {
        static Result accepted(ParsedValues values) {
            return new Result(values, null);
        }

        static Result rejected(Rejection rejection) {
            return new Result(null, rejection);
        }

        public boolean isAccepted() {
            return rejection == null;
        }
    }
}
