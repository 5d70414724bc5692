package vn.provpulse.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final Path DEFAULT = Path.of(ConfigLoader.DEFAULT_PATH);

    @Test
    void shippedConfigurationPinsEverySpecNumber() {
        ProvPulseConfig config = ConfigLoader.load(DEFAULT);
        assertThat(config.timeZone()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(config.feedback().defaultResponseDays()).isEqualTo(15);
        assertThat(config.scoring().weights()).isEqualTo(new ProvPulseConfig.Components(50, 20, 30));
        assertThat(config.scoring().minimums()).isEqualTo(new ProvPulseConfig.Components(5, 5, 30));
        assertThat(config.classification()).isEqualTo(new ProvPulseConfig.Classification(90, 70, 50, 0.8, true, 0.2));
        assertThat(config.integrity()).isEqualTo(new ProvPulseConfig.Integrity(3, 0.6, 10, 20, 10, 5, 3));
        assertThat(config.spark().master()).isEqualTo("local[2]");
        assertThat(config.pii().keyEnv()).isEqualTo("PROVPULSE_PII_KEY");
    }

    @Test
    void wrongTypeNamesTheKeyAndTheValue(@TempDir Path directory) throws IOException {
        Path file = withReplaced(directory, "tasks: 50, feedback: 20", "tasks: fifty, feedback: 20");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scoring.weights.tasks must be a number")
                .hasMessageContaining("fifty");
    }

    @Test
    void outOfRangeValueIsRejectedWithTheExpectedForm(@TempDir Path directory) throws IOException {
        Path file = withReplaced(directory, "deadline_spike_share: 0.6", "deadline_spike_share: 60");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("integrity.deadline_spike_share must be a fraction in [0, 1] (got 60.0)");
    }

    @Test
    void unknownKeyIsRejected(@TempDir Path directory) throws IOException {
        Path file = withReplaced(directory, "time_zone: Asia/Ho_Chi_Minh", "time_zone: Asia/Ho_Chi_Minh\ntimezone: UTC");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("timezone is not a known key");
    }

    @Test
    void keyGivenTwiceIsRejected(@TempDir Path directory) throws IOException {
        Path file = withReplaced(directory, "time_zone: Asia/Ho_Chi_Minh", "time_zone: Asia/Ho_Chi_Minh\ntime_zone: UTC");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class).hasMessageContaining("time_zone");
    }

    @Test
    void fractionalPortIsRejected(@TempDir Path directory) throws IOException {
        Path file = withReplaced(directory, "port: 8080", "port: 8080.5");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("trino.port must be a whole number");
    }

    @Test
    void lockWaitDefaultsToHalfAnHourAndMustNotBeNegative(@TempDir Path directory) throws IOException {
        assertThat(ConfigLoader.load(DEFAULT).paths().lockWaitSeconds()).isEqualTo(1800);
        Path file = withReplaced(directory, "lock_wait_seconds: 1800", "lock_wait_seconds: -1");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("paths.lock_wait_seconds must be a whole number ≥ 0 (got -1)");
    }

    @Test
    void sparkMasterThatSparkCannotParseIsRejected(@TempDir Path directory) throws IOException {
        Path file = withReplaced(directory, "master: local[2]", "master: bogus://x");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("spark.master must be a Spark master URL such as local[2]").hasMessageContaining("(got \"bogus://x\")");
        for (String master : java.util.List.of("local", "local[*]", "local[4,2]", "spark://10.0.0.5:7077", "yarn", "k8s://https://10.0.0.1:443")) {
            Path valid = directory.resolve("valid-" + Math.abs(master.hashCode()) + ".yaml");
            Files.writeString(valid, Files.readString(DEFAULT).replace("master: local[2]", "master: \"" + master + "\""));
            assertThat(ConfigLoader.load(valid).spark().master()).isEqualTo(master);
        }
    }

    @Test
    void unknownTimeZoneIsRejected(@TempDir Path directory) throws IOException {
        Path file = withReplaced(directory, "time_zone: Asia/Ho_Chi_Minh", "time_zone: Asia/Hanoi_City");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("time_zone must be a time zone id");
    }

    @Test
    void missingFileSaysWhatToPass(@TempDir Path directory) {
        assertThatThrownBy(() -> ConfigLoader.load(directory.resolve("nope.yaml"))).hasMessageContaining("configuration file not found");
    }

    @Test
    void bundledDefaultIsTheShippedFile() {
        assertThat(ConfigLoader.loadBundledDefault()).isEqualTo(ConfigLoader.load(DEFAULT));
    }

    @Test
    void commandLinePathsOverrideTheFile() {
        ProvPulseConfig config = ConfigLoader.load(DEFAULT).withPaths("/tmp/in", null);
        assertThat(config.paths().landing()).isEqualTo("/tmp/in");
        assertThat(config.paths().warehouse()).isEqualTo("data/warehouse");
    }

    private static Path withReplaced(Path directory, String from, String to) throws IOException {
        String text = Files.readString(DEFAULT);
        assertThat(text).contains(from);
        Path file = directory.resolve("provpulse.yaml");
        Files.writeString(file, text.replace(from, to));
        return file;
    }
}
