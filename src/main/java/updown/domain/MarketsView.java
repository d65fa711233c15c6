package updown.domain;

import java.time.Instant;
import java.util.List;

/** The trader's current view of its markets and feeds: reply to {@code trader.query.markets}. */
public record MarketsView(List<MarketStatus> markets, boolean candlesFresh, Instant lastCandleAt,
                          Long lastBtcPriceMicros, Instant at) {
    public MarketsView {
        markets = List.copyOf(markets);
    }
}
