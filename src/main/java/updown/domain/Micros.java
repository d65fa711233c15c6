package updown.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The project's one fixed-point rule.
 *
 * <p>Every amount of money, every price and every share count is an integer number of micro-units
 * (10<sup>-6</sup>, the precision of the venue's collateral token and of its share amounts). Sums and differences are
 * exact. Any operation that can produce a fraction (a division, a fee multiplication, a VWAP) rounds exactly once,
 * half-even ("banker's rounding"), to the nearest micro-unit. Text is parsed and formatted only here.
 */
public final class Micros {
    /** Micro-units per unit. */
    public static final long ONE = 1_000_000L;
    public static final int SCALE = 6;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private Micros() {
    }

    /** Parses a decimal string ("0.515", "12", "1e-3", "-4.20") to micro-units, rounding half-even. */
    public static long parse(String text) {
        if (text == null) {
            throw new NumberFormatException("null is not a number");
        }
        String t = text.strip();
        if (t.isEmpty()) {
            throw new NumberFormatException("empty string is not a number");
        }
        return fromBigDecimal(new BigDecimal(t));
    }

    public static long fromBigDecimal(BigDecimal value) {
        BigDecimal scaled = value.setScale(SCALE, ROUNDING);
        // longValueExact throws ArithmeticException on overflow: a value beyond ±9.2e12 units is not a real amount
        return scaled.unscaledValue().longValueExact();
    }

    public static BigDecimal toBigDecimal(long micros) {
        return BigDecimal.valueOf(micros, SCALE);
    }

    /** Rounds a double (statistical values such as confidence) to micro-units. NaN and infinities are refused. */
    public static long fromDouble(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new ArithmeticException("not a finite number: " + value);
        }
        return fromBigDecimal(BigDecimal.valueOf(value));
    }

    public static double toDouble(long micros) {
        return micros / (double) ONE;
    }

    /**
     * {@code round(a × b / c)} computed without intermediate overflow, rounded once, half-even.
     *
     * @throws ArithmeticException when {@code c == 0} or the result does not fit a long
     */
    public static long mulDiv(long a, long b, long c) {
        if (c == 0) {
            throw new ArithmeticException("division by zero");
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return divRound(lo, c);
        }
        BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        return new BigDecimal(product).divide(BigDecimal.valueOf(c), 0, ROUNDING).longValueExact();
    }

    /** Product of two micro-unit values, back in micro-units: {@code round(a × b / 10^6)}. */
    public static long mul(long a, long b) {
        return mulDiv(a, b, ONE);
    }

    /** Quotient of two micro-unit values, in micro-units: {@code round(a × 10^6 / b)}. */
    public static long div(long a, long b) {
        return mulDiv(a, ONE, b);
    }

    /** {@code round(n / d)} half-even on longs. */
    static long divRound(long n, long d) {
        long q = n / d;
        long r = n % d;
        if (r == 0) {
            return q;
        }
        long twiceR = Math.abs(r) * 2;
        long absD = Math.abs(d);
        boolean negative = (n < 0) != (d < 0);
        boolean away = twiceR > absD || (twiceR == absD && (q & 1) != 0);
        if (away) {
            q += negative ? -1 : 1;
        }
        return q;
    }

    /**
     * Formats micro-units as a plain decimal string with at least {@code minDecimals} and at most 6 decimals
     * (trailing zeros beyond the minimum are dropped): 1_500_000 → "1.50" (min 2), 1_234_567 → "1.234567".
     */
    public static String format(long micros, int minDecimals) {
        BigDecimal v = toBigDecimal(micros).stripTrailingZeros();
        if (v.scale() < minDecimals) {
            v = v.setScale(minDecimals, ROUNDING);
        }
        return v.toPlainString();
    }
}
