package vn.provpulse.airflow;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/** The run of one night after a trigger: created by this trigger, or found already there (e.g. made by the scheduler). */
public record TriggeredRun(DagRun run, boolean created) {
    public TriggeredRun {
        requireNonNull(run, "run is null");
    }

    /** One line for the operator: what was triggered for D, or which existing run is followed. */
    public String describe(LocalDate date) {
        return created ? "Triggered " + run.dagRunId() + " for " + date + " (" + run.state() + ")"
                : date + " already has run " + run.dagRunId() + " (" + run.runType() + ", " + run.state() + "): following it";
    }
}
