package updown.domain;

import java.time.Instant;
import java.util.List;

/**
 * Everything the trader learns about the world, as one ordered stream. The market-data layer publishes these on
 * one bus address (so their order is kept); the trader folds them into its view; the recorder writes them to the
 * tape; the backtest replays them. {@link #at()} is the receive time on the bot's clock.
 */
public sealed interface MarketEvent {
    Instant at();

    /** A market was found or its metadata (flags, tick, fees) changed. */
    record MarketDiscovered(Market market, Instant at) implements MarketEvent {
    }

    /** A whole book replaced (websocket {@code book} frame or REST {@code /book} resync). Levels in any order. */
    record BookSnapshot(String tokenId, List<Level> bids, List<Level> asks, Price tickSize, String hash, Instant at)
            implements MarketEvent {
        public BookSnapshot {
            bids = Levels.copyOf(bids);
            asks = Levels.copyOf(asks);
        }
    }

    /** The total size at one level changed; size 0 removes the level. */
    record BookLevelChanged(String tokenId, BookSide side, Price price, Shares size, Instant at)
            implements MarketEvent {
    }

    /** The tick size of a token changed. */
    record TickSizeChanged(String tokenId, Price tickSize, Instant at) implements MarketEvent {
    }

    /**
     * The watchdog's verdict on one token's book: stale (socket silent too long, REST disagreed, socket down and no
     * fallback) or fresh again after a resync. No trade is made on a stale book.
     */
    record BookHealth(String tokenId, boolean stale, String reason, Instant at) implements MarketEvent {
    }

    /**
     * A 1-minute kline of one asset's reference price: {@code candle.closed()} marks the final version of that minute.
     *
     * @param asset upper-case asset symbol ("BTC") whose markets this candle feeds
     */
    record CandleUpdated(String asset, Candle candle, Instant at) implements MarketEvent {
        /** A BTC candle (the single-asset default, and what a version-1 tape holds). */
        public CandleUpdated(Candle candle, Instant at) {
            this("BTC", candle, at);
        }
    }

    /**
     * The reference feed's verdict on itself (e.g. "binance" stale after PRICE_STALE_MS without an update). A feed
     * named {@code binance:ETH} is the Binance stream of one asset and stops only that asset's markets; plain
     * {@code binance} covers every asset.
     */
    record FeedHealth(String feed, boolean stale, String reason, Instant at) implements MarketEvent {
    }

    /**
     * Chainlink BTC/USD at a window's start (the price to beat) and, once known, at its end.
     *
     * @param endMicros null until the window ended
     */
    record PriceToBeat(String slug, Instant windowStart, long startMicros, Long endMicros, Instant at)
            implements MarketEvent {
    }

    /**
     * A market's resolution as determined by the rules of API-FACTS §1. UNKNOWN is published when a market that holds
     * trades was checked and has no determinable winner yet.
     */
    record MarketResolved(String marketId, String slug, Resolution winner, String source, Instant at)
            implements MarketEvent {
    }
}
