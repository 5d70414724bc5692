package vn.provpulse.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads config/provpulse.yaml into {@link ProvPulseConfig} and checks every value's range. */
public final class ConfigLoader {
    public static final String DEFAULT_PATH = "config/provpulse.yaml";
    /** The master URLs Spark accepts: local, local[N], local[*], local[N,F], local-cluster[..], spark://, yarn, k8s://. */
    private static final String SPARK_MASTER = "local|local\\[(\\d+|\\*)(,\\d+)?]|local-cluster\\[\\d+,\\d+,\\d+]|spark://\\S+|yarn|k8s://\\S+";

    private ConfigLoader() {}

    /** The shipped configuration, bundled in the jar: used when the default path is absent (a run from another folder). */
    public static final String BUNDLED_DEFAULT = "provpulse.yaml";

    public static ProvPulseConfig load(Path file) {
        if (!Files.isRegularFile(file) && file.equals(Path.of(DEFAULT_PATH))) {
            return loadBundledDefault();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": configuration file not found (pass --config FILE)");
        }
        ProvPulseConfig config;
        try {
            config = mapper().readValue(file.toFile(), ProvPulseConfig.class);
        }
        catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + describe(e));
        }
        catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        if (config == null) {
            throw new ConfigException(file + ": the file is empty");
        }
        List<String> problems = validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(file + ": " + String.join("; ", problems));
        }
        return config;
    }

    public static ProvPulseConfig loadBundledDefault() {
        try (java.io.InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(BUNDLED_DEFAULT)) {
            if (in == null) {
                throw new ConfigException(DEFAULT_PATH + ": configuration file not found (pass --config FILE)");
            }
            ProvPulseConfig config = mapper().readValue(in, ProvPulseConfig.class);
            List<String> problems = validate(config);
            if (!problems.isEmpty()) {
                throw new ConfigException(BUNDLED_DEFAULT + ": " + String.join("; ", problems));
            }
            return config;
        }
        catch (IOException e) {
            throw new ConfigException(BUNDLED_DEFAULT + ": " + firstLine(e.getMessage()));
        }
    }

    static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory())
                // a key given twice is a mistake, not "the last one wins"; 8080.5 is not a port
                .configure(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
                .configure(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    }

    private static String describe(JsonMappingException e) {
        String key = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException unknown) {
            return key + " is not a known key (known here: " + unknown.getKnownPropertyIds() + ")";
        }
        if (e instanceof InvalidFormatException invalid) {
            return key + " must be " + expected(invalid.getTargetType()) + " (got \"" + invalid.getValue() + "\")";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            String message = firstLine(e.getOriginalMessage());
            if (message.startsWith("Missing required creator property")) {
                return key + " is missing";
            }
            java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?:value \\(|String )\"([^\"]*)\"").matcher(message);
            String got = value.find() ? value.group(1) : null;
            return key + " must be " + expected(mismatched.getTargetType()) + (got == null ? "" : " (got \"" + got + "\")");
        }
        String cause = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
        return (key.isEmpty() ? "" : key + ": ") + firstLine(cause);
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        return "a " + type.getSimpleName().toLowerCase() + " section";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static List<String> validate(ProvPulseConfig config) {
        List<String> problems = new ArrayList<>();
        require(problems, notBlank(config.paths().landing()), "paths.landing must be a directory path");
        require(problems, notBlank(config.paths().warehouse()), "paths.warehouse must be a directory path");
        require(problems, config.paths().lockWaitSeconds() >= 0,
                "paths.lock_wait_seconds must be a whole number ≥ 0 (got " + config.paths().lockWaitSeconds() + ")");
        require(problems, config.spark().master() != null && config.spark().master().matches(SPARK_MASTER),
                "spark.master must be a Spark master URL such as local[2], spark://host:7077, yarn or k8s://https://host:443 (got \""
                        + config.spark().master() + "\")");
        require(problems, config.spark().shufflePartitions() >= 1, "spark.shuffle_partitions must be a whole number ≥ 1 (got " + config.spark().shufflePartitions() + ")");
        require(problems, isZone(config.timeZone()), "time_zone must be a time zone id such as Asia/Ho_Chi_Minh (got \"" + config.timeZone() + "\")");
        require(problems, notBlank(config.pii().keyEnv()), "pii.key_env must name an environment variable");
        require(problems, config.feedback().defaultResponseDays() >= 0, "feedback.default_response_days must be a whole number ≥ 0 (got " + config.feedback().defaultResponseDays() + ")");
        checkComponents(problems, "scoring.weights", config.scoring().weights());
        checkComponents(problems, "scoring.minimums", config.scoring().minimums());
        ProvPulseConfig.Components weights = config.scoring().weights();
        require(problems, weights.tasks() + weights.feedback() + weights.ratings() > 0, "scoring.weights must not all be 0");
        checkClassification(problems, config.classification());
        checkIntegrity(problems, config.integrity());
        List<Integer> buckets = config.overdue().agingBucketDays();
        for (int i = 0; i < buckets.size(); i++) {
            require(problems, buckets.get(i) >= 1 && (i == 0 || buckets.get(i) > buckets.get(i - 1)),
                    "overdue.aging_bucket_days must be ascending whole numbers ≥ 1 (got " + buckets + ")");
        }
        require(problems, List.of(ProvPulseConfig.Trino.NO_SECURITY, ProvPulseConfig.Trino.PASSWORD_SECURITY).contains(config.trino().security()),
                "trino.security must be none or password (got " + config.trino().security() + ")");
        require(problems, config.trino().serviceUser().matches("[a-z][a-z0-9_.-]*"), "trino.service_user must be a lower-case user name (got " + config.trino().serviceUser() + ")");
        require(problems, config.trino().port() > 0 && config.trino().port() < 65536, "trino.port must be a TCP port 1..65535 (got " + config.trino().port() + ")");
        require(problems, isFraction(config.qualityGate().maxQuarantineShare()),
                "quality_gate.max_quarantine_share must be a fraction in [0, 1] (got " + config.qualityGate().maxQuarantineShare() + ")");
        ProvPulseConfig.Airflow airflow = config.airflow();
        require(problems, airflow.url() != null && airflow.url().matches("https?://.+"), "airflow.url must be an http(s) URL (got \"" + airflow.url() + "\")");
        require(problems, airflow.requestTimeoutSeconds() >= 1, "airflow.request_timeout_seconds must be a whole number ≥ 1");
        ProvPulseConfig.RatingsJdbc jdbc = config.ratingsJdbc();
        if (jdbc.enabled()) {
            require(problems, jdbc.url().startsWith("jdbc:"), "ratings_jdbc.url must be a JDBC URL such as jdbc:postgresql://host:5432/onestop (got \"" + jdbc.url() + "\")");
            require(problems, jdbc.table() != null && jdbc.table().matches("[A-Za-z_][A-Za-z0-9_.]*"), "ratings_jdbc.table must be a table name (got \"" + jdbc.table() + "\")");
            require(problems, jdbc.watermarkColumn() != null && jdbc.watermarkColumn().matches("[A-Za-z_][A-Za-z0-9_]*"), "ratings_jdbc.watermark_column must be a column name");
        }
        return problems.stream().distinct().toList();
    }

    private static void checkComponents(List<String> problems, String key, ProvPulseConfig.Components components) {
        require(problems, components.tasks() >= 0, key + ".tasks must be a number ≥ 0 (got " + components.tasks() + ")");
        require(problems, components.feedback() >= 0, key + ".feedback must be a number ≥ 0 (got " + components.feedback() + ")");
        require(problems, components.ratings() >= 0, key + ".ratings must be a number ≥ 0 (got " + components.ratings() + ")");
    }

    private static void checkClassification(List<String> problems, ProvPulseConfig.Classification bands) {
        require(problems, bands.completeMinScore() >= 0 && bands.completeMinScore() <= bands.goodMinScore()
                        && bands.goodMinScore() <= bands.excellentMinScore() && bands.excellentMinScore() <= 100,
                "classification scores must satisfy 0 ≤ complete_min_score ≤ good_min_score ≤ excellent_min_score ≤ 100");
        require(problems, isFraction(bands.minYtdOnTimeRate()), "classification.min_ytd_on_time_rate must be a fraction in [0, 1] (got " + bands.minYtdOnTimeRate() + ")");
        require(problems, isFraction(bands.excellentQuotaOfGood()), "classification.excellent_quota_of_good must be a fraction in [0, 1] (got " + bands.excellentQuotaOfGood() + ")");
    }

    private static void checkIntegrity(List<String> problems, ProvPulseConfig.Integrity integrity) {
        require(problems, integrity.backdatedCompletionDays() >= 0, "integrity.backdated_completion_days must be a whole number ≥ 0");
        require(problems, isFraction(integrity.deadlineSpikeShare()), "integrity.deadline_spike_share must be a fraction in [0, 1] (got " + integrity.deadlineSpikeShare() + ")");
        require(problems, integrity.deadlineSpikeMinCompletions() >= 1, "integrity.deadline_spike_min_completions must be a whole number ≥ 1");
        require(problems, integrity.ratingBurstCount() >= 2, "integrity.rating_burst_count must be a whole number ≥ 2");
        require(problems, integrity.ratingBurstMinutes() >= 0, "integrity.rating_burst_minutes must be a whole number ≥ 0");
        require(problems, integrity.ratingBurstScore() >= 1 && integrity.ratingBurstScore() <= 5, "integrity.rating_burst_score must be a score 1..5");
        require(problems, integrity.silentUnitDays() >= 1, "integrity.silent_unit_days must be a whole number ≥ 1");
    }

    private static boolean isFraction(double value) {
        return value >= 0 && value <= 1;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        }
        catch (DateTimeException e) {
            return false;
        }
    }

    private static void require(List<String> problems, boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
