package updown.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;
import updown.synthetic.random.Mix;

/**
 * Geometric Brownian motion, one step per second: {@code ln S(s+1) = ln S(s) + (μ − σ²/2) + σ·Z(s)} with Z(s) a
 * seeded standard normal per second. Only the log price at each hour boundary is remembered; an hour is recomputed
 * on demand (3,600 hashes), so a week-long simulation costs kilobytes.
 */
final class GbmPath implements PricePath {
    static final long SECONDS_PER_YEAR = 365L * 24 * 3600;
    private static final int BLOCK = 3600;
    private static final int CACHED_BLOCKS = 6;

    private final long seed;
    private final double sigma;
    private final double driftPerSecond;
    private final double meanVolume;
    private final String description;
    /** anchors[b] = log price at second b × BLOCK. */
    private double[] anchors;
    private int anchorCount;
    private final Map<Long, double[]> blocks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, double[]> eldest) {
            return size() > CACHED_BLOCKS;
        }
    };

    /**
     * @param startPrice       price at second 0, USD
     * @param annualVolatility σ per √year (0.5 = 50 %)
     * @param annualDrift      μ per year
     * @param meanMinuteVolume mean BTC volume per minute (for klines)
     */
    GbmPath(long seed, double startPrice, double annualVolatility, double annualDrift, double meanMinuteVolume) {
        if (!(startPrice > 0) || !(annualVolatility >= 0)) {
            throw new IllegalArgumentException("GBM needs a positive start price and a volatility >= 0");
        }
        this.seed = seed;
        this.sigma = annualVolatility / Math.sqrt(SECONDS_PER_YEAR);
        this.driftPerSecond = annualDrift / SECONDS_PER_YEAR - sigma * sigma / 2;
        this.meanVolume = meanMinuteVolume;
        this.anchors = new double[64];
        this.anchors[0] = Math.log(startPrice);
        this.anchorCount = 1;
        this.description = String.format(java.util.Locale.ROOT, "GBM seed %d start %.2f vol %.2f drift %.2f",
                seed, startPrice, annualVolatility, annualDrift);
    }

    @Override
    public synchronized long cents(long second) {
        if (second < 0) {
            throw new IllegalArgumentException("second before the epoch: " + second);
        }
        long b = second / BLOCK;
        double[] block = block(b);
        return Math.round(Math.exp(block[(int) (second - b * BLOCK)]) * 100.0);
    }

    private double[] block(long b) {
        double[] cached = blocks.get(b);
        if (cached != null) {
            return cached;
        }
        while (anchorCount <= b) {
            double[] prev = computeBlock(anchorCount - 1);
            double next = prev[BLOCK - 1] + increment((long) anchorCount * BLOCK);
            if (anchorCount == anchors.length) {
                anchors = java.util.Arrays.copyOf(anchors, anchors.length * 2);
            }
            anchors[anchorCount++] = next;
        }
        double[] out = computeBlock(b);
        blocks.put(b, out);
        return out;
    }

    private double[] computeBlock(long b) {
        double[] cached = blocks.get(b);
        if (cached != null) {
            return cached;
        }
        double[] out = new double[BLOCK];
        double x = anchors[(int) b];
        long first = b * BLOCK;
        out[0] = x;
        for (int i = 1; i < BLOCK; i++) {
            x += increment(first + i);
            out[i] = x;
        }
        blocks.put(b, out);
        return out;
    }

    /** The log return from second s − 1 to second s. */
    private double increment(long s) {
        return driftPerSecond + sigma * Mix.gaussian(seed, 0x6B6D, s);
    }

    @Override
    public double minuteVolume(long minute) {
        // lognormal around the mean: quiet and busy minutes
        return meanVolume * Math.exp(0.5 * Mix.gaussian(seed, 0x766F6C, minute) - 0.125);
    }

    @Override
    public double sigmaPerSecond() {
        return sigma;
    }

    @Override
    public String describe() {
        return description;
    }
}
