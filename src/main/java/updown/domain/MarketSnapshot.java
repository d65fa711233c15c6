package updown.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a strategy may look at for one market at one moment. Built by the trader from data received at or before
 * {@code now}; stale inputs are withheld (an empty candle list, a null book), so a strategy cannot trade on them.
 *
 * @param up                the Up token's book, null if missing or stale
 * @param down              the Down token's book, null if missing or stale
 * @param candles           closed 1-minute candles, oldest first; empty when the price feed is stale
 * @param priceToBeatMicros Chainlink price at window start, null if unknown
 */
public record MarketSnapshot(Market market, OrderBook up, OrderBook down, List<Candle> candles,
                             Long priceToBeatMicros, Instant now) {
    public MarketSnapshot {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(now, "now");
        candles = candles == null ? List.of() : List.copyOf(candles);
    }

    public OrderBook book(Outcome outcome) {
        return outcome == Outcome.UP ? up : down;
    }
}
