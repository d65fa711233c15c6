package updown.domain;

import java.math.BigDecimal;

/** An amount of US dollars (paper dollars or pUSD collateral), exact to the micro-dollar. May be negative (P&amp;L). */
public record Usd(long micros) implements Comparable<Usd> {
    public static final Usd ZERO = new Usd(0);
    public static final Usd ONE = new Usd(Micros.ONE);

    public static Usd of(String decimal) {
        return new Usd(Micros.parse(decimal));
    }

    public static Usd of(BigDecimal decimal) {
        return new Usd(Micros.fromBigDecimal(decimal));
    }

    public static Usd ofMicros(long micros) {
        return new Usd(micros);
    }

    public static Usd ofCents(long cents) {
        return new Usd(Math.multiplyExact(cents, 10_000L));
    }

    public Usd plus(Usd other) {
        return new Usd(Math.addExact(micros, other.micros));
    }

    public Usd minus(Usd other) {
        return new Usd(Math.subtractExact(micros, other.micros));
    }

    public Usd negate() {
        return new Usd(Math.negateExact(micros));
    }

    /** This amount times a ratio given in micro-units (e.g. a percentage 0.02 = 20_000). */
    public Usd timesRatio(long ratioMicros) {
        return new Usd(Micros.mul(micros, ratioMicros));
    }

    /** Half of this amount, rounded by the one rule. */
    public Usd half() {
        return new Usd(Micros.mulDiv(micros, 1, 2));
    }

    /** Shares bought with this amount at a price; a price of zero or below buys nothing (never divides by zero). */
    public Shares sharesAt(Price price) {
        if (price == null || price.micros() <= 0) {
            return Shares.ZERO;
        }
        return new Shares(Micros.div(micros, price.micros()));
    }

    public boolean isNegative() {
        return micros < 0;
    }

    public boolean isPositive() {
        return micros > 0;
    }

    public boolean isZero() {
        return micros == 0;
    }

    public boolean greaterThan(Usd other) {
        return micros > other.micros;
    }

    public boolean lessThan(Usd other) {
        return micros < other.micros;
    }

    public static Usd max(Usd a, Usd b) {
        return a.micros >= b.micros ? a : b;
    }

    public static Usd min(Usd a, Usd b) {
        return a.micros <= b.micros ? a : b;
    }

    public BigDecimal toBigDecimal() {
        return Micros.toBigDecimal(micros);
    }

    /** The project's one text form of money: plain decimal, at least 2 decimals, at most 6 ("12.50", "0.123456"). */
    public String format() {
        return Micros.format(micros, 2);
    }

    @Override
    public int compareTo(Usd o) {
        return Long.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        return format();
    }
}
