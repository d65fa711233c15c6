package updown.domain;

import java.math.BigDecimal;

/**
 * A dimensionless ratio exact to 10<sup>-6</sup>: percentages (0.02 = 2%), thresholds, confidences. Strategies compute
 * statistics in double and round them here once, so threshold comparisons are exact at their boundaries.
 */
public record Ratio(long micros) implements Comparable<Ratio> {
    public static final Ratio ZERO = new Ratio(0);
    public static final Ratio ONE = new Ratio(Micros.ONE);

    public static Ratio of(String decimal) {
        return new Ratio(Micros.parse(decimal));
    }

    public static Ratio of(BigDecimal decimal) {
        return new Ratio(Micros.fromBigDecimal(decimal));
    }

    public static Ratio ofDouble(double value) {
        return new Ratio(Micros.fromDouble(value));
    }

    public static Ratio ofMicros(long micros) {
        return new Ratio(micros);
    }

    public boolean atLeast(Ratio other) {
        return micros >= other.micros;
    }

    public boolean greaterThan(Ratio other) {
        return micros > other.micros;
    }

    public boolean lessThan(Ratio other) {
        return micros < other.micros;
    }

    public Ratio min(Ratio other) {
        return micros <= other.micros ? this : other;
    }

    public double toDouble() {
        return Micros.toDouble(micros);
    }

    public BigDecimal toBigDecimal() {
        return Micros.toBigDecimal(micros);
    }

    public String format() {
        return Micros.format(micros, 2);
    }

    @Override
    public int compareTo(Ratio o) {
        return Long.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        return format();
    }
}
