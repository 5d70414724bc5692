package vn.provpulse.ingest;

import org.junit.jupiter.api.Test;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Ratings;
import vn.provpulse.contract.Tasks;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowValidatorTest {
    private static final LocalDate EXPORT = LocalDate.of(2026, 3, 16);
    private final RowValidator tasks = new RowValidator(Tasks.CONTRACT, "Asia/Ho_Chi_Minh");
    private final RowValidator feedback = new RowValidator(Feedback.CONTRACT, "Asia/Ho_Chi_Minh");
    private final RowValidator ratings = new RowValidator(Ratings.CONTRACT, "Asia/Ho_Chi_Minh");

    private static Map<String, String> task() {
        Map<String, String> row = new HashMap<>();
        row.put("task_id", "T1");
        row.put("unit_code", "XA01");
        row.put("assigned_date", "2026-03-01");
        row.put("due_date", "2026-03-10");
        row.put("status", "completed");
        row.put("completed_at", "2026-03-09T17:30:00Z");
        row.put("updated_at", "2026-03-15T16:20:00+07:00");
        return row;
    }

    private static String reason(RowValidator.Result result) {
        return result.isAccepted() ? "accepted" : result.rejection().reason();
    }

    @Test
    void completionAt1730ZIsTheNextLocalDay() {
        RowValidator.Result result = tasks.validate(task(), EXPORT);
        assertThat(result.isAccepted()).isTrue();
        assertThat(result.values().date("completed_date")).isEqualTo(LocalDate.of(2026, 3, 10));
    }

    @Test
    void timestampWithoutOffsetIsBadTimestamp() {
        Map<String, String> row = task();
        row.put("updated_at", "2026-03-15T16:20:00");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("bad_timestamp:updated_at");
    }

    @Test
    void dateOutsideTheYears2000To2100IsBadDate() {
        Map<String, String> row = task();
        row.put("due_date", "+99999-01-01");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("bad_date:due_date");
        row.put("due_date", "1999-12-31");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("bad_date:due_date");
    }

    @Test
    void timestampOutsideTheYears2000To2100IsBadTimestamp() {
        Map<String, String> row = task();
        row.put("completed_at", "0026-03-09T17:30:00Z");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("bad_timestamp:completed_at");
    }

    @Test
    void idGivenAsAJsonNumberIsWrongTypeNotItsNumbersText() {
        String line = "{\"task_id\": %s, \"unit_code\": \"XA01\", \"due_date\": \"2026-03-10\", \"status\": \"open\", "
                + "\"updated_at\": \"2026-03-15T16:20:00+07:00\"}\n";
        for (String number : java.util.List.of("1e309", "-0", "42")) {
            RawRecord record = JsonLinesReader.read(String.format(line, number).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new HeaderNames(Map.of())).get(0);
            RowValidator.Result result = tasks.validate(record.fields(), EXPORT);
            assertThat(reason(result)).as(number).isEqualTo("wrong_type:task_id");
            assertThat(result.rejection().detail()).as(number).startsWith("task_id must be text (a JSON string), not the number ");
        }
        RawRecord asText = JsonLinesReader.read(String.format(line, "\"42\"").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new HeaderNames(Map.of())).get(0);
        assertThat(reason(tasks.validate(asText.fields(), EXPORT))).isEqualTo("accepted");
    }

    @Test
    void scoreGivenAsAJsonNumberIsANumber() {
        String line = "{\"rating_id\": \"R1\", \"unit_code\": \"XA01\", \"rated_at\": \"2026-03-15T09:00:00+07:00\", "
                + "\"channel\": \"kiosk\", \"score\": %s}\n";
        RawRecord five = JsonLinesReader.read(String.format(line, "5").getBytes(java.nio.charset.StandardCharsets.UTF_8), new HeaderNames(Map.of())).get(0);
        assertThat(reason(ratings.validate(five.fields(), EXPORT))).isEqualTo("accepted");
        RawRecord huge = JsonLinesReader.read(String.format(line, "1e309").getBytes(java.nio.charset.StandardCharsets.UTF_8), new HeaderNames(Map.of())).get(0);
        assertThat(reason(ratings.validate(huge.fields(), EXPORT))).isEqualTo("bad_integer:score");
    }

    @Test
    void impossibleCalendarDateIsBadDate() {
        Map<String, String> row = task();
        row.put("due_date", "2026-02-30");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("bad_date:due_date");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        Map<String, String> row = task();
        row.put("task_id", "  ");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("missing:task_id");
    }

    @Test
    void completedStatusNeedsCompletedAt() {
        Map<String, String> row = task();
        row.remove("completed_at");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("missing:completed_at");
    }

    @Test
    void malformedOptionalFieldQuarantinesTheRow() {
        Map<String, String> row = task();
        row.put("extended_due_date", "next week");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("bad_date:extended_due_date");
    }

    @Test
    void unknownStatusIsBadValue() {
        Map<String, String> row = task();
        row.put("status", "done");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("bad_value:status");
    }

    @Test
    void impossibleOrdersAreQuarantined() {
        Map<String, String> dueBeforeAssigned = task();
        dueBeforeAssigned.put("due_date", "2026-02-28");
        assertThat(reason(tasks.validate(dueBeforeAssigned, EXPORT))).isEqualTo("impossible_order:due_date");
        Map<String, String> completedBeforeAssigned = task();
        completedBeforeAssigned.put("completed_at", "2026-02-27T10:00:00+07:00");
        assertThat(reason(tasks.validate(completedBeforeAssigned, EXPORT))).isEqualTo("impossible_order:completed_at");
        Map<String, String> extensionBeforeDue = task();
        extensionBeforeDue.put("extended_due_date", "2026-03-05");
        assertThat(reason(tasks.validate(extensionBeforeDue, EXPORT))).isEqualTo("impossible_order:extended_due_date");
    }

    @Test
    void eventLaterThanTheExportDateIsImpossible() {
        Map<String, String> row = task();
        row.put("updated_at", "2026-03-17T08:00:00+07:00");
        assertThat(reason(tasks.validate(row, EXPORT))).isEqualTo("impossible_order:updated_at");
    }

    @Test
    void answeredBeforeReceivedIsImpossible() {
        Map<String, String> row = new HashMap<>(Map.of("feedback_id", "F1", "unit_code", "XA01", "received_at", "2026-03-10T09:00:00+07:00",
                "status", "responded", "responded_at", "2026-03-10T08:00:00+07:00"));
        assertThat(reason(feedback.validate(row, EXPORT))).isEqualTo("impossible_order:responded_at");
    }

    @Test
    void deadlineMayBeADateOrATimestampWithOffset() {
        Map<String, String> row = new HashMap<>(Map.of("feedback_id", "F1", "unit_code", "XA01", "received_at", "2026-03-10T09:00:00+07:00",
                "status", "received", "response_deadline", "2026-03-20T20:00:00Z"));
        assertThat(feedback.validate(row, EXPORT).values().date("response_deadline")).isEqualTo(LocalDate.of(2026, 3, 21));
    }

    @Test
    void scoresAreWholeNumbersOneToFive() {
        Map<String, String> row = new HashMap<>(Map.of("rating_id", "R1", "unit_code", "XA01", "rated_at", "2026-03-10T09:00:00+07:00",
                "channel", "kiosk", "score", "6"));
        assertThat(reason(ratings.validate(row, EXPORT))).isEqualTo("score_out_of_range:score");
        row.put("score", "4.5");
        assertThat(reason(ratings.validate(row, EXPORT))).isEqualTo("bad_integer:score");
        row.put("score", "4");
        row.put("staff", "0");
        assertThat(reason(ratings.validate(row, EXPORT))).isEqualTo("score_out_of_range:staff");
    }

    @Test
    void theCommonTimestampShapeReadsAsTheFormatterReadsIt() {
        java.util.Random random = new java.util.Random(20261201L);
        String[] separators = {"T", " ", "t", "x"};
        String[] zones = {"Z", "z", "+07:00", "-00:00", "-00:30", "+18:00", "+18:01", "+19:00", "+07:60", "+0700", "+07:0", "-11:45"};
        int read = 0;
        for (int i = 0; i < 40_000; i++) {
            String text = String.format("%04d-%02d-%02d%s%02d:%02d:%02d%s", random.nextInt(10_000), random.nextInt(14), random.nextInt(33),
                    separators[random.nextInt(separators.length)], random.nextInt(25), random.nextInt(61), random.nextInt(61),
                    zones[random.nextInt(zones.length)]);
            if (random.nextInt(4) == 0) {
                char[] chars = text.toCharArray();
                String replacements = "0189-+:TZ /a\u0661";
                chars[random.nextInt(chars.length)] = replacements.charAt(random.nextInt(replacements.length()));
                text = new String(chars);
            }
            java.time.Instant fast = RowValidator.parseCommonTimestamp(text);
            java.util.Optional<java.time.Instant> full = RowValidator.parseTimestampInFull(text);
            if (fast != null) {
                read++;
                assertThat(full).as(text).contains(fast);
            }
            assertThat(RowValidator.parseTimestamp(text)).as(text).isEqualTo(full);
        }
        assertThat(read).as("texts the fast path read").isGreaterThan(3_000);
    }

    @Test
    void theEdgesOfTheCommonTimestampShape() {
        assertThat(RowValidator.parseTimestamp("2026-03-15T16:20:00+07:00")).contains(java.time.Instant.parse("2026-03-15T09:20:00Z"));
        assertThat(RowValidator.parseTimestamp("2026-03-15 16:20:00Z")).contains(java.time.Instant.parse("2026-03-15T16:20:00Z"));
        assertThat(RowValidator.parseTimestamp("2026-03-15T16:20:00-00:00")).contains(java.time.Instant.parse("2026-03-15T16:20:00Z"));
        assertThat(RowValidator.parseTimestamp("2024-02-29T00:00:00+18:00")).contains(java.time.Instant.parse("2024-02-28T06:00:00Z"));
        assertThat(RowValidator.parseTimestamp("0000-01-01T00:00:00Z")).contains(java.time.Instant.parse("0000-01-01T00:00:00Z"));
        for (String invalid : new String[] {"1900-02-29T00:00:00Z", "2026-03-15T24:00:00Z", "2026-03-15T16:20:60Z", "2026-03-15T16:60:00Z",
                "2026-04-31T10:00:00Z", "2026-03-15T16:20:00+18:01", "2026-03-15T16:20:00+07:60", "2026-03-15t16:20:00Z",
                "2026-03-15T16:20:00z", "2026-03-15T16:20:0\u0661Z", "2026-03-15T16:20:00"}) {
            assertThat(RowValidator.parseCommonTimestamp(invalid)).as(invalid).isNull();
            assertThat(RowValidator.parseTimestamp(invalid)).as(invalid).isEmpty();
        }
    }
}
