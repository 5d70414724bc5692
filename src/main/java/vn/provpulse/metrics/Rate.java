package vn.provpulse.metrics;

import org.apache.spark.sql.Column;

import java.util.Collection;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * A rate as a pair of counts: numerator over denominator, as a fraction (0.8, not 80), with no
 * value while the denominator is 0, and no rounding. Rates are pooled by adding numerators and
 * denominators, never by averaging rates. The plain form ({@link #value()}, {@link #plus}) and the
 * Spark form ({@link #column}, {@link #pooledSum}) follow the same rule.
 */
public record Rate(long numerator, long denominator) {
    /** A rate has a value only when its denominator is above this. */
    static final long NO_DENOMINATOR = 0;
    public static final Rate NONE = new Rate(0, 0);

    /** numerator / denominator as a fraction; null when the denominator is 0. */
    public Double value() {
        return denominator > NO_DENOMINATOR ? (double) numerator / (double) denominator : null;
    }

    /** The two rates pooled: numerators added, denominators added. */
    public Rate plus(Rate other) {
        return new Rate(numerator + other.numerator, denominator + other.denominator);
    }

    public static Rate pooled(Collection<Rate> rates) {
        return rates.stream().reduce(NONE, Rate::plus);
    }

    /** The Spark form of {@link #value()} over two count columns. */
    public static Column column(String numerator, String denominator) {
        return when(col(denominator).gt(NO_DENOMINATOR), col(numerator).cast("double").divide(col(denominator).cast("double")))
                .otherwise(lit(null).cast("double"));
    }

    /** The Spark form of pooling one count column over a group: its sum, under the same name. */
    public static Column pooledSum(String count) {
        return sum(col(count)).as(count);
    }
}
