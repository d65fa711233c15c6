package updown.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One up/down market window as the scanner understood it. Token ids are decimal strings of up to 78 digits.
 *
 * @param id            Gamma market id
 * @param conditionId   CTF condition id (the CLOB "market")
 * @param slug          e.g. {@code btc-updown-5m-1778584200}
 * @param asset         upper-case asset symbol ("BTC")
 * @param windowStart   start of the price window (Gamma {@code eventStartTime})
 * @param windowEnd     end of the price window (Gamma {@code endDate})
 * @param tickSize      minimum price increment
 * @param minOrderSize  venue minimum order size in shares
 * @param protocolV2    a Polymarket Protocol V2 market (Gamma {@code version:"v2"}, tokens from {@code positionIds}):
 *                      live orders go to ExchangeV3; false for CTF markets (every BTC 5m capture through 2026-10)
 */
public record Market(
        String id,
        String conditionId,
        String slug,
        String question,
        String asset,
        Instant windowStart,
        Instant windowEnd,
        String upTokenId,
        String downTokenId,
        Price tickSize,
        Shares minOrderSize,
        FeeSchedule fees,
        boolean active,
        boolean closed,
        boolean acceptingOrders,
        boolean enableOrderBook,
        boolean protocolV2) {

    /** A CTF (not Protocol V2) market. */
    public Market(String id, String conditionId, String slug, String question, String asset, Instant windowStart,
                  Instant windowEnd, String upTokenId, String downTokenId, Price tickSize, Shares minOrderSize,
                  FeeSchedule fees, boolean active, boolean closed, boolean acceptingOrders,
                  boolean enableOrderBook) {
        this(id, conditionId, slug, question, asset, windowStart, windowEnd, upTokenId, downTokenId, tickSize,
                minOrderSize, fees, active, closed, acceptingOrders, enableOrderBook, false);
    }

    public Market {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(upTokenId, "upTokenId");
        Objects.requireNonNull(downTokenId, "downTokenId");
        Objects.requireNonNull(tickSize, "tickSize");
        Objects.requireNonNull(minOrderSize, "minOrderSize");
        Objects.requireNonNull(fees, "fees");
    }

    public String tokenId(Outcome outcome) {
        return outcome == Outcome.UP ? upTokenId : downTokenId;
    }

    public Duration windowLength() {
        return Duration.between(windowStart, windowEnd);
    }

    /** The market is tradeable now: its window is running, it accepts orders and is not closed. */
    public boolean isLiveAt(Instant now) {
        return active && !closed && acceptingOrders && enableOrderBook
                && !now.isBefore(windowStart) && now.isBefore(windowEnd);
    }

    /** A stable key for maps and logs: the slug, which carries asset, window length and start. */
    public String key() {
        return slug;
    }
}
