package vn.provpulse.cli;

import picocli.CommandLine;
import vn.provpulse.config.ConfigException;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Maps failures to exit codes and one-line reasons, in one place. */
final class ExitCodes {
    static final int CONFIGURATION = 2;
    static final int FAILURE = 1;
    /** Spark's own exit code when a task runs out of memory; the launcher turns it into advice. */
    static final int OUT_OF_MEMORY = 52;
    private static final String NO_SPACE = "No space left on device";
    private static final String READ_ONLY = "Read-only file system";

    private ExitCodes() {}

    /** Runs a command line; running out of memory on the command's own thread exits as a Spark task would. */
    static int run(Object command, String... args) {
        try {
            return commandLine(command).execute(args);
        }
        catch (OutOfMemoryError e) {
            return OUT_OF_MEMORY;
        }
    }

    static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("provpulse: " + oneLine(exception));
            return exception instanceof ConfigException || exception instanceof UsageException ? CONFIGURATION : FAILURE;
        });
        return commandLine;
    }

    /** The failure's own first line, followed by the underlying cause when one of the known ones lies deeper (disk full, read-only, permission). */
    static String oneLine(Throwable exception) {
        String message = firstLine(exception);
        Optional<String> cause = knownCause(exception).filter(known -> !message.contains(known));
        if (cause.isPresent()) {
            return message + ": " + cause.get();
        }
        if (exception.getCause() != null && exception.getMessage() != null && exception.getMessage().startsWith("Cannot ")) {
            return message + ": " + firstLine(rootOf(exception));
        }
        return message;
    }

    /** A cause an operator can act on, found anywhere in the chain, named with its path. */
    static Optional<String> knownCause(Throwable exception) {
        for (Throwable cause : chain(exception)) {
            String text = String.valueOf(cause.getMessage());
            String file = cause instanceof FileSystemException fileSystem && fileSystem.getFile() != null ? " (" + fileSystem.getFile() + ")" : "";
            if (text.contains(NO_SPACE)) {
                return Optional.of("no space left on the device" + file + " (free space, then run again: the next run recovers)");
            }
            if (text.contains(READ_ONLY)) {
                return Optional.of("the file system is read-only" + file + " (point --warehouse at a writable folder)");
            }
            if (cause instanceof AccessDeniedException) {
                return Optional.of("permission denied" + file + " (check the owner and mode of that folder)");
            }
        }
        return Optional.empty();
    }

    private static List<Throwable> chain(Throwable exception) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = exception; cause != null && !chain.contains(cause) && chain.size() < 50; cause = cause.getCause()) {
            chain.add(cause);
            for (Throwable suppressed : cause.getSuppressed()) {
                chain.add(suppressed);
            }
        }
        return chain;
    }

    private static Throwable rootOf(Throwable exception) {
        List<Throwable> chain = chain(exception);
        return chain.get(chain.size() - 1);
    }

    private static String firstLine(Throwable exception) {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
