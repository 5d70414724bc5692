package vn.provpulse.airflow;

/** An Airflow REST call that failed; the message is one line saying what, where and what to do. */
public final class AirflowException extends RuntimeException {
    private final int status;

    public AirflowException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
