package vn.provpulse.ingest;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/** Maps a delivered column name to its canonical name: trimmed, lower-case, then the configured alias. */
public final class HeaderNames implements Serializable {
    private final Map<String, String> aliases;

    public HeaderNames(Map<String, String> aliases) {
        this.aliases = Map.copyOf(aliases.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(entry -> normalise(entry.getKey()), entry -> normalise(entry.getValue()))));
    }

    public String canonical(String delivered) {
        String name = normalise(delivered);
        return aliases.getOrDefault(name, name);
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
