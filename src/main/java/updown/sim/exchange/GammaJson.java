package updown.sim.exchange;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import updown.domain.MarketKey;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import updown.synthetic.SimWindow;
import updown.synthetic.random.Mix;

/**
 * Gamma event and market objects for a simulated window, field for field as the live captures in
 * {@code fixtures/gamma/} (JSON-encoded strings for {@code outcomes}, {@code outcomePrices}, {@code clobTokenIds};
 * decimal strings for market {@code liquidity}/{@code volume}; numbers on the event).
 */
final class GammaJson {
    static final String SERIES_SLUG = "btc-up-or-down-5m";
    static final String SERIES_ID = "10684";
    static final String RESOLUTION_SOURCE = "https://data.chain.link/streams/btc-usd";
    static final String IMAGE = "https://polymarket-upload.s3.us-east-2.amazonaws.com/BTC+fullsize.png";
    static final String DESCRIPTION = "This market will resolve to \"Up\" if the Bitcoin price at the end of the time "
            + "range specified in the title is greater than or equal to the price at the beginning of that range. "
            + "Otherwise, it will resolve to \"Down\".\nThe resolution source for this market is information from "
            + "Chainlink, specifically the BTC/USD data stream available at https://data.chain.link/streams/btc-usd."
            + "\nPlease note that this market is about the price according to Chainlink data stream BTC/USD, not "
            + "according to other sources or spot markets.";
    private static final DateTimeFormatter CLOSED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private GammaJson() {
    }

    /** The Gamma series of a window's market: {@code btc-up-or-down-5m}, {@code eth-up-or-down-15m}. */
    static String seriesSlug(SimWindow w) {
        MarketKey k = w.market();
        return k.asset().toLowerCase(Locale.ROOT) + "-up-or-down-" + k.windowMinutes() + "m";
    }

    /** btc-5m keeps the real series id; the other series get ids of their own. */
    static String seriesId(SimWindow w) {
        MarketKey k = w.market();
        return k.equals(MarketKey.DEFAULT) ? SERIES_ID : Integer.toString(20_000 + Math.floorMod(k.hashCode(), 10_000));
    }

    /** The Chainlink stream a window resolves by: its asset's spot stream. */
    static String resolutionSource(SimWindow w) {
        return "https://data.chain.link/streams/" + w.market().asset().toLowerCase(Locale.ROOT) + "-usd";
    }

    static JsonObject market(SimWindow w, ExchangeState st) {
        long seed = st.model().options().seed();
        boolean closed = st.closed(w);
        Optional<Outcome> winner = st.winner(w);
        double volume = volume(w, st, seed);
        double liquidity = liquidity(w, st, seed);
        Quote q = quote(w, st);
        JsonObject m = new JsonObject()
                .put("id", w.marketId())
                .put("question", w.question())
                .put("conditionId", w.conditionId())
                .put("slug", w.slug())
                .put("resolutionSource", resolutionSource(w))
                .put("endDate", w.end().toString())
                .put("liquidity", decimal(liquidity, 4))
                .put("startDate", w.listedAt().toString())
                .put("image", IMAGE)
                .put("icon", IMAGE)
                .put("description", DESCRIPTION)
                .put("outcomes", "[\"Up\", \"Down\"]")
                .put("outcomePrices", outcomePrices(q, winner))
                .put("volume", decimal(volume, 6))
                .put("active", true)
                .put("closed", closed)
                .put("marketMakerAddress", "")
                .put("createdAt", w.createdAt().toString())
                .put("new", false)
                .put("featured", false)
                .put("archived", false)
                .put("restricted", true)
                .put("groupItemThreshold", "0")
                .put("questionID", w.questionId())
                .put("enableOrderBook", true)
                .put("orderPriceMinTickSize", 0.01)
                .put("orderMinSize", 5)
                .put("volumeNum", volume)
                .put("liquidityNum", liquidity)
                .put("endDateIso", DAY.format(w.end()))
                .put("startDateIso", DAY.format(w.listedAt()))
                .put("hasReviewedDates", true)
                .put("volume24hr", volume)
                .put("volume1wk", volume)
                .put("volume1mo", volume)
                .put("volume1yr", volume)
                .put("clobTokenIds", "[\"" + w.upTokenId() + "\", \"" + w.downTokenId() + "\"]")
                .put("volume24hrClob", volume)
                .put("volume1wkClob", volume)
                .put("volume1moClob", volume)
                .put("volume1yrClob", volume)
                .put("volumeClob", volume)
                .put("liquidityClob", liquidity)
                .put("makerBaseFee", 1000)
                .put("takerBaseFee", 1000)
                .put("acceptingOrders", !closed)
                .put("negRisk", false)
                .put("acceptingOrdersTimestamp", w.listedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString())
                .put("ready", false)
                .put("funded", false)
                .put("cyom", false)
                .put("competitive", 0.9999750006249843)
                .put("pagerDutyNotificationEnabled", false)
                .put("approved", true)
                .put("rewardsMinSize", 50)
                .put("rewardsMaxSpread", 4.5)
                .put("spread", q.spread)
                .put("oneDayPriceChange", 0)
                .put("oneHourPriceChange", 0)
                .put("oneWeekPriceChange", 0)
                .put("oneMonthPriceChange", 0)
                .put("oneYearPriceChange", 0)
                .put("lastTradePrice", q.last)
                .put("bestBid", q.bid)
                .put("bestAsk", q.ask)
                .put("automaticallyActive", true)
                .put("clearBookOnStart", false)
                .put("showGmpSeries", false)
                .put("showGmpOutcome", false)
                .put("manualActivation", false)
                .put("negRiskOther", false)
                .put("umaResolutionStatuses", "[]")
                .put("pendingDeployment", false)
                .put("deploying", false)
                .put("rfqEnabled", false)
                .put("eventStartTime", w.start().toString())
                .put("holdingRewardsEnabled", false)
                .put("feesEnabled", true)
                .put("requiresTranslation", false)
                .put("makerRebatesFeeShareBps", 10000)
                .put("feeType", "crypto_fees_v2")
                .put("feeSchedule", new JsonObject().put("exponent", 1).put("rate", 0.07).put("takerOnly", true)
                        .put("rebateRate", 0.2));
        if (closed) {
            m.put("closedTime", CLOSED_TIME.format(w.end()));
        }
        if (winner.isPresent()) {
            m.put("umaResolutionStatus", "resolved");
        }
        return m;
    }

    static JsonObject event(SimWindow w, ExchangeState st) {
        long seed = st.model().options().seed();
        double volume = volume(w, st, seed);
        double liquidity = liquidity(w, st, seed);
        JsonObject e = new JsonObject()
                .put("id", w.eventId())
                .put("ticker", w.slug())
                .put("slug", w.slug())
                .put("title", w.question())
                .put("description", DESCRIPTION)
                .put("resolutionSource", resolutionSource(w))
                .put("startDate", w.listedAt().toString())
                .put("creationDate", w.createdAt().toString())
                .put("endDate", w.end().toString())
                .put("image", IMAGE)
                .put("icon", IMAGE)
                .put("active", true)
                .put("closed", st.closed(w))
                .put("archived", false)
                .put("new", false)
                .put("featured", false)
                .put("restricted", true)
                .put("liquidity", liquidity)
                .put("volume", volume)
                .put("openInterest", volume * 8)
                .put("competitive", 0.9999750006249843)
                .put("enableOrderBook", true)
                .put("liquidityClob", liquidity)
                .put("negRisk", false)
                .put("markets", new JsonArray().add(market(w, st)))
                .put("series", new JsonArray().add(series(w)))
                .put("seriesSlug", seriesSlug(w))
                .put("startTime", w.start().toString());
        if (st.started(w)) {
            JsonObject meta = new JsonObject().put("priceToBeat", st.modelOf(w).chainlinkPrice(w.start()).doubleValue());
            if (st.resolved(w)) {
                meta.put("finalPrice", st.modelOf(w).chainlinkPrice(w.end()).doubleValue());
            }
            e.put("eventMetadata", meta);
        }
        return e;
    }

    static JsonObject series(SimWindow w) {
        MarketKey k = w.market();
        return new JsonObject()
                .put("id", seriesId(w))
                .put("ticker", seriesSlug(w))
                .put("slug", seriesSlug(w))
                .put("title", k.asset() + " Up or Down " + k.windowMinutes() + "m")
                .put("seriesType", "single")
                .put("recurrence", k.windowMinutes() + "m")
                .put("active", true)
                .put("closed", false)
                .put("volume24hr", new BigDecimal("23752673.955451995"))
                .put("liquidity", 2665372.2496);
    }

    /** Top of the Up book as Gamma snapshots it (numbers), or the no-book values once resolved. */
    private record Quote(double bid, double ask, double spread, double last, long midMicros) {
    }

    private static Quote quote(SimWindow w, ExchangeState st) {
        if (!st.hasBooks(w)) {
            boolean up = st.winner(w).orElse(Outcome.UP) == Outcome.UP;
            return new Quote(0, 1, 1, up ? 1 : 0, up ? Micros.ONE : 0);
        }
        OrderBook up = st.books(w).up();
        long bid = up.bestBid().map(p -> p.micros()).orElse(0L);
        long ask = up.bestAsk().map(p -> p.micros()).orElse(Micros.ONE);
        return new Quote(Micros.toDouble(bid), Micros.toDouble(ask), Micros.toDouble(ask - bid),
                Micros.toDouble(ask), (bid + ask) / 2);
    }

    private static String outcomePrices(Quote q, Optional<Outcome> winner) {
        if (winner.isPresent()) {
            return winner.get() == Outcome.UP ? "[\"1\", \"0\"]" : "[\"0\", \"1\"]";
        }
        String up = Micros.format(q.midMicros, 1);
        String down = Micros.format(Micros.ONE - q.midMicros, 1);
        return "[\"" + up + "\", \"" + down + "\"]";
    }

    private static double volume(SimWindow w, ExchangeState st, long seed) {
        double total = Mix.between(5_000, 60_000, seed, 0x766F6C75, w.startSecond()) + 0.123456;
        Instant now = st.now();
        if (now.isBefore(w.start())) {
            return round(Mix.between(0, 300, seed, 0x707265, w.startSecond()) * 0.87, 6);
        }
        double f = Math.min(1.0, Duration.between(w.start(), now).toMillis() / (double) Duration.ofMinutes(5)
                .toMillis());
        return round(total * f, 6);
    }

    private static double liquidity(SimWindow w, ExchangeState st, long seed) {
        long hour = Math.floorDiv(st.now().getEpochSecond(), 3600);
        return round(Mix.between(8_000, 20_000, seed, 0x6C6971, w.startSecond(), hour) + 0.0965, 4);
    }

    private static double round(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static String decimal(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
