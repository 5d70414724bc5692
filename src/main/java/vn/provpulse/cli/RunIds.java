package vn.provpulse.cli;

import org.apache.logging.log4j.ThreadContext;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A run id on every log line (Log4j's thread context key runId). */
final class RunIds {
    private RunIds() {}

    static String start(String command) {
        // the process id keeps two runs started in the same second apart (each stages in a folder named for its run)
        String runId = command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                + "-p" + ProcessHandle.current().pid();
        ThreadContext.put("runId", runId);
        return runId;
    }
}
