package vn.provpulse.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One line of bench/results.md comparing the product with the peer on the same landing: one bench run
 * (a generated range, then the peer, the backfill and one more night, one after the other).
 * GB are 2^30 bytes; ratios are of wall seconds of whole processes (JVM start included on both sides).
 */
record PeerComparisonRow(Instant when, Data data, Optional<ProcessTreeSampler.Measured> peer, ProcessTreeSampler.Measured backfill,
                         ProcessTreeSampler.Measured night, int cores, double loadAtStart) {
    static final String HEADER = """
            | when (UTC) | data | peer (full recompute) | backfill | backfill / peer | one more night | night / peer | machine |
            |---|---|---|---|---|---|---|---|
            """;

    /** What was measured on: scale factor, backfill range (the night is the day after), landing files and rows up to the last date. */
    record Data(double scaleFactor, LocalDate from, LocalDate to, long files, long rows, double generationSeconds) {
        Data {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
        }
    }

    PeerComparisonRow {
        requireNonNull(when, "when is null");
        requireNonNull(data, "data is null");
        requireNonNull(peer, "peer is null");
        requireNonNull(backfill, "backfill is null");
        requireNonNull(night, "night is null");
    }

    /** The Markdown row, ending in a newline. */
    String render() {
        return String.format(Locale.ROOT, "| %s | SF%s %s..%s, %d files, %d rows (generated in %.1f s) | %s | %s | %s | %s | %s | %d cores, load %.2f at start |%n",
                when.toString().substring(0, 16), data.scaleFactor(), data.from(), data.to(), data.files(), data.rows(), data.generationSeconds(),
                peer.map(PeerComparisonRow::cell).orElse("not run"), cell(backfill), peer.map(p -> ratio(backfill, p)).orElse("-"),
                cell(night), peer.map(p -> ratio(night, p)).orElse("-"), cores, loadAtStart);
    }

    private static String cell(ProcessTreeSampler.Measured measured) {
        return String.format(Locale.ROOT, "%.1f s, %.2f GB peak RSS (load %.2f)", measured.seconds(), measured.peakRssBytes() / (double) (1L << 30),
                measured.loadAtStart());
    }

    private static String ratio(ProcessTreeSampler.Measured product, ProcessTreeSampler.Measured peer) {
        return String.format(Locale.ROOT, "%.2f×", product.seconds() / peer.seconds());
    }
}
