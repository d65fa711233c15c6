package updown.strategy;

import java.util.Arrays;

/**
 * The Directional strategy's two EMAs, kept incrementally over a stream of closes: O(1) per new bar instead of a pass
 * over the whole candle window on every call.
 *
 * <p>It keeps the <i>running</i> EMAs R (seeded with the first close of the stream, alpha = 2 / (period + 1): ta4j's
 * EMAIndicator) and, for the closes of the current window, R at each of them. Directional's EMA is seeded with the
 * window's oldest close c<sub>s</sub>; both follow E(j) = (1 − α)E(j−1) + αc<sub>j</sub>, so their difference decays
 * geometrically and the window EMA at the last bar is {@code E = R(last) − (1 − α)^(n−1) (R(s) − c_s)}. The result
 * equals the window pass up to floating-point rounding (about 10<sup>-5</sup> of a micro-dollar on BTC prices);
 * {@link IncrementalDirectional} falls back to the exact pass when the two EMAs are within {@link #TIE_MARGIN} of each
 * other, so its decisions are the window pass's exactly. The stream is re-seeded from the window every
 * {@code 4 × window} bars so rounding cannot build up.
 */
public final class DirectionalSeries {
    /** Micro-dollars: EMAs closer than this are compared exactly (by the window pass), never incrementally. */
    public static final double TIE_MARGIN = 1.0;

    private final double alphaFast;
    private final double alphaSlow;
    private long[] closes = new long[16];
    private double[] runFast = new double[16];
    private double[] runSlow = new double[16];
    private int n;
    private long barsSinceSeed;

    public DirectionalSeries(int emaFast, int emaSlow) {
        if (emaFast < 1 || emaSlow < 1) {
            throw new IllegalArgumentException("EMA periods must be >= 1");
        }
        this.alphaFast = 2.0 / (emaFast + 1);
        this.alphaSlow = 2.0 / (emaSlow + 1);
    }

    /** Forgets everything and starts the stream (and the window) at these closes, oldest first. */
    public void reset(long[] window) {
        n = 0;
        barsSinceSeed = 0;
        for (long c : window) {
            append(c);
        }
    }

    /** One more bar; the window grows by one. */
    public void append(long close) {
        if (n == closes.length) {
            int cap = closes.length * 2;
            closes = Arrays.copyOf(closes, cap);
            runFast = Arrays.copyOf(runFast, cap);
            runSlow = Arrays.copyOf(runSlow, cap);
        }
        if (n == 0) {
            runFast[0] = close;
            runSlow[0] = close;
        } else {
            runFast[n] = runFast[n - 1] + alphaFast * (close - runFast[n - 1]);
            runSlow[n] = runSlow[n - 1] + alphaSlow * (close - runSlow[n - 1]);
        }
        closes[n++] = close;
        barsSinceSeed++;
    }

    /** One more bar; the oldest one leaves the window (whose size stays the same). */
    public void slide(long close) {
        if (n == 0) {
            append(close);
            return;
        }
        double lastFast = runFast[n - 1];
        double lastSlow = runSlow[n - 1];
        System.arraycopy(closes, 1, closes, 0, n - 1);
        System.arraycopy(runFast, 1, runFast, 0, n - 1);
        System.arraycopy(runSlow, 1, runSlow, 0, n - 1);
        closes[n - 1] = close;
        runFast[n - 1] = lastFast + alphaFast * (close - lastFast);
        runSlow[n - 1] = lastSlow + alphaSlow * (close - lastSlow);
        if (++barsSinceSeed > 4L * n) {
            reset(Arrays.copyOf(closes, n));
        }
    }

    /** Bars in the window. */
    public int size() {
        return n;
    }

    /** Whether the window holds exactly these closes. */
    public boolean windowEquals(long[] other) {
        return Arrays.equals(closes, 0, n, other, 0, other.length);
    }

    /** Whether {@code other} is the window plus one more bar (grown) ... */
    boolean isAppendOf(long[] other) {
        return other.length == n + 1 && Arrays.equals(closes, 0, n, other, 0, n);
    }

    /** ... or the window moved on by one bar (slid). */
    boolean isSlideOf(long[] other) {
        return n > 0 && other.length == n && Arrays.equals(closes, 1, n, other, 0, n - 1);
    }

    /** EMA(fast) over the window, seeded with its oldest close (the Directional strategy's definition). */
    public double windowEmaFast() {
        return windowEma(runFast, alphaFast);
    }

    public double windowEmaSlow() {
        return windowEma(runSlow, alphaSlow);
    }

    private double windowEma(double[] run, double alpha) {
        if (n == 0) {
            return Double.NaN;
        }
        return run[n - 1] - Math.pow(1 - alpha, n - 1) * (run[0] - closes[0]);
    }

    /** EMA(fast) over every bar since the stream was last (re-)seeded (ta4j's definition when never re-seeded). */
    public double runningEmaFast() {
        return n == 0 ? Double.NaN : runFast[n - 1];
    }

    public double runningEmaSlow() {
        return n == 0 ? Double.NaN : runSlow[n - 1];
    }
}
