package updown.strategy;

import updown.domain.MarketSnapshot;
import updown.domain.Signal;

/**
 * {@link Directional} with the same answers, computed incrementally: the trader asks every tick (every 5 s) but the
 * closed candles change once a minute, so the same closes give back the same signal, and a window that moved on by
 * one candle updates the EMAs in O(1) ({@link DirectionalSeries}) instead of two passes over CANDLE_HISTORY closes.
 * Anything else (a first call, a gap, a re-sent candle) rebuilds from the snapshot. EMAs within
 * {@link DirectionalSeries#TIE_MARGIN} of each other are recomputed by the exact window pass, so every decision is
 * Directional's (the kline backtest test checks whole ledgers for equality).
 *
 * <p>Stateful only as a cache: the output depends on the snapshot alone. One instance per trader (one thread).
 */
final class IncrementalDirectional implements Strategy {
    private final Directional exact;
    private final DirectionalSeries series;
    private long[] lastCloses;
    private Signal lastSignal;

    IncrementalDirectional(Directional exact) {
        this.exact = exact;
        this.series = new DirectionalSeries(exact.emaFast(), exact.emaSlow());
    }

    @Override
    public String name() {
        return Directional.NAME;
    }

    @Override
    public Signal evaluate(MarketSnapshot snapshot) {
        long[] closes = Directional.closedCloses(snapshot.candles());
        if (lastSignal != null && java.util.Arrays.equals(closes, lastCloses)) {
            return lastSignal;
        }
        if (series.isSlideOf(closes)) {
            series.slide(closes[closes.length - 1]);
        } else if (series.isAppendOf(closes)) {
            series.append(closes[closes.length - 1]);
        } else if (!series.windowEquals(closes)) {
            series.reset(closes);
        }
        Signal s = exact.evaluate(closes, emas(closes));
        lastCloses = closes;
        lastSignal = s;
        return s;
    }

    /** The series' EMAs, or the exact pass's when they are too close to order safely. */
    private Directional.EmaSource emas(long[] closes) {
        return new Directional.EmaSource() {
            private double fast = Double.NaN;
            private double slow = Double.NaN;

            private void compute() {
                if (!Double.isNaN(fast)) {
                    return;
                }
                fast = series.windowEmaFast();
                slow = series.windowEmaSlow();
                if (!(Math.abs(fast - slow) >= DirectionalSeries.TIE_MARGIN)) {
                    fast = Directional.ema(closes, exact.emaFast());
                    slow = Directional.ema(closes, exact.emaSlow());
                }
            }

            @Override
            public double fast() {
                compute();
                return fast;
            }

            @Override
            public double slow() {
                compute();
                return slow;
            }
        };
    }

    @Override
    public String toString() {
        return exact + " (incremental)";
    }
}
