package vn.provpulse.airflow;

/** One task instance of a run: its id, state and try number. */
public record TaskState(String taskId, String state, int tryNumber) {}
