package vn.provpulse.cli;

import picocli.CommandLine;
import vn.provpulse.config.ConfigException;

import java.io.UncheckedIOException;

/** Maps failures to exit codes and one-line reasons, in one place. */
final class ExitCodes {
    static final int CONFIGURATION = 2;
    static final int FAILURE = 1;

    private ExitCodes() {}

    static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("provpulse: " + oneLine(exception));
            return exception instanceof ConfigException || exception instanceof UsageException ? CONFIGURATION : FAILURE;
        });
        return commandLine;
    }

    static String oneLine(Throwable exception) {
        Throwable cause = exception;
        if (cause instanceof UncheckedIOException && cause.getCause() != null) {
            return cause.getMessage() + ": " + cause.getCause().getMessage();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
