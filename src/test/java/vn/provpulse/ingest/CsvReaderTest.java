package vn.provpulse.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReaderTest {
    private static List<RawRecord> read(String text) {
        return CsvReader.read(text.getBytes(StandardCharsets.UTF_8), new HeaderNames(Map.of()));
    }

    @Test
    void quotedNewlineStaysInItsRowAndLinesCountFromTheHeader() {
        List<RawRecord> records = read("id,text\n1,\"two\nlines\"\n2,plain\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).line()).isEqualTo(2);
        assertThat(records.get(0).fields()).containsEntry("text", "two\nlines");
        assertThat(records.get(1).line()).isEqualTo(4);
    }

    @Test
    void doubledQuoteInsideQuotesIsOneQuote() {
        List<RawRecord> records = read("id,text\n1,\"say \"\"hi\"\", then go\"\n");
        assertThat(records.get(0).fields()).containsEntry("text", "say \"hi\", then go");
    }

    @Test
    void bomAndCrlfAreHandled() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,text\r\n1,a\r\n2,\"b\r\nc\"\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, data, 0, bom.length);
        System.arraycopy(body, 0, data, bom.length, body.length);
        List<RawRecord> records = CsvReader.read(data, new HeaderNames(Map.of()));
        assertThat(records).extracting(RawRecord::line).containsExactly(2, 3);
        assertThat(records.get(0).fields()).containsEntry("id", "1").containsEntry("text", "a");
        assertThat(records.get(1).fields()).containsEntry("text", "b\r\nc");
    }

    @Test
    void blankLinesAreNotRowsButStillCountAsLines() {
        List<RawRecord> records = read("id,text\n\n1,a\n   \n2,b\n");
        assertThat(records).extracting(RawRecord::line).containsExactly(3, 5);
    }

    @Test
    void strayQuoteInUnquotedFieldIsMalformedAndEndsAtItsLine() {
        List<RawRecord> records = read("id,text\n1,ab\"c\n2,ok\n");
        assertThat(records.get(0).problemCode()).isEqualTo("malformed_csv");
        assertThat(records.get(0).line()).isEqualTo(2);
        assertThat(records.get(1).isReadable()).isTrue();
        assertThat(records.get(1).fields()).containsEntry("id", "2");
    }

    @Test
    void textAfterClosingQuoteIsMalformed() {
        List<RawRecord> records = read("id,text\n1,\"ab\"c\n2,ok\n");
        assertThat(records.get(0).problemCode()).isEqualTo("malformed_csv");
        assertThat(records.get(1).line()).isEqualTo(3);
        assertThat(records.get(1).isReadable()).isTrue();
    }

    @Test
    void textAfterClosingQuoteThenAQuotedLineBreakIsOneMalformedRowStartingAtItsFirstLine() {
        List<RawRecord> records = read("id,topic,content\n"
                + "1,\"Đất đai\"thêm,\"Đề nghị sửa đường\ntrước mùa mưa\"\n"
                + "2,Giao thông,ok\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).problemCode()).isEqualTo("malformed_csv");
        assertThat(records.get(0).line()).isEqualTo(2);
        assertThat(records.get(0).rawText()).endsWith("trước mùa mưa\"");
        assertThat(records.get(1).isReadable()).isTrue();
        assertThat(records.get(1).line()).isEqualTo(4);
        assertThat(records.get(1).fields()).containsEntry("id", "2");
    }

    @Test
    void strayQuoteThenAQuotedLineBreakIsOneMalformedRow() {
        List<RawRecord> records = read("id,name,content\n1,O\"Brien,\"two\nlines, \"\"quoted\"\"\"\n2,ok,fine\n");
        assertThat(records).extracting(RawRecord::line).containsExactly(2, 4);
        assertThat(records.get(0).problemCode()).isEqualTo("malformed_csv");
        assertThat(records.get(1).fields()).containsEntry("name", "ok");
    }

    @Test
    void unterminatedQuoteRunsToTheEndOfTheFileAsOneRow() {
        List<RawRecord> records = read("id,text\n1,ok\n2,\"never closed\n3,x\n4,y\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(1).line()).isEqualTo(3);
        assertThat(records.get(1).problemCode()).isEqualTo("malformed_csv");
    }

    @Test
    void wrongFieldCountIsMalformed() {
        List<RawRecord> records = read("id,text,more\n1,a\n2,b,c\n");
        assertThat(records.get(0).problemCode()).isEqualTo("malformed_csv");
        assertThat(records.get(1).isReadable()).isTrue();
    }

    @Test
    void invalidUtf8IsBadEncodingNotRepaired() {
        byte[] data = "id,text\n1,ab\n2,cd\n".getBytes(StandardCharsets.UTF_8);
        data[15] = (byte) 0xC3;
        data[16] = (byte) 0x28;
        List<RawRecord> records = CsvReader.read(data, new HeaderNames(Map.of()));
        assertThat(records.get(0).isReadable()).isTrue();
        assertThat(records.get(1).problemCode()).isEqualTo("bad_encoding");
        assertThat(records.get(1).line()).isEqualTo(3);
    }

    @Test
    void columnsMatchByHeaderNameInAnyOrderAndThroughConfiguredAliases() {
        List<RawRecord> records = CsvReader.read("Ma_Don_Vi, ID \nXA01,7\n".getBytes(StandardCharsets.UTF_8),
                new HeaderNames(Map.of("ma_don_vi", "unit_code")));
        assertThat(records.get(0).fields()).containsEntry("unit_code", "XA01").containsEntry("id", "7");
    }

    @Test
    void vietnameseTextRoundTrips() {
        List<RawRecord> records = read("id,text\n1,Phản ánh về đường giao thông xã Mường Phăng\n");
        assertThat(records.get(0).fields()).containsEntry("text", "Phản ánh về đường giao thông xã Mường Phăng");
    }
}
