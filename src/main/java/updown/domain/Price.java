package updown.domain;

import java.math.BigDecimal;

/**
 * A price per outcome share in dollars, exact to 10<sup>-6</sup>. Outcome prices live in [0, 1]; 0.0 is a valid price
 * (it is never "missing": absence is {@code null}).
 */
public record Price(long micros) implements Comparable<Price> {
    public static final Price ZERO = new Price(0);
    public static final Price ONE = new Price(Micros.ONE);

    public Price {
        if (micros < 0) {
            throw new IllegalArgumentException("negative price: " + Micros.format(micros, 2));
        }
    }

    public static Price of(String decimal) {
        return new Price(Micros.parse(decimal));
    }

    public static Price of(BigDecimal decimal) {
        return new Price(Micros.fromBigDecimal(decimal));
    }

    public static Price ofMicros(long micros) {
        return new Price(micros);
    }

    /** 1 − p, the complement of an outcome price (used only where the formula asks for it, e.g. the fee's p(1−p)). */
    public Price complement() {
        return new Price(Math.max(0, Micros.ONE - micros));
    }

    public boolean isZero() {
        return micros == 0;
    }

    public boolean greaterThan(Price other) {
        return micros > other.micros;
    }

    public boolean lessThan(Price other) {
        return micros < other.micros;
    }

    /** Dollar cost of buying a number of shares at this price. */
    public Usd costOf(Shares shares) {
        return new Usd(Micros.mul(shares.micros(), micros));
    }

    public BigDecimal toBigDecimal() {
        return Micros.toBigDecimal(micros);
    }

    public double toDouble() {
        return Micros.toDouble(micros);
    }

    /** Plain decimal with 2 to 6 decimals ("0.50", "0.515"). */
    public String format() {
        return Micros.format(micros, 2);
    }

    @Override
    public int compareTo(Price o) {
        return Long.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        return format();
    }
}
