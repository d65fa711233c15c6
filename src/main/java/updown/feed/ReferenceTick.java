package updown.feed;

import java.time.Instant;

/**
 * One observation of the reference price that resolves the markets (Chainlink BTC/USD).
 *
 * @param symbol     lower-case pair as the source spells it, e.g. "btc/usd"
 * @param observedAt the observation time the source stamps (not our receive time)
 * @param valueMicros price in micro-dollars, exact when the source sends an exact value
 */
public record ReferenceTick(String symbol, Instant observedAt, long valueMicros) {
}
