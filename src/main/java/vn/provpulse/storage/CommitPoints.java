package vn.provpulse.storage;

import java.util.Map;
import java.util.Optional;

/**
 * The named moments at which a run changes what the warehouse holds, for the fault-injection
 * suite. A name is {@code <kind>:<what>}, e.g. {@code mid-swap:gold/unit_month_ratings}:
 * <ul>
 *   <li>{@code ingest:bronze-written}: a run's bronze and quarantine files are in place, no ledger committed;</li>
 *   <li>{@code ingest:ledger-committed:<source>}: one source's ledger committed, the others not yet;</li>
 *   <li>{@code before-swap:<zone>/<table>[/<slice>]}: staging complete, the table (or slice) not yet swapped;</li>
 *   <li>{@code mid-swap:<zone>/<table>[/<slice>]}: the old folder moved aside, the new one not yet in place;</li>
 *   <li>{@code before-state:<file>}: every table of a stage swapped, its state file not yet written;</li>
 *   <li>{@code state-written:<file>}: a stage's state file written, the run not yet finished.</li>
 * </ul>
 * When the system property {@value #PROPERTY} (or the environment variable {@value #VARIABLE})
 * names the point being reached, the run prints {@value #REACHED} and the name on standard error
 * and stops there, waiting to be killed (the suite sends SIGKILL). Otherwise a point costs nothing.
 */
public final class CommitPoints {
    public static final String PROPERTY = "provpulse.kill.at";
    public static final String VARIABLE = "PROVPULSE_KILL_AT";
    public static final String REACHED = "provpulse: commit point reached: ";

    private CommitPoints() {}

    public static void reach(String point) {
        if (!point.equals(armed(System.getProperties(), System.getenv()).orElse(null))) {
            return;
        }
        System.err.println(REACHED + point);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            }
            catch (InterruptedException e) {
                // keep waiting: only the kill ends this process
            }
        }
    }

    static Optional<String> armed(java.util.Properties properties, Map<String, String> environment) {
        String value = properties.getProperty(PROPERTY, environment.get(VARIABLE));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The point's name for a table or slice folder: its path under the warehouse zones, e.g. {@code silver/task_history/2026-01}. */
    static String tableName(java.nio.file.Path table) {
        java.nio.file.Path zone = table.getParent();
        String name = zone.getFileName() + "/" + table.getFileName();
        java.nio.file.Path zoneParent = zone.getParent();
        if (zoneParent != null && isTableFolder(zone)) {
            name = zoneParent.getFileName() + "/" + name;
        }
        return name;
    }

    private static boolean isTableFolder(java.nio.file.Path folder) {
        java.nio.file.Path parent = folder.getParent();
        return parent != null && java.util.Set.of("bronze", "quarantine", "restricted", "silver", "gold", "state")
                .contains(parent.getFileName().toString());
    }
}
