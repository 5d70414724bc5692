package vn.provpulse.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.provpulse.config.ProvPulseConfig;
import vn.provpulse.refine.SilverColumns;
import vn.provpulse.refine.UnitDirectory;
import vn.provpulse.refine.UnitVersion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * gold.unit_classification: one row per current unit and year, classified on the year-to-date
 * score at D's month, carrying the head of unit in office at D and the reasons for the band.
 */
public final class UnitClassification {
    public static final String NAME = "unit_classification";
    public static final String YEAR = "year";
    public static final String BAND_CODE = "band_code";
    public static final String BAND_BY_SCORE = "band_by_score";
    public static final String OVERDUE_OPEN_TASKS = "overdue_open_tasks";
    public static final String REASONS = "reasons";

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField(AS_OF_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(YEAR, DataTypes.IntegerType, false),
            DataTypes.createStructField(UNIT_CODE, DataTypes.StringType, false),
            DataTypes.createStructField(UNIT_NAME, DataTypes.StringType, true),
            DataTypes.createStructField(UNIT_TYPE, DataTypes.StringType, true),
            DataTypes.createStructField(HEAD_NAME, DataTypes.StringType, true),
            DataTypes.createStructField(HEAD_TITLE, DataTypes.StringType, true),
            DataTypes.createStructField(SCORE, DataTypes.DoubleType, true),
            DataTypes.createStructField(ON_TIME_RATE, DataTypes.DoubleType, true),
            DataTypes.createStructField(OVERDUE_OPEN_TASKS, DataTypes.LongType, false),
            DataTypes.createStructField(BAND_BY_SCORE, DataTypes.StringType, false),
            DataTypes.createStructField(BAND, DataTypes.StringType, false),
            DataTypes.createStructField(BAND_CODE, DataTypes.StringType, false),
            DataTypes.createStructField(REASONS, DataTypes.StringType, false),
    });

    private UnitClassification() {}

    public static Dataset<Row> build(SparkSession spark, Dataset<Row> tasks, Dataset<Row> feedback, Dataset<Row> ratings,
                                     Dataset<Row> taskLatest, UnitDirectory directory, ProvPulseConfig config, LocalDate asOf) {
        Map<String, Row> yearToDate = yearToDateScores(tasks, feedback, ratings, config.scoring(), asOf);
        Map<String, Long> overdue = overdueOpenTasks(taskLatest, asOf);
        TreeSet<String> units = new TreeSet<>(yearToDate.keySet());
        directory.codes().stream()
                .filter(code -> directory.isCurrent(code) && directory.inForceAtAsOf(code).isPresent())
                .forEach(units::add);
        List<ClassificationRules.Candidate> candidates = new ArrayList<>();
        for (String unit : units) {
            Row row = yearToDate.get(unit);
            candidates.add(new ClassificationRules.Candidate(unit,
                    row == null ? null : (Double) row.getAs(SCORE),
                    row == null ? null : (Double) row.getAs(ON_TIME_RATE),
                    overdue.getOrDefault(unit, 0L),
                    row == null ? "no task due, feedback or rating this year" : row.getAs(ScoreFormula.SCORE_REASON)));
        }
        List<Row> rows = new ArrayList<>();
        for (ClassificationRules.Classified classified : new ClassificationRules(config.classification()).classify(candidates)) {
            rows.add(toRow(classified, directory, asOf));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Row toRow(ClassificationRules.Classified classified, UnitDirectory directory, LocalDate asOf) {
        ClassificationRules.Candidate candidate = classified.candidate();
        String unit = candidate.unitCode();
        boolean known = directory.codes().contains(unit);
        UnitVersion version = known ? directory.versionAtAsOf(unit) : null;
        UnitVersion head = known ? directory.inForceAtAsOf(unit).orElse(null) : null;
        return RowFactory.create(asOf, asOf.getYear(), unit,
                version == null ? null : version.unitName(), version == null ? null : version.unitType(),
                head == null ? null : head.headName(), head == null ? null : head.headTitle(),
                candidate.score(), candidate.ytdOnTimeRate(), candidate.overdueOpenTasks(),
                classified.bandByScore().label(), classified.band().label(), classified.band().code(),
                String.join("; ", classified.reasons()));
    }

    private static Map<String, Row> yearToDateScores(Dataset<Row> tasks, Dataset<Row> feedback, Dataset<Row> ratings,
                                                     ProvPulseConfig.Scoring scoring, LocalDate asOf) {
        Dataset<Row> pooled = UnitScorecard.pooled(UnitScorecard.monthlySums(tasks, feedback, ratings)
                .filter(col(MONTH).between(lit(asOf.withDayOfYear(1)), lit(MonthsBegun.lastMonth(asOf))))
                .groupBy(col(UNIT_CODE)));
        Map<String, Row> byUnit = new HashMap<>();
        for (Row row : ScoreFormula.apply(pooled, scoring).collectAsList()) {
            byUnit.put(row.getAs(UNIT_CODE), row);
        }
        return byUnit;
    }

    private static Map<String, Long> overdueOpenTasks(Dataset<Row> taskLatest, LocalDate asOf) {
        Map<String, Long> overdue = new HashMap<>();
        taskLatest
                .filter(TaskRules.overdueOpen(asOf))
                .groupBy(col(SilverColumns.CURRENT_UNIT_CODE)).count()
                .collectAsList()
                .forEach(row -> overdue.put(row.getString(0), row.getLong(1)));
        return overdue;
    }
}
