package vn.provpulse.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.contract.Field;
import vn.provpulse.contract.Ratings;
import vn.provpulse.storage.LocalFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Pulls ratings from the one-stop-shop database over JDBC, incrementally: the night of D takes the
 * rows whose watermark column lies in (end of the last day pulled before D, end of D] and writes
 * them as a CSV export, ratings/&lt;D&gt;/jdbc-onestop.csv, under the pulled zone. Ingest then
 * treats it like any delivered file. Each night's window is kept, so a re-run pulls the same rows.
 */
public final class RatingsPull {
    public static final String FILE_NAME = "jdbc-onestop.csv";
    private static final Logger LOG = LogManager.getLogger(RatingsPull.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final ProvPulseConfig.RatingsJdbc settings;
    private final ZoneId zone;
    private final Map<String, String> environment;

    public RatingsPull(ProvPulseConfig.RatingsJdbc settings, String zoneId, Map<String, String> environment) {
        this.settings = requireNonNull(settings, "settings is null");
        this.zone = ZoneId.of(zoneId);
        this.environment = Map.copyOf(environment);
    }

    /** Pulls the night of D into pulledRoot; returns the file written, if any row was pulled. */
    public Optional<Path> pull(LocalDate asOf, Path pulledRoot, Path windowsFile) {
        TreeMap<LocalDate, Window> windows = loadWindows(windowsFile);
        Window window = windows.containsKey(asOf) ? windows.get(asOf) : new Window(
                windows.headMap(asOf).values().stream().map(Window::to).max(Instant::compareTo).orElse(Instant.EPOCH),
                asOf.plusDays(1).atStartOfDay(zone).toInstant());
        List<String> records = query(window);
        windows.put(asOf, window);
        Path file = pulledRoot.resolve(Ratings.SOURCE).resolve(asOf.toString()).resolve(FILE_NAME);
        if (!records.isEmpty()) {
            LocalFiles.writeAtomically(file, String.join("\n", records) + "\n");
        }
        saveWindows(windowsFile, windows);
        LOG.info("ratings pull from {}: {} rows with {} in ({}, {}]", settings.table(), records.size() - 1 < 0 ? 0 : records.size() - 1,
                settings.watermarkColumn(), window.from(), window.to());
        return records.isEmpty() ? Optional.empty() : Optional.of(file);
    }

    private List<String> query(Window window) {
        String sql = "SELECT * FROM " + settings.table() + " WHERE " + settings.watermarkColumn() + " > ? AND "
                + settings.watermarkColumn() + " <= ? ORDER BY " + settings.watermarkColumn() + ", " + Ratings.RATING_ID;
        String password = settings.passwordEnv() == null ? null : environment.get(settings.passwordEnv());
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(window.from()));
            statement.setTimestamp(2, Timestamp.from(window.to()));
            try (ResultSet rows = statement.executeQuery()) {
                return toCsv(rows);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot pull ratings from " + settings.url() + " table " + settings.table() + ": "
                    + e.getMessage() + " (check ratings_jdbc in the configuration and " + settings.passwordEnv() + ")", e);
        }
    }

    private List<String> toCsv(ResultSet rows) throws SQLException {
        ResultSetMetaData metadata = rows.getMetaData();
        Set<String> available = new HashSet<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            available.add(metadata.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
        }
        List<String> columns = Ratings.CONTRACT.fields().stream().map(Field::name).filter(available::contains).toList();
        List<String> lines = new ArrayList<>();
        while (rows.next()) {
            if (lines.isEmpty()) {
                lines.add(String.join(",", columns));
            }
            List<String> fields = new ArrayList<>();
            for (String column : columns) {
                fields.add(CsvReader.quote(text(rows.getObject(column))));
            }
            lines.add(String.join(",", fields));
        }
        return lines;
    }

    private String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atZone(zone).toOffsetDateTime().format(TIMESTAMP);
        }
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.atZoneSameInstant(zone).toOffsetDateTime().format(TIMESTAMP);
        }
        return value.toString();
    }

    private static TreeMap<LocalDate, Window> loadWindows(Path file) {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return MAPPER.readValue(file.toFile(), new TypeReference<TreeMap<LocalDate, Window>>() { });
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ratings pull windows " + file, e);
        }
    }

    private static void saveWindows(Path file, TreeMap<LocalDate, Window> windows) {
        try {
            LocalFiles.writeAtomically(file, MAPPER.writeValueAsString(windows));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the ratings pull windows " + file, e);
        }
    }

    /** The watermark interval (from, to] one night pulled. */
    public record Window(Instant from, Instant to) {}
}
