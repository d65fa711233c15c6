package updown.testkit;

import java.time.Instant;
import java.util.List;
import updown.domain.Direction;
import updown.domain.FeeSchedule;
import updown.domain.Fill;
import updown.domain.Market;
import updown.domain.MarketKey;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Signal;
import updown.domain.Trade;
import updown.domain.Usd;

/** Builders for markets, fills and trades in tests. */
public final class Trades {
    public static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

    private Trades() {
    }

    /** A 5-minute BTC market whose window starts at {@code start}. */
    public static Market market(Instant start) {
        long s = start.getEpochSecond();
        return new Market("m" + s, "0xcond" + s, "btc-updown-5m-" + s, "Bitcoin Up or Down", "BTC", start,
                start.plusSeconds(300), "1" + s, "2" + s, Price.of("0.01"), Shares.ofWhole(5),
                FeeSchedule.CRYPTO_5M, true, false, true, true);
    }

    /** A live market of one series ({@code eth-15m}) starting at {@code start}, with token ids unique to it. */
    public static Market market(MarketKey key, Instant start) {
        long s = start.getEpochSecond();
        String slug = key.asset().toLowerCase(java.util.Locale.ROOT) + "-updown-" + key.windowMinutes() + "m-" + s;
        return new Market("m-" + slug, "0xcond-" + slug, slug, key.asset() + " Up or Down", key.asset(), start,
                start.plus(key.windowLength()), "1" + key.asset() + key.windowMinutes() + s,
                "2" + key.asset() + key.windowMinutes() + s, Price.of("0.01"), Shares.ofWhole(5), FeeSchedule.CRYPTO_5M,
                true, false, true, true);
    }

    public static Market market(String id) {
        Market m = market(T0);
        return new Market(id, m.conditionId(), "btc-updown-5m-" + id, m.question(), m.asset(), m.windowStart(),
                m.windowEnd(), m.upTokenId() + id, m.downTokenId() + id, m.tickSize(), m.minOrderSize(), m.fees(),
                true, false, true, true);
    }

    public static Signal signal(Direction d) {
        return new Signal(d, Ratio.of("0.8"), List.of("directional", "orderbook_imbalance"), "test", null);
    }

    /** A directional trade: {@code amount} dollars at {@code price}, shares = amount / price. */
    public static Trade directional(Market m, Direction side, String price, String amount, String fee, Instant at) {
        Price p = Price.of(price);
        Usd a = Usd.of(amount);
        Fill f = new Fill(side, m.tokenId(side.outcome()), p, a.sharesAt(p), null, null, null, a, Usd.of(fee), null);
        return Trade.open(m, f, signal(side), at);
    }

    /** An arbitrage: half the amount on each side at the given prices. */
    public static Trade arbitrage(Market m, String upPrice, String downPrice, String amount, String fee, Instant at) {
        Price up = Price.of(upPrice);
        Price down = Price.of(downPrice);
        Usd a = Usd.of(amount);
        Usd half = a.half();
        Fill f = new Fill(Direction.ARB, m.upTokenId(), up, half.sharesAt(up), m.downTokenId(), down,
                a.minus(half).sharesAt(down), a, Usd.of(fee), null);
        return Trade.open(m, f, new Signal(Direction.ARB, Ratio.ONE, List.of("arbitrage"), "test", down), at);
    }
}
