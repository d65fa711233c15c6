package updown.engine;

import java.math.BigInteger;
import updown.domain.Level;
import updown.domain.OrderBook;

/** Integer helpers the fill models share. */
final class FillMath {
    private FillMath() {
    }

    /**
     * {@code floor(a × b / c)} for non-negative operands, without intermediate overflow. Shares bought with a cash
     * amount are rounded down, so their cost never exceeds the cash.
     */
    static long floorMulDiv(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    /**
     * Whether a book level is a real offer. A price of zero (or a negative one that a broken parser let through)
     * would buy infinitely many shares and divide by zero (seed bug 5); an empty level offers nothing.
     */
    static boolean tradable(Level level) {
        return level.price().micros() > 0 && level.size().micros() > 0;
    }

    /** The first tradable ask, or null. */
    static Level bestAsk(OrderBook book) {
        if (book == null) {
            return null;
        }
        for (Level level : book.asks()) {
            if (tradable(level)) {
                return level;
            }
        }
        return null;
    }
}
