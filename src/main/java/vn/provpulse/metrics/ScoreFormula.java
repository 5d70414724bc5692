package vn.provpulse.metrics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.provpulse.config.ProvPulseConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static vn.provpulse.metrics.GoldColumns.*;

/**
 * The scorecard score (docs/metrics.md, gold.unit_scorecard): 100 × the weighted mean of on_time_rate, on_time_answer_rate and
 * csat over the components whose own denominator reaches its minimum. Works on pooled sums, so
 * the same formula serves a month, the year to date and the classification. The plain form
 * ({@link #score}, {@link #components}, {@link #reason}) and the Spark form ({@link #apply}) are
 * built from the same {@link Component}s, in the same order, with the same arithmetic.
 */
public final class ScoreFormula {
    public static final String COMPONENTS = "components";
    public static final String SCORE_REASON = "score_reason";
    /** The score is a percentage of the weighted mean of fractions. */
    static final double SCALE = 100.0;
    private static final String USED = "components used: ";
    private static final String NOT_ENOUGH = "not enough data: ";
    private static final String NOT_ENOUGH_END = " (assessed/minimum)";
    private static final String SEPARATOR = ",";
    /** The counts the score pools: each component's denominator, then its numerator. */
    public static final List<String> COUNTS = Arrays.stream(Component.values())
            .flatMap(component -> Stream.of(component.denominator, component.numerator)).toList();

    private ScoreFormula() {}

    /** One component of the score: its rate, the counts behind it, and its weight and minimum in the configuration. */
    public enum Component {
        TASKS("tasks", ON_TIME, DUE_TASKS, ON_TIME_RATE, ProvPulseConfig.Components::tasks),
        FEEDBACK("feedback", ANSWERED_ON_TIME, ANSWER_ASSESSED, ON_TIME_ANSWER_RATE, ProvPulseConfig.Components::feedback),
        RATINGS("ratings", SATISFIED_RATINGS, GoldColumns.RATINGS, CSAT, ProvPulseConfig.Components::ratings);

        private final String label;
        private final String numerator;
        private final String denominator;
        private final String rate;
        private final ToDoubleFunction<ProvPulseConfig.Components> setting;

        Component(String label, String numerator, String denominator, String rate, ToDoubleFunction<ProvPulseConfig.Components> setting) {
            this.label = label;
            this.numerator = numerator;
            this.denominator = denominator;
            this.rate = rate;
            this.setting = setting;
        }

        public String label() {
            return label;
        }

        double weight(ProvPulseConfig.Scoring scoring) {
            return setting.applyAsDouble(scoring.weights());
        }

        double minimum(ProvPulseConfig.Scoring scoring) {
            return setting.applyAsDouble(scoring.minimums());
        }

        /** Counted in the score: its denominator is above 0 and reaches its minimum. */
        boolean isUsed(Rate counts, ProvPulseConfig.Scoring scoring) {
            return counts.denominator() > Rate.NO_DENOMINATOR && counts.denominator() >= minimum(scoring);
        }

        Column used(ProvPulseConfig.Scoring scoring) {
            return col(denominator).gt(Rate.NO_DENOMINATOR).and(col(denominator).geq(minimum(scoring)));
        }
    }

    /** The pooled counts of the three components, for one unit and period. */
    public record Sums(Rate tasks, Rate feedback, Rate ratings) {
        public Sums {
            requireNonNull(tasks, "tasks is null");
            requireNonNull(feedback, "feedback is null");
            requireNonNull(ratings, "ratings is null");
        }

        public Rate of(Component component) {
            return switch (component) {
                case TASKS -> tasks;
                case FEEDBACK -> feedback;
                case RATINGS -> ratings;
            };
        }

        /** Two periods pooled: each component's numerators and denominators added. */
        public Sums plus(Sums other) {
            return new Sums(tasks.plus(other.tasks), feedback.plus(other.feedback), ratings.plus(other.ratings));
        }
    }

    /** The score of pooled sums, or null when no component reaches its minimum. */
    public static Double score(Sums sums, ProvPulseConfig.Scoring scoring) {
        double weightSum = addedInOrder(component -> component.weight(scoring) * 1.0, sums, scoring);
        double weightedRates = addedInOrder(component -> component.weight(scoring) * sums.of(component).value(), sums, scoring);
        return weightSum > 0 ? SCALE * weightedRates / weightSum : null;
    }

    /** Each used component's term (0 for one not used) added left to right in component order, as the Spark form adds them. */
    private static double addedInOrder(ToDoubleFunction<Component> term, Sums sums, ProvPulseConfig.Scoring scoring) {
        return Arrays.stream(Component.values())
                .mapToDouble(component -> component.isUsed(sums.of(component), scoring) ? term.applyAsDouble(component) : 0.0)
                .reduce(Double::sum).orElseThrow();
    }

    /** The labels of the components used, comma-separated ("tasks,ratings"); empty when none is. */
    public static String components(Sums sums, ProvPulseConfig.Scoring scoring) {
        List<String> used = new ArrayList<>();
        for (Component component : Component.values()) {
            if (component.isUsed(sums.of(component), scoring)) {
                used.add(component.label());
            }
        }
        return String.join(SEPARATOR, used);
    }

    /** Which components the score used, or each denominator against its minimum when none could be used. */
    public static String reason(Sums sums, ProvPulseConfig.Scoring scoring) {
        if (score(sums, scoring) != null) {
            return USED + components(sums, scoring);
        }
        StringBuilder reason = new StringBuilder(NOT_ENOUGH);
        for (Component component : Component.values()) {
            reason.append(assessedLabel(component)).append(sums.of(component).denominator()).append(minimumLabel(component, scoring));
        }
        return reason.append(NOT_ENOUGH_END).toString();
    }

    /** Adds the three rates, the components used, the score and the reason to rows of pooled sums. */
    public static Dataset<Row> apply(Dataset<Row> sums, ProvPulseConfig.Scoring scoring) {
        List<Column> weightTerms = new ArrayList<>();
        List<Column> rateTerms = new ArrayList<>();
        List<Column> labels = new ArrayList<>();
        List<Column> assessed = new ArrayList<>();
        Dataset<Row> withRates = sums;
        for (Component component : Component.values()) {
            Column used = component.used(scoring);
            withRates = withRates.withColumn(component.rate, Rate.column(component.numerator, component.denominator));
            weightTerms.add(when(used, lit(component.weight(scoring)).multiply(lit(1.0))).otherwise(lit(0.0)));
            rateTerms.add(when(used, lit(component.weight(scoring)).multiply(col(component.rate))).otherwise(lit(0.0)));
            labels.add(when(used, lit(component.label())));
            assessed.add(lit(assessedLabel(component)));
            assessed.add(col(component.denominator).cast("string"));
            assessed.add(lit(minimumLabel(component, scoring)));
        }
        Column weightSum = weightTerms.stream().reduce(Column::plus).orElseThrow();
        Column weightedRates = rateTerms.stream().reduce(Column::plus).orElseThrow();
        assessed.add(0, lit(NOT_ENOUGH));
        assessed.add(lit(NOT_ENOUGH_END));
        return withRates
                .withColumn(COMPONENTS, concat_ws(SEPARATOR, labels.toArray(Column[]::new)))
                .withColumn(SCORE, when(weightSum.gt(0), lit(SCALE).multiply(weightedRates).divide(weightSum)))
                .withColumn(SCORE_REASON, when(weightSum.gt(0), concat(lit(USED), col(COMPONENTS)))
                        .otherwise(concat(assessed.toArray(Column[]::new))));
    }

    /** "tasks ", then ", feedback ", ", ratings ". */
    private static String assessedLabel(Component component) {
        return (component.ordinal() == 0 ? "" : ", ") + component.label() + " ";
    }

    private static String minimumLabel(Component component, ProvPulseConfig.Scoring scoring) {
        double minimum = component.minimum(scoring);
        return "/" + (minimum == Math.rint(minimum) ? String.valueOf((long) minimum) : String.valueOf(minimum));
    }
}
