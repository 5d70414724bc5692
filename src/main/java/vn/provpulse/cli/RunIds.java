package vn.provpulse.cli;

import org.apache.logging.log4j.ThreadContext;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A run id on every log line (Log4j's thread context key runId). */
final class RunIds {
    private RunIds() {}

    static String start(String command) {
        String runId = command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
        ThreadContext.put("runId", runId);
        return runId;
    }
}
