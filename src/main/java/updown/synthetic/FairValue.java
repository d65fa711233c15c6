package updown.synthetic;

/**
 * The market maker's fair probability that a window ends Up: with log price a Brownian motion of volatility σ per
 * √second, {@code P(S_end ≥ S_start) = Φ(ln(S_now / S_start) / (σ·√τ))} for τ seconds left (drift ignored over five
 * minutes). Monotone non-decreasing in the current price, 0.5 at the money.
 */
final class FairValue {
    private FairValue() {
    }

    static double upProbability(double price, double priceToBeat, double secondsLeft, double sigmaPerSecond) {
        if (!(price > 0) || !(priceToBeat > 0)) {
            throw new IllegalArgumentException("prices must be positive");
        }
        double x = Math.log(price / priceToBeat);
        if (secondsLeft <= 0 || sigmaPerSecond <= 0) {
            return x >= 0 ? 1.0 : 0.0; // ties go Up
        }
        return normalCdf(x / (sigmaPerSecond * Math.sqrt(secondsLeft)));
    }

    /**
     * Φ(z) from the complementary error function of Numerical Recipes (Chebyshev fit, |error| < 1.2e-7 everywhere),
     * which is monotone, unlike naive series cut-offs.
     */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2.0));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
