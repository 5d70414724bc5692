package vn.provpulse.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a run did, printed at its end: per source, the files and rows it took in; per gold table, its rows. */
public record RunSummary(String runId, String command, LocalDate asOf, List<SourceLine> sources, Map<String, Long> goldRows, String publishedVersion, Map<String, Duration> stages, Duration elapsed,
                         Map<String, List<String>> skippedByReason, List<String> changedFiles) {
    /** How many skipped paths of one reason the summary names; the log names every one. */
    private static final int SKIPPED_SHOWN = 5;

    public RunSummary {
        skippedByReason = new TreeMap<>(skippedByReason);
        changedFiles = List.copyOf(changedFiles);
    }

    /** One source's counts over the files this run ingested. */
    public record SourceLine(String source, long files, long rowsRead, long accepted, long quarantined, long duplicateRows,
                             long lateFiles, long duplicateFiles, Map<String, Long> quarantinedByReason) {
        public SourceLine {
            quarantinedByReason = new TreeMap<>(quarantinedByReason);
        }
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("ProvPulse %s as of %s (run %s) finished in %.1f s%n", command, asOf, runId, elapsed.toMillis() / 1000.0));
        text.append(String.format("  %-9s %7s %10s %10s %11s %10s %10s %10s%n", "source", "files", "rows read", "accepted", "quarantined",
                "dup. rows", "late files", "dup. files"));
        for (SourceLine line : sources) {
            text.append(String.format("  %-9s %7d %10d %10d %11d %10d %10d %10d%n", line.source(), line.files(), line.rowsRead(),
                    line.accepted(), line.quarantined(), line.duplicateRows(), line.lateFiles(), line.duplicateFiles()));
            if (!line.quarantinedByReason().isEmpty()) {
                text.append("            quarantined by reason: ").append(line.quarantinedByReason()).append(System.lineSeparator());
            }
        }
        if (!changedFiles.isEmpty()) {
            text.append(String.format("  re-delivered under the same name with other content, read again: %d (%s)%n", changedFiles.size(),
                    String.join(", ", changedFiles)));
        }
        skippedByReason.forEach((reason, paths) -> text.append(String.format("  landing entries not read (%s): %d, e.g. %s%n", reason,
                paths.size(), String.join(", ", paths.subList(0, Math.min(SKIPPED_SHOWN, paths.size()))))));
        if (!goldRows.isEmpty()) {
            text.append("  gold tables (rows): ").append(goldRows).append(System.lineSeparator());
        }
        text.append("  seconds by stage: ");
        stages.forEach((stage, took) -> text.append(stage).append(' ').append(String.format("%.1f", took.toMillis() / 1000.0)).append("  "));
        text.append(System.lineSeparator());
        text.append("  published to Trino: ").append(publishedVersion == null ? "no (Trino not running)" : "version " + publishedVersion)
                .append(System.lineSeparator());
        return text.toString();
    }
}
