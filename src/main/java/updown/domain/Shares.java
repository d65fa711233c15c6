package updown.domain;

import java.math.BigDecimal;

/** A number of outcome shares, exact to 10<sup>-6</sup> (the venue's share precision). A winning share pays $1. */
public record Shares(long micros) implements Comparable<Shares> {
    public static final Shares ZERO = new Shares(0);

    public static Shares of(String decimal) {
        return new Shares(Micros.parse(decimal));
    }

    public static Shares ofMicros(long micros) {
        return new Shares(micros);
    }

    public static Shares ofWhole(long shares) {
        return new Shares(Math.multiplyExact(shares, Micros.ONE));
    }

    public Shares plus(Shares other) {
        return new Shares(Math.addExact(micros, other.micros));
    }

    public Shares minus(Shares other) {
        return new Shares(Math.subtractExact(micros, other.micros));
    }

    public boolean isZero() {
        return micros == 0;
    }

    public boolean isPositive() {
        return micros > 0;
    }

    public boolean lessThan(Shares other) {
        return micros < other.micros;
    }

    public static Shares min(Shares a, Shares b) {
        return a.micros <= b.micros ? a : b;
    }

    /** What these shares pay if they won: $1 each. */
    public Usd payoutIfWon() {
        return new Usd(micros);
    }

    public BigDecimal toBigDecimal() {
        return Micros.toBigDecimal(micros);
    }

    public String format() {
        return Micros.format(micros, 2);
    }

    @Override
    public int compareTo(Shares o) {
        return Long.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        return format();
    }
}
