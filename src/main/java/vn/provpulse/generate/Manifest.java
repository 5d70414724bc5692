package vn.provpulse.generate;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * manifest.json beside the generated landing zone: what was generated and what was planted, so
 * tests can check that the pipeline finds every bad row and every integrity pattern.
 */
public record Manifest(
        long seed,
        @JsonProperty("scale_factor") double scaleFactor,
        LocalDate from,
        LocalDate to,
        @JsonProperty("dirty_rate") double dirtyRate,
        @JsonProperty("units") int units,
        @JsonProperty("rows_by_source") Map<String, Long> rowsBySource,
        List<FileRows> files,
        @JsonProperty("bad_rows") List<BadRow> badRows,
        @JsonProperty("duplicate_files") List<DuplicateFile> duplicateFiles,
        @JsonProperty("integrity") List<PlantedFlag> integrity) {

    /** A landing file and how many rows it holds (CSV records after the header, or JSON lines). */
    public record FileRows(String file, int rows) {}

    /** A row made bad on purpose: where it is, what was done, and the reason the pipeline must give. */
    public record BadRow(String file, int line, String kind, String reason) {}

    /** A file delivered twice under another name. */
    public record DuplicateFile(String file, @JsonProperty("copy_of") String copyOf) {}

    /** A planted "tô hồng" pattern. */
    public record PlantedFlag(@JsonProperty("unit_code") String unitCode, LocalDate month, String flag) {}
}
