package updown.domain;

import java.time.Instant;

/**
 * One market as the trader sees it right now (for the dashboard and /status): window, best prices and freshness.
 * Best prices are null when the side is empty or the book is missing.
 */
public record MarketStatus(String slug, String question, Instant windowStart, Instant windowEnd, Price upBid,
                           Price upAsk, Price downBid, Price downAsk, boolean upStale, boolean downStale,
                           Instant booksUpdatedAt, Long priceToBeatMicros, String lastDecision) {
}
