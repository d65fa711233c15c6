package updown.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.Usd;

/**
 * Polymarket's taker fee (API-FACTS §2.3, docs.polymarket.com/trading/fees):
 * {@code fee_usd = shares × rate × (p × (1 − p))^exponent} for every fill level, {@code p} the level's price,
 * {@code rate}/{@code exponent} from the market's {@link FeeSchedule} (BTC 5m: 0.07 and 1).
 *
 * <p>Exactness: each level's term is an exact integer in units of 10<sup>-6·(2 + 2·exponent)</sup> dollars (all
 * inputs are micro-units), the terms are summed as a {@link BigInteger} and the sum is rounded once to micro-dollars,
 * half-even. So 100 shares at 0.50 cost exactly $1.75, and splitting a fill across levels never adds rounding
 * error per level. For the real schedule (exponent 1) the same sum is usually done in longs without allocating
 * ({@link #linearInLongs}); anything that would not fit falls back to the arbitrary-precision definition. The fee is charged in cash on top of the shares (SPEC: {@code pnl = payout − amount − fee}); the
 * venue's option of taking it in shares is not modelled.
 */
final class PolymarketFeeModel implements FeeModel {
    static final PolymarketFeeModel INSTANCE = new PolymarketFeeModel();

    private PolymarketFeeModel() {
    }

    @Override
    public String name() {
        return "polymarket";
    }

    @Override
    public Usd fee(FeeSchedule schedule, List<Level> taken) {
        if (schedule.rate().micros() == 0 || taken.isEmpty()) {
            return Usd.ZERO;
        }
        if (schedule.exponent() == 1) {
            long fast = linearInLongs(schedule.rate().micros(), taken);
            if (fast >= 0) {
                return Usd.ofMicros(fast);
            }
        }
        return Usd.ofMicros(exact(schedule, taken));
    }

    /**
     * The same sum for exponent 1 without allocating, or −1 when it does not fit a long. Per level
     * {@code k = rate × p × (1 − p)} (units 10^-18, at most 2.5·10^17 for a rate up to 1) usually ends in many zeros
     * (cent prices), so the common power of ten is divided out of every k before multiplying by the shares; the
     * sum is then divided by the remaining power of ten once, half-even. Exactly the value {@link #exact} gives.
     */
    static long linearInLongs(long rate, List<Level> taken) {
        int n = taken.size();
        int zeros = 18;
        for (int i = 0; i < n; i++) {
            long k = perShare(rate, taken.get(i).price().micros());
            if (k < 0) {
                return -1;
            }
            if (k != 0 && taken.get(i).size().micros() > 0) {
                zeros = Math.min(zeros, trailingZeros(k, zeros));
            }
        }
        long divisor = POW10[18 - zeros];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Level level = taken.get(i);
            long shares = level.size().micros();
            if (shares <= 0) {
                continue;
            }
            long k = perShare(rate, level.price().micros()) / POW10[zeros];
            long hi = Math.multiplyHigh(shares, k);
            long term = shares * k;
            if (hi != 0 || term < 0) {
                return -1;
            }
            sum += term;
            if (sum < 0) {
                return -1;
            }
        }
        return halfEven(sum, divisor);
    }

    /** rate × p × (1 − p) in 10^-18 dollars per share, 0 outside [0, 1], −1 if it does not fit a long. */
    private static long perShare(long rate, long p) {
        long q = Micros.ONE - p;
        if (p <= 0 || q <= 0) {
            return 0;
        }
        long pq = p * q; // <= 2.5e11
        long hi = Math.multiplyHigh(rate, pq);
        long k = rate * pq;
        return (hi != 0 || k < 0) ? -1 : k;
    }

    private static int trailingZeros(long k, int max) {
        int z = 0;
        while (z < max && k % POW10[z + 1] == 0) {
            z++;
        }
        return z;
    }

    private static long halfEven(long n, long d) {
        long q = n / d;
        long r = n % d;
        long twice = 2 * r;
        if (twice > d || (twice == d && (q & 1) == 1)) {
            q++;
        }
        return q;
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** The definition, in arbitrary precision: Σ shares × rate × (p(1−p))^exponent, rounded once. */
    static long exact(FeeSchedule schedule, List<Level> taken) {
        BigInteger rate = BigInteger.valueOf(schedule.rate().micros());
        int exponent = schedule.exponent();
        BigInteger sum = BigInteger.ZERO;
        for (Level level : taken) {
            long p = level.price().micros();
            long shares = level.size().micros();
            if (shares <= 0) {
                continue;
            }
            // p × (1 − p) in 10^-12 units; a price outside [0, 1] has no fee term (it cannot be a real fill)
            long q = Micros.ONE - p;
            BigInteger pq = (p < 0 || q < 0) ? BigInteger.ZERO : BigInteger.valueOf(p).multiply(BigInteger.valueOf(q));
            sum = sum.add(BigInteger.valueOf(shares).multiply(rate).multiply(pq.pow(exponent)));
        }
        // sum is in units of 10^-(6 + 6 + 12·exponent) dollars; micro-dollars need 10^-6: scale 6 + 12·exponent
        BigDecimal micros = new BigDecimal(sum).movePointLeft(6 + 12 * exponent);
        return micros.setScale(0, Micros.ROUNDING).longValueExact();
    }

    @Override
    public String toString() {
        return name();
    }
}
