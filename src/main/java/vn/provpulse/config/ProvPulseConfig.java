package vn.provpulse.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The whole configuration file, typed. Every number of the rules (docs/metrics.md) lives here, not in code.
 * Defaults are those of config/provpulse.yaml; {@code ConfigLoaderTest} pins them.
 */
public record ProvPulseConfig(
        Paths paths,
        Spark spark,
        @JsonProperty("time_zone") String timeZone,
        Pii pii,
        @JsonProperty("column_mappings") Map<String, Map<String, String>> columnMappings,
        Feedback feedback,
        Scoring scoring,
        Classification classification,
        Integrity integrity,
        Overdue overdue,
        Trino trino,
        @JsonProperty("ratings_jdbc") RatingsJdbc ratingsJdbc,
        @JsonProperty("quality_gate") QualityGate qualityGate,
        Airflow airflow) {

    public ProvPulseConfig {
        requireNonNull(paths, "paths is null");
        requireNonNull(spark, "spark is null");
        requireNonNull(timeZone, "timeZone is null");
        requireNonNull(pii, "pii is null");
        columnMappings = columnMappings == null ? Map.of() : Map.copyOf(columnMappings);
        requireNonNull(feedback, "feedback is null");
        requireNonNull(scoring, "scoring is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(integrity, "integrity is null");
        requireNonNull(overdue, "overdue is null");
        requireNonNull(trino, "trino is null");
        ratingsJdbc = ratingsJdbc == null ? new RatingsJdbc("", "", "", "ratings", "rated_at") : ratingsJdbc;
        qualityGate = qualityGate == null ? new QualityGate(0.25) : qualityGate;
        airflow = airflow == null ? new Airflow("http://127.0.0.1:8080", "admin", "PROVPULSE_AIRFLOW_PASSWORD", "provpulse_nightly", 30) : airflow;
    }

    public ProvPulseConfig withPaths(String landing, String warehouse) {
        Paths overridden = new Paths(
                landing == null ? paths.landing() : landing,
                warehouse == null ? paths.warehouse() : warehouse,
                paths.lockWaitSeconds());
        return new ProvPulseConfig(overridden, spark, timeZone, pii, columnMappings, feedback,
                scoring, classification, integrity, overdue, trino, ratingsJdbc, qualityGate, airflow);
    }

    public ProvPulseConfig withPiiKeyFile(String keyFile) {
        return new ProvPulseConfig(paths, spark, timeZone, new Pii(pii.keyEnv(), keyFile), columnMappings, feedback,
                scoring, classification, integrity, overdue, trino, ratingsJdbc, qualityGate, airflow);
    }

    /**
     * Where data lives: the landing zone units deliver into, and the Parquet warehouse; how long a
     * run waits for another run to release the warehouse before it gives up.
     */
    public record Paths(String landing, String warehouse, @JsonProperty("lock_wait_seconds") int lockWaitSeconds) {}

    /** Spark master and extra settings; local mode by default. */
    public record Spark(
            String master,
            @JsonProperty("shuffle_partitions") int shufflePartitions,
            Map<String, String> settings) {
        public Spark {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }

    /** Pseudonymisation key: read from an environment variable, else from a key file. */
    public record Pii(@JsonProperty("key_env") String keyEnv, @JsonProperty("key_file") String keyFile) {}

    /** Feedback service level: the answer deadline when the export gives none. */
    public record Feedback(@JsonProperty("default_response_days") int defaultResponseDays) {}

    /** Scorecard component weights and the minimum denominators that make a component count. */
    public record Scoring(Components weights, Components minimums) {}

    /** One number per scorecard component. */
    public record Components(double tasks, double feedback, double ratings) {}

    /** Decree 335/2025 bands and the extra conditions. */
    public record Classification(
            @JsonProperty("excellent_min_score") double excellentMinScore,
            @JsonProperty("good_min_score") double goodMinScore,
            @JsonProperty("complete_min_score") double completeMinScore,
            @JsonProperty("min_ytd_on_time_rate") double minYtdOnTimeRate,
            @JsonProperty("excellent_requires_no_overdue_task") boolean excellentRequiresNoOverdueTask,
            @JsonProperty("excellent_quota_of_good") double excellentQuotaOfGood) {}

    /** The "tô hồng" detector's thresholds. */
    public record Integrity(
            @JsonProperty("backdated_completion_days") int backdatedCompletionDays,
            @JsonProperty("deadline_spike_share") double deadlineSpikeShare,
            @JsonProperty("deadline_spike_min_completions") int deadlineSpikeMinCompletions,
            @JsonProperty("rating_burst_count") int ratingBurstCount,
            @JsonProperty("rating_burst_minutes") int ratingBurstMinutes,
            @JsonProperty("rating_burst_score") int ratingBurstScore,
            @JsonProperty("silent_unit_days") int silentUnitDays) {}

    /** Aging buckets of the overdue register: upper bounds in days, ascending. */
    public record Overdue(@JsonProperty("aging_bucket_days") java.util.List<Integer> agingBucketDays) {
        public Overdue {
            agingBucketDays = agingBucketDays == null ? java.util.List.of() : java.util.List.copyOf(agingBucketDays);
        }
    }

    /** The one-stop-shop database that ratings are pulled from; an empty url turns the pull off. */
    public record RatingsJdbc(
            String url,
            String user,
            @JsonProperty("password_env") String passwordEnv,
            String table,
            @JsonProperty("watermark_column") String watermarkColumn) {
        public boolean enabled() {
            return url != null && !url.isBlank();
        }

        public RatingsJdbc withUrl(String newUrl) {
            return new RatingsJdbc(newUrl, user, passwordEnv, table, watermarkColumn);
        }
    }

    public ProvPulseConfig withRatingsJdbc(RatingsJdbc settings) {
        return new ProvPulseConfig(paths, spark, timeZone, pii, columnMappings, feedback, scoring, classification, integrity, overdue, trino, settings, qualityGate, airflow);
    }

    public ProvPulseConfig withTrino(Trino settings) {
        return new ProvPulseConfig(paths, spark, timeZone, pii, columnMappings, feedback, scoring, classification, integrity, overdue, settings, ratingsJdbc, qualityGate, airflow);
    }

    public ProvPulseConfig withAirflow(Airflow settings) {
        return new ProvPulseConfig(paths, spark, timeZone, pii, columnMappings, feedback, scoring, classification, integrity, overdue, trino, ratingsJdbc, qualityGate, settings);
    }

    /** The Airflow 3 REST API (/api/v2, a JWT from /auth/token) that schedules the nightly DAG. */
    public record Airflow(
            String url,
            String user,
            @JsonProperty("password_env") String passwordEnv,
            @JsonProperty("dag_id") String dagId,
            @JsonProperty("request_timeout_seconds") int requestTimeoutSeconds) {}

    /** The nightly data-quality gate. */
    public record QualityGate(@JsonProperty("max_quarantine_share") double maxQuarantineShare) {}

    /** The bundled Trino server. */
    public record Trino(
            @JsonProperty("java_home") String javaHome,
            int port,
            @JsonProperty("heap") String heap,
            @JsonProperty("install_dir") String installDir,
            String security,
            @JsonProperty("secrets_dir") String secretsDir,
            @JsonProperty("service_user") String serviceUser,
            @JsonProperty("service_password_env") String servicePasswordEnv,
            @JsonProperty("province_readers") java.util.List<String> provinceReaders,
            @JsonProperty("unit_users_file") String unitUsersFile,
            @JsonProperty("server_settings_file") String serverSettingsFile) {
        public static final String NO_SECURITY = "none";
        public static final String PASSWORD_SECURITY = "password";

        public Trino {
            requireNonNull(security, "security is null");
            requireNonNull(serviceUser, "serviceUser is null");
            provinceReaders = java.util.List.copyOf(requireNonNull(provinceReaders, "provinceReaders is null"));
        }

        /** The loopback demo's server: no password, the pipeline as admin, analyst reads everything published. */
        public Trino(String javaHome, int port, String heap, String installDir) {
            this(javaHome, port, heap, installDir, NO_SECURITY, "", "admin", "PROVPULSE_TRINO_PASSWORD", java.util.List.of("analyst"), "", "");
        }

        public boolean passwordMode() {
            return PASSWORD_SECURITY.equals(security);
        }

        public Trino withPort(int newPort) {
            return new Trino(javaHome, newPort, heap, installDir, security, secretsDir, serviceUser, servicePasswordEnv, provinceReaders,
                    unitUsersFile, serverSettingsFile);
        }

        public Trino withSecurity(String newSecurity, String newUnitUsersFile) {
            return new Trino(javaHome, port, heap, installDir, newSecurity, secretsDir, serviceUser, servicePasswordEnv, provinceReaders,
                    newUnitUsersFile, serverSettingsFile);
        }
    }
}
