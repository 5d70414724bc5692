package vn.provpulse.refine;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Heads in office and the successor roll-up of merged units, on hand-made unit versions. */
class UnitDirectoryTest {
    private static final LocalDate SNAPSHOT = LocalDate.of(2026, 3, 20);
    private static final List<UnitVersion> VERSIONS = List.of(
            version("XA01", "Lò Văn Minh", "2025-07-01", "2026-03-14", null),
            version("XA01", "Quàng Thị Hoa", "2026-03-15", null, null),
            // merged on 1 July 2025 into XA02, itself merged into XA01: both roll up to XA01
            version("XA03", "Cà Văn Sơn", "2020-01-01", "2025-06-30", "XA02"),
            version("XA02", "Lường Văn Tú", "2020-01-01", "2025-06-30", "XA01"),
            // names a successor that no snapshot lists: reports under itself
            version("XA04", "Tòng Thị Lan", "2020-01-01", null, "ZZ99"));

    private static UnitVersion version(String code, String head, String from, String to, String successor) {
        return new UnitVersion(code, "Xã " + code, "commune", null, head, "Chủ tịch UBND xã", LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to), successor, SNAPSHOT);
    }

    @Test
    void theHeadInOfficeChangesTheDayAfterTheInclusiveValidTo() {
        assertThat(new UnitDirectory(VERSIONS, LocalDate.of(2026, 3, 14)).inForceAtAsOf("XA01").orElseThrow().headName()).isEqualTo("Lò Văn Minh");
        assertThat(new UnitDirectory(VERSIONS, LocalDate.of(2026, 3, 15)).inForceAtAsOf("XA01").orElseThrow().headName()).isEqualTo("Quàng Thị Hoa");
    }

    @Test
    void mergedUnitsRollUpThroughTheirSuccessorsAndKeepTheirOwnVersions() {
        UnitDirectory directory = new UnitDirectory(VERSIONS, LocalDate.of(2026, 3, 15));
        assertThat(directory.currentCodeOf("XA03")).isEqualTo("XA01");
        assertThat(directory.currentCodeOf("XA02")).isEqualTo("XA01");
        assertThat(directory.isCurrent("XA03")).isFalse();
        assertThat(directory.isCurrent("XA01")).isTrue();
        // no version of a merged unit is in force at D; its latest version still names it
        assertThat(directory.inForceAtAsOf("XA03")).isEmpty();
        assertThat(directory.versionAtAsOf("XA03").headName()).isEqualTo("Cà Văn Sơn");
    }

    @Test
    void aSuccessorInNoSnapshotLeavesTheUnitUnderItself() {
        assertThat(new UnitDirectory(VERSIONS, LocalDate.of(2026, 3, 15)).currentCodeOf("XA04")).isEqualTo("XA04");
    }
}
