package vn.provpulse.airflow;

/** One DAG run as the Airflow REST API describes it. */
public record DagRun(String dagRunId, String state, String logicalDate, String dataIntervalStart, String dataIntervalEnd) {
    public boolean isFinished() {
        return "success".equals(state) || "failed".equals(state);
    }
}
