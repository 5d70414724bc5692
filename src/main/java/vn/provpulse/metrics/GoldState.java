package vn.provpulse.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.pipeline.TableFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The date gold was last computed as of, and a fingerprint of the settings it was computed with.
 * Written last, removed first: gold builds on its earlier months only when they were computed
 * completely, as of the date silver last built on, with the same settings.
 */
public record GoldState(@JsonProperty("as_of") LocalDate asOf, String settings) {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public GoldState {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(settings, "settings is null");
    }

    /** A fingerprint of every setting a gold figure depends on. */
    public static String settingsOf(ProvPulseConfig config) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(List.of(config.timeZone(), config.feedback(), config.scoring(), config.classification(),
                    config.integrity(), config.overdue()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot fingerprint the configuration", e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<GoldState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), GoldState.class));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the gold state " + file + " (delete it: the next run then recomputes every month)", e);
        }
    }

    public void write(Path file) {
        try {
            TableFiles.writeAtomically(file, new String(MAPPER.writeValueAsBytes(this), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the gold state " + file, e);
        }
    }

    public static void clear(Path file) {
        TableFiles.deleteRecursively(file);
    }
}
