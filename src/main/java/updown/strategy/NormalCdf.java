package updown.strategy;

/**
 * The standard normal CDF through Abramowitz &amp; Stegun 7.1.26's erf approximation (absolute error below
 * 1.5 × 10<sup>-7</sup>, finer than the micro-unit a confidence is rounded to). The JDK has no erf.
 */
final class NormalCdf {
    private static final double P = 0.3275911;
    private static final double A1 = 0.254829592;
    private static final double A2 = -0.284496736;
    private static final double A3 = 1.421413741;
    private static final double A4 = -1.453152027;
    private static final double A5 = 1.061405429;

    private NormalCdf() {
    }

    /** Φ(z) = P(N(0,1) ≤ z); Φ(+∞) = 1, Φ(−∞) = 0, NaN in → NaN out (callers check). */
    static double of(double z) {
        return 0.5 * (1 + erf(z / Math.sqrt(2)));
    }

    static double erf(double x) {
        if (Double.isInfinite(x)) {
            return x > 0 ? 1 : -1;
        }
        double ax = Math.abs(x);
        double t = 1 / (1 + P * ax);
        double poly = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
        double y = 1 - poly * Math.exp(-ax * ax);
        return x >= 0 ? y : -y;
    }
}
