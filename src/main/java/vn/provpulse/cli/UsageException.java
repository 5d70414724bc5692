package vn.provpulse.cli;

/** A command line that cannot be run as given (exit 2, like a configuration error); the message says which option and why. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
