package updown.feed;

import java.time.Instant;

/**
 * One observation of the reference price that resolves the markets (Chainlink BTC/USD).
 *
 * @param symbol     lower-case pair as the source spells it, e.g. "btc/usd"
 * @param observedAt the observation time the source stamps (not our receive time)
 * @param valueMicros price in micro-dollars, exact when the source sends an exact value
 * @param averagedMs  0 for a raw report; N when the source already averaged it over the N ms before
 *                    {@code observedAt} (PolyBolt's {@code price.crypto.twap}), so it must not be averaged again
 */
public record ReferenceTick(String symbol, Instant observedAt, long valueMicros, long averagedMs) {
    public ReferenceTick(String symbol, Instant observedAt, long valueMicros) {
        this(symbol, observedAt, valueMicros, 0);
    }
}
