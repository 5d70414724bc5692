package vn.provpulse.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A small JSON state file of a stage: read if present, written atomically, removed before the stage rewrites its tables. */
public final class StateFile {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private StateFile() {}

    public static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), type));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the state file " + file + " (delete it: the next run then makes a full pass)", e);
        }
    }

    public static void write(Path file, Object state) {
        CommitPoints.reach("before-state:" + file.getFileName());
        try {
            LocalFiles.writeAtomically(file, MAPPER.writeValueAsString(state));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the state file " + file, e);
        }
        CommitPoints.reach("state-written:" + file.getFileName());
    }

    /** The JSON a state file would hold for a value (for fingerprints). */
    public static byte[] toJson(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + value + " as JSON", e);
        }
    }

    public static void clear(Path file) {
        LocalFiles.deleteRecursively(file);
    }
}
