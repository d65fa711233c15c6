package updown.domain;

/**
 * A market's taker fee parameters as Polymarket publishes them (Gamma {@code feeSchedule}, CLOB {@code fd}):
 * {@code fee_usd = shares × rate × (p × (1 − p))^exponent}. BTC 5m: rate 0.07, exponent 1, taker only.
 */
public record FeeSchedule(Ratio rate, int exponent, boolean takerOnly) {
    /** The schedule BTC 5-minute markets carried from May to October 2026 (API-FACTS §2.3). */
    public static final FeeSchedule CRYPTO_5M = new FeeSchedule(Ratio.of("0.07"), 1, true);
    public static final FeeSchedule FREE = new FeeSchedule(Ratio.ZERO, 1, true);

    public FeeSchedule {
        if (rate == null || rate.micros() < 0) {
            throw new IllegalArgumentException("fee rate must be >= 0");
        }
        if (exponent < 0 || exponent > 4) {
            throw new IllegalArgumentException("fee exponent must be in 0..4, was " + exponent);
        }
    }
}
