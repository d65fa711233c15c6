package updown.market;

import java.util.List;
import updown.domain.BookSide;
import updown.domain.Price;
import updown.domain.Shares;

/** One event of the CLOB market websocket (API-FACTS §3), parsed and typed. */
public sealed interface ClobWsEvent {

    /** A whole book ({@code book}); {@link RestBook#noBook()} marks the "no book" placeholder. */
    record Book(RestBook book) implements ClobWsEvent {
    }

    /** {@code price_change}: new total sizes at levels, possibly for both tokens of a market. */
    record PriceChange(long serverTimeMs, List<Change> changes) implements ClobWsEvent {
        public PriceChange {
            changes = List.copyOf(changes);
        }
    }

    /** One level of a {@code price_change}; size 0 removes the level. */
    record Change(String tokenId, BookSide side, Price price, Shares size) {
    }

    record TickSizeChange(String tokenId, Price newTickSize, long serverTimeMs) implements ClobWsEvent {
    }

    /** {@code best_bid_ask}; a side is null when the venue sent "" for it. */
    record BestBidAsk(String tokenId, Price bestBid, Price bestAsk, long serverTimeMs) implements ClobWsEvent {
    }

    record LastTrade(String tokenId, Price price, long serverTimeMs) implements ClobWsEvent {
    }

    /** {@code market_resolved}: a cross-check for the resolution, never the verdict on its own. */
    record MarketResolved(String conditionId, String winningTokenId, String winningOutcome, long serverTimeMs)
            implements ClobWsEvent {
    }

    /** {@code new_market}: noted, the scanner finds markets through Gamma. */
    record NewMarket(String slug, String conditionId) implements ClobWsEvent {
    }

    /** The server's {@code PONG} answer to our heartbeat. */
    record Pong() implements ClobWsEvent {
    }

    /** A bare {@code []}: the server has no book for a token we named (closed or unknown). */
    record EmptyFrame() implements ClobWsEvent {
    }
}
