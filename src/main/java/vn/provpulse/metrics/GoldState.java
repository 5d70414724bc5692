package vn.provpulse.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.refine.RunPlan;
import vn.provpulse.storage.Digests;
import vn.provpulse.storage.StateFile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The date gold was last computed as of, and a fingerprint of the settings it was computed with.
 * Written last, removed first: gold builds on its earlier months only when they were computed
 * completely, as of the date silver last built on, with the same settings.
 *
 * @param builtOn the as-of date of the earlier gold whose unchanged months were kept; null when every month was recomputed
 */
public record GoldState(@JsonProperty("as_of") LocalDate asOf, @JsonProperty("built_on") LocalDate builtOn, String settings) {
    public GoldState {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(settings, "settings is null");
    }

    /** The state a gold run that followed {@code plan} leaves: {@code built_on} is P when it was incremental, null (in the file) when not. */
    public static GoldState after(RunPlan plan, String settings) {
        return new GoldState(plan.asOf(), plan.since().orElse(null), settings);
    }

    /** A fingerprint of every setting a gold figure depends on. */
    public static String settingsOf(ProvPulseConfig config) {
        byte[] json = StateFile.toJson(List.of(config.timeZone(), config.feedback(), config.scoring(), config.classification(),
                config.integrity(), config.overdue()));
        return Digests.shortSha256(json);
    }

    public static Optional<GoldState> read(Path file) {
        return StateFile.read(file, GoldState.class);
    }

    public void write(Path file) {
        StateFile.write(file, this);
    }

    public static void clear(Path file) {
        StateFile.clear(file);
    }
}
