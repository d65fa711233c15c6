package updown.strategy;

import java.util.List;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.Direction;
import updown.domain.MarketSnapshot;
import updown.domain.Micros;
import updown.domain.Ratio;
import updown.domain.Signal;

/**
 * Trend follower on the BTC reference price: EMA(fast) vs EMA(slow) of the closed candles' closes, confirmed by
 * momentum (the close now vs the close {@code lookback} candles ago).
 *
 * <p>Direction: both must point the same way (fast above slow and price up → BUY_UP; fast below slow and price
 * down → BUY_DOWN). Disagreement, a flat series, no momentum, or fewer than {@code max(emaSlow, lookback + 1)}
 * closed candles → SKIP with a reason. Both EMAs run over every closed candle given (oldest first), seeded with
 * the oldest close, {@code alpha = 2 / (period + 1)}.
 *
 * <p>Confidence, on the probability-like scale the ensemble averages (0.5 = no information, 1 = certain): the
 * momentum move measured against the noise of the series,
 * {@code z = |close[n−1] − close[n−1−lookback]| / (σ × √lookback)}, σ the standard deviation of the one-candle
 * close changes, and {@code confidence = Φ(z)} (standard normal CDF): how unusual the move is for a random walk
 * with that noise. A move of one σ√lookback gives 0.84; 0.25 of it gives 0.60. A perfectly steady trend (σ = 0)
 * gives 1. Computed in double (dollar differences, no division by a price), checked finite, rounded into a
 * {@link Ratio} once; every division is guarded.
 */
final class Directional implements Strategy {
    static final String NAME = "Directional";

    private final int emaFast;
    private final int emaSlow;
    private final int lookback;
    private final int needed;

    Directional(int emaFast, int emaSlow, int lookback) {
        if (emaFast < 1 || emaSlow <= emaFast || lookback < 1) {
            throw new IllegalArgumentException("need 1 <= emaFast < emaSlow and lookback >= 1, got "
                    + emaFast + "/" + emaSlow + "/" + lookback);
        }
        this.emaFast = emaFast;
        this.emaSlow = emaSlow;
        this.lookback = lookback;
        this.needed = Math.max(emaSlow, lookback + 1);
    }

    static Directional fromConfig(BotConfig.Strategies s) {
        return new Directional(s.emaFast(), s.emaSlow(), s.momentumLookback());
    }

    /** Closed candles needed before it will say anything. */
    int needed() {
        return needed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Signal evaluate(MarketSnapshot snapshot) {
        return evaluate(closedCloses(snapshot.candles()), null);
    }

    /**
     * The signal for these closed closes (oldest first). {@code emas}, when given, supplies EMA(fast) and EMA(slow) of
     * exactly these closes computed another way (the incremental path); it must order them as {@link #ema} does and
     * may only be asked after the cheaper checks, as here.
     */
    Signal evaluate(long[] closes, EmaSource emas) {
        int n = closes.length;
        if (n < needed) {
            return skip("need " + needed + " candles, have " + n);
        }
        if (allEqual(closes)) {
            return skip("flat prices: all " + n + " closes are " + Micros.format(closes[0], 2));
        }
        long move = closes[n - 1] - closes[n - 1 - lookback];
        if (move == 0) {
            return skip("no momentum: the close equals the close " + lookback + " candles ago");
        }
        double fast;
        double slow;
        if (emas == null) {
            fast = ema(closes, emaFast);
            slow = ema(closes, emaSlow);
        } else {
            fast = emas.fast();
            slow = emas.slow();
        }
        if (fast == slow) {
            return skip("EMA(" + emaFast + ") equals EMA(" + emaSlow + ")");
        }
        boolean emaUp = fast > slow;
        boolean momentumUp = move > 0;
        if (emaUp != momentumUp) {
            return skip("EMA cross says " + (emaUp ? "up" : "down") + " but momentum over " + lookback
                    + " candles says " + (momentumUp ? "up" : "down"));
        }
        Ratio confidence = confidence(Math.abs(move), stdDevOfChanges(closes));
        Direction direction = emaUp ? Direction.BUY_UP : Direction.BUY_DOWN;
        return Signal.of(direction, confidence, NAME, "EMA(" + emaFast + ") " + (emaUp ? ">" : "<") + " EMA("
                + emaSlow + ") and momentum " + (move > 0 ? "+" : "-") + Micros.format(Math.abs(move), 2) + " over "
                + lookback + " candles");
    }

    /** EMA(fast) and EMA(slow) of the closes being evaluated, from somewhere other than {@link #ema}. */
    interface EmaSource {
        double fast();

        double slow();
    }

    int emaFast() {
        return emaFast;
    }

    int emaSlow() {
        return emaSlow;
    }

    private Ratio confidence(long absMoveMicros, double sigmaMicros) {
        double noise = sigmaMicros * Math.sqrt(lookback);
        if (!(noise > 0) || !Double.isFinite(noise)) {
            return Ratio.ONE; // every step identical: a perfectly steady trend
        }
        double z = absMoveMicros / noise;
        double p = NormalCdf.of(z);
        if (!Double.isFinite(p)) {
            return Ratio.ONE;
        }
        return Ratio.ofDouble(Math.max(0.0, Math.min(1.0, p)));
    }

    static long[] closedCloses(List<Candle> candles) {
        int count = 0;
        for (Candle c : candles) {
            if (c.closed()) {
                count++;
            }
        }
        long[] out = new long[count];
        int i = 0;
        for (Candle c : candles) {
            if (c.closed()) {
                out[i++] = c.closeMicros();
            }
        }
        return out;
    }

    private static boolean allEqual(long[] values) {
        for (long v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    /** EMA over the whole series, seeded with the oldest value. */
    static double ema(long[] values, int period) {
        double alpha = 2.0 / (period + 1);
        double ema = values[0];
        for (int i = 1; i < values.length; i++) {
            ema += alpha * (values[i] - ema);
        }
        return ema;
    }

    /** Population standard deviation of consecutive differences (two-pass, so the variance is never negative). */
    private static double stdDevOfChanges(long[] values) {
        int m = values.length - 1;
        if (m < 1) {
            return 0;
        }
        double mean = (double) (values[m] - values[0]) / m;
        double sumSq = 0;
        for (int i = 1; i <= m; i++) {
            double d = (values[i] - values[i - 1]) - mean;
            sumSq += d * d;
        }
        return Math.sqrt(sumSq / m);
    }

    private static Signal skip(String reason) {
        return Signal.skip(NAME, reason);
    }

    @Override
    public String toString() {
        return NAME + "(" + emaFast + "/" + emaSlow + ", momentum " + lookback + ")";
    }
}
