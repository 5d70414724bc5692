package vn.provpulse.airflow;

/**
 * One DAG run as the Airflow 3 REST API describes it (times are ISO-8601 text as Airflow gives them;
 * logicalDate may be null on Airflow 3, endDate is null until the run finishes).
 */
public record DagRun(String dagRunId, String state, String runType, String logicalDate, String runAfter, String queuedAt, String endDate) {
    public boolean isFinished() {
        return "success".equals(state) || "failed".equals(state);
    }
}
