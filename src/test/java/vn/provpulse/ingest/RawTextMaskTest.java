package vn.provpulse.ingest;

import org.junit.jupiter.api.Test;
import vn.provpulse.contract.Feedback;
import vn.provpulse.contract.Ratings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Quarantined raw text keeps no citizen name, phone, CCCD or complaint text, whatever broke the row. */
class RawTextMaskTest {
    private static final String HEADER = "\uFEFFfeedback_id,unit_code,channel,topic,received_at,response_deadline,responded_at,closed_at,status,"
            + "citizen_satisfied,citizen_name,citizen_phone,citizen_id_number,content\r\n";
    private static final List<String> COLUMNS = RawTextMask.header(HEADER.getBytes(StandardCharsets.UTF_8), new HeaderNames(Map.of()));

    @Test
    void theHeaderIsReadWithoutItsByteOrderMark() {
        assertThat(COLUMNS).hasSize(14).startsWith("feedback_id").endsWith("content");
    }

    @Test
    void aRowWithTheRightFieldCountIsMaskedByPosition() {
        String raw = "FB1,XA01,portal,Đường hỏng,2026-01-05T08:00:00+07:00,,,,received,,Nguyễn Thu Páo,0912345678,001234567890,"
                + "\"Nhà văn hóa bản bị dột, \"\"mưa\"\" vào\nnhiều ngày\"";
        assertThat(RawTextMask.masked(Feedback.CONTRACT, COLUMNS, raw)).isEqualTo(
                "FB1,XA01,portal,Đường hỏng,2026-01-05T08:00:00+07:00,,,,received,,[redacted],[redacted],[redacted],[redacted]");
    }

    @Test
    void anExtraFieldMasksEveryFieldThatCouldHaveShiftedOntoAPersonalColumn() {
        String raw = "FB2,XA01,portal,Đèn đường, hỏng,2026-01-05T08:00:00+07:00,,,,received,,Lò Văn Sáng,,,Bản tối om";
        assertThat(RawTextMask.masked(Feedback.CONTRACT, COLUMNS, raw)).isEqualTo(
                "FB2,XA01,portal,Đèn đường, hỏng,2026-01-05T08:00:00+07:00,,,,[redacted],[redacted],[redacted],[redacted],[redacted],[redacted]");
    }

    @Test
    void aStrayQuoteDoesNotShiftThePositions() {
        String raw = "FB3,XA01,hotline,Phản ánh \"khẩn,2026-01-05T08:00:00+07:00,,,,received,,Quàng Thị Mai,,,\"Cống tắc, nước tràn\"";
        assertThat(RawTextMask.masked(Feedback.CONTRACT, COLUMNS, raw)).isEqualTo(
                "FB3,XA01,hotline,Phản ánh \"khẩn,2026-01-05T08:00:00+07:00,,,,received,,[redacted],[redacted],[redacted],[redacted]");
    }

    @Test
    void withoutAHeaderOnlyTheFirstFieldsAreKeptAndTheRestIsSaidToBeDropped() {
        assertThat(RawTextMask.masked(Feedback.CONTRACT, null, "FB4,XA01,portal,Nguyễn Văn A,nội dung"))
                .isEqualTo("FB4,XA01," + RawTextMask.DROPPED);
    }

    @Test
    void phoneNumbersAreMaskedEvenDashedAndInAnOpenFieldButDatesStay() {
        String raw = "FB5,XA01,portal,Gọi lại 091-234-5678 hoặc 0912 345 678,2026-01-05T08:00:00+07:00,2026-01-20,,,received,,,,,";
        assertThat(RawTextMask.masked(Feedback.CONTRACT, COLUMNS, raw)).isEqualTo(
                "FB5,XA01,portal,Gọi lại [redacted] hoặc [redacted],2026-01-05T08:00:00+07:00,2026-01-20,,,received,,[redacted],[redacted],[redacted],[redacted]");
        assertThat(RawTextMask.masked(Ratings.CONTRACT, null, "R1,D1,XA01,1.001,2026-01-05T08:00:00+07:00,kiosk,9,091-234-5678"))
                .isEqualTo("R1,D1,XA01,1.001,2026-01-05T08:00:00+07:00,kiosk,9,[redacted]");
    }
}
