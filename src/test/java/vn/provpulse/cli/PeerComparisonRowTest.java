package vn.provpulse.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench/results.md row: figures and ratios worked out by hand. */
class PeerComparisonRowTest {
    private static final long GIGABYTE = 1L << 30;
    private static final PeerComparisonRow.Data DATA = new PeerComparisonRow.Data(1.0, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), 26_995, 110_000, 3.25);

    private static ProcessTreeSampler.Measured measured(double seconds, long bytes, double load) {
        return new ProcessTreeSampler.Measured(0, seconds, bytes, load, Path.of("x.log"));
    }

    @Test
    void rowShowsEachProcessAndTheRatiosToThePeer() {
        // backfill 24 s / peer 8 s = 3.00x; night 2 s / peer 8 s = 0.25x; 512 MiB = 0.50 GB, 1.5 GiB = 1.50 GB
        PeerComparisonRow row = new PeerComparisonRow(Instant.parse("2026-12-01T10:15:30Z"), DATA, Optional.of(measured(8.0, GIGABYTE / 2, 0.5)),
                measured(24.0, GIGABYTE * 3 / 2, 1.25), measured(2.0, GIGABYTE, 2.0), 2, 0.4);
        assertThat(row.render()).isEqualTo("| 2026-12-01T10:15 | SF1.0 2026-01-01..2026-03-31, 26995 files, 110000 rows (generated in 3.3 s) "
                + "| 8.0 s, 0.50 GB peak RSS (load 0.50) | 24.0 s, 1.50 GB peak RSS (load 1.25) | 3.00× "
                + "| 2.0 s, 1.00 GB peak RSS (load 2.00) | 0.25× | 2 cores, load 0.40 at start |" + System.lineSeparator());
    }

    @Test
    void rowWithoutThePeerSaysSoAndHasNoRatios() {
        PeerComparisonRow row = new PeerComparisonRow(Instant.parse("2026-12-01T10:15:30Z"), DATA, Optional.empty(),
                measured(24.0, GIGABYTE, 1.0), measured(2.0, GIGABYTE, 1.0), 2, 0.4);
        assertThat(row.render()).contains("| not run | 24.0 s, 1.00 GB peak RSS (load 1.00) | - | 2.0 s, 1.00 GB peak RSS (load 1.00) | - |");
    }

    @Test
    void landingFilesAreCountedByTheirDateFolder() {
        assertThat(BenchCommand.dateFolder("tasks/2026-03-31/so-noi-vu.json")).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThatThrownBy(() -> BenchCommand.dateFolder("tasks/latest/x.json")).hasMessageStartingWith("Cannot benchmark: the generated file tasks/latest/x.json");
    }
}
