package updown.domain;

import java.time.Instant;

/**
 * Published after every trader tick: the heartbeat the health check and the dashboard read.
 *
 * @param activeMarkets markets the tick looked at
 * @param staleBooks    of their books, how many were stale or missing (not traded on)
 * @param candlesFresh  whether the price feed was fresh (for some asset: a stale asset alone stops only its markets)
 * @param durationMicros wall time the tick took
 */
public record TraderTicked(Instant at, int activeMarkets, int staleBooks, boolean candlesFresh, int tradesOpened,
                           long durationMicros) {
}
