package vn.provpulse.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesReaderTest {
    private static List<RawRecord> read(String text) {
        return JsonLinesReader.read(text.getBytes(StandardCharsets.UTF_8), new HeaderNames(Map.of()));
    }

    @Test
    void eachNonBlankLineIsARowNumberedByItsPhysicalLine() {
        List<RawRecord> records = read("{\"task_id\":\"A\"}\n\n  \n{\"task_id\":\"B\",\"score\":5}\r\n");
        assertThat(records).extracting(RawRecord::line).containsExactly(1, 4);
        assertThat(records.get(1).fields()).containsEntry("task_id", "B").containsEntry("score", JsonLinesReader.NUMBER + "5");
    }

    @Test
    void brokenJsonAndNonObjectsAreMalformed() {
        List<RawRecord> records = read("{\"task_id\":\"A\"\n[1,2]\n{\"a\":1} trailing\n");
        assertThat(records).extracting(RawRecord::problemCode).containsOnly("malformed_json");
    }

    @Test
    void nullIsAbsentAndNestedValuesAreMarked() {
        List<RawRecord> records = read("{\"task_id\":\"A\",\"result_note\":null,\"title\":{\"x\":1}}\n");
        assertThat(records.get(0).fields()).doesNotContainKey("result_note").containsEntry("title", JsonLinesReader.NOT_A_SCALAR);
    }
}
