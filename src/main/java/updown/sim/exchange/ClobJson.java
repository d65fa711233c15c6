package updown.sim.exchange;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import updown.domain.Price;
import updown.synthetic.SimWindow;

/**
 * CLOB payloads as the real ones: every price and size a decimal string, books best-LAST (bids ascending, asks
 * descending), {@code tick-size} a number, market objects with {@code tokens[].winner}.
 */
final class ClobJson {
    static final String ZERO_HASH = "0000000000000000000000000000000000000000";

    private ClobJson() {
    }

    static String price(Price p) {
        return p.format();
    }

    static String size(long micros) {
        return Micros.format(micros, 0);
    }

    /** Best-first levels (as OrderBook holds them) written worst-first, best LAST, as the CLOB does. */
    static JsonArray levelsBestLast(List<Level> bestFirst) {
        JsonArray a = new JsonArray();
        for (int i = bestFirst.size() - 1; i >= 0; i--) {
            Level l = bestFirst.get(i);
            a.add(new JsonObject().put("price", price(l.price())).put("size", size(l.size().micros())));
        }
        return a;
    }

    /** A last-trade price in the CLOB's 3-decimal spelling ("0.280"); "" when there is none. */
    static String lastTrade(OrderBook b) {
        return b.bestAsk().map(p -> p.toBigDecimal().setScale(3, java.math.RoundingMode.HALF_EVEN).toPlainString())
                .orElse("");
    }

    /** {@code GET /book} body. */
    static JsonObject restBook(SimWindow w, OrderBook b) {
        return new JsonObject()
                .put("market", w.conditionId())
                .put("asset_id", b.tokenId())
                .put("timestamp", Long.toString(b.updatedAt().toEpochMilli()))
                .put("hash", b.hash())
                .put("bids", levelsBestLast(b.bids()))
                .put("asks", levelsBestLast(b.asks()))
                .put("min_order_size", "5")
                .put("tick_size", price(b.tickSize()))
                .put("neg_risk", false)
                .put("last_trade_price", lastTrade(b));
    }

    /** A websocket {@code book} event (live field order). */
    static JsonObject wsBook(SimWindow w, OrderBook b) {
        return new JsonObject()
                .put("market", w.conditionId())
                .put("asset_id", b.tokenId())
                .put("timestamp", Long.toString(b.updatedAt().toEpochMilli()))
                .put("hash", b.hash())
                .put("bids", levelsBestLast(b.bids()))
                .put("asks", levelsBestLast(b.asks()))
                .put("tick_size", price(b.tickSize()))
                .put("event_type", "book")
                .put("last_trade_price", lastTrade(b));
    }

    /** The empty, all-zero-hash book the live server puts in a snapshot for a token it has no book for. */
    static JsonObject wsNoBook(String tokenId, String market, long timestampMs) {
        return new JsonObject()
                .put("market", market)
                .put("asset_id", tokenId)
                .put("timestamp", Long.toString(timestampMs))
                .put("hash", ZERO_HASH)
                .put("bids", new JsonArray())
                .put("asks", new JsonArray())
                .put("tick_size", "0.01")
                .put("event_type", "book")
                .put("last_trade_price", "");
    }

    static String best(Optional<Price> p) {
        return p.map(ClobJson::price).orElse("");
    }

    /** {@code GET /markets/{conditionId}}. */
    static JsonObject market(SimWindow w, ExchangeState st) {
        Optional<Outcome> winner = st.winner(w);
        JsonArray tokens = new JsonArray();
        for (Outcome o : Outcome.values()) {
            Number price;
            if (winner.isPresent()) {
                price = winner.get() == o ? 1 : 0;
            } else {
                OrderBook b = st.books(w).of(o);
                long bid = b.bestBid().map(Price::micros).orElse(0L);
                long ask = b.bestAsk().map(Price::micros).orElse(Micros.ONE);
                price = Micros.toDouble((bid + ask) / 2);
            }
            tokens.add(new JsonObject()
                    .put("token_id", w.tokenId(o))
                    .put("outcome", o == Outcome.UP ? "Up" : "Down")
                    .put("price", price)
                    .put("winner", winner.isPresent() && winner.get() == o));
        }
        boolean closed = st.closed(w);
        return new JsonObject()
                .put("enable_order_book", true)
                .put("active", true)
                .put("closed", closed)
                .put("archived", false)
                .put("accepting_orders", !closed)
                .put("accepting_order_timestamp", w.listedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString())
                .put("minimum_order_size", 5)
                .put("minimum_tick_size", 0.01)
                .put("condition_id", w.conditionId())
                .put("question_id", w.questionId())
                .put("question", w.question())
                .put("description", GammaJson.DESCRIPTION)
                .put("market_slug", w.slug())
                .put("end_date_iso", w.end().toString())
                .putNull("game_start_time")
                .put("seconds_delay", 0)
                .put("fpmm", "")
                .put("maker_base_fee", 1000)
                .put("taker_base_fee", 1000)
                .put("notifications_enabled", true)
                .put("neg_risk", false)
                .put("neg_risk_market_id", "")
                .put("neg_risk_request_id", "")
                .put("icon", GammaJson.IMAGE)
                .put("image", GammaJson.IMAGE)
                .put("rewards", new JsonObject().putNull("rates").put("min_size", 50).put("max_spread", 4.5))
                .put("is_50_50_outcome", false)
                .put("tokens", tokens)
                .put("tags", new JsonArray().add("Crypto").add("Bitcoin").add("Up or Down"));
    }

    /** {@code GET /clob-markets/{conditionId}}: the short-key form. */
    static JsonObject clobMarket(SimWindow w, ExchangeState st) {
        return new JsonObject()
                .put("c", w.conditionId())
                .put("t", new JsonArray()
                        .add(new JsonObject().put("t", w.upTokenId()).put("o", "Up"))
                        .add(new JsonObject().put("t", w.downTokenId()).put("o", "Down")))
                .put("mos", 5)
                .put("mts", 0.01)
                .put("mbf", 1000)
                .put("tbf", 1000)
                .put("fd", new JsonObject().put("r", 0.07).put("e", 1).put("to", true))
                .put("r", new JsonObject().put("mi", 50).put("ma", 4.5).put("e", true))
                .put("ao", !st.closed(w))
                .put("cbos", false)
                .put("aot", w.listedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .put("itode", true);
    }

    /** The custom {@code new_market} event (live 5m shape; fee schedule values as strings). */
    static JsonObject newMarket(SimWindow w, long timestampMs, boolean active) {
        JsonArray assets = new JsonArray().add(w.upTokenId()).add(w.downTokenId());
        return new JsonObject()
                .put("id", w.marketId())
                .put("question", w.question())
                .put("market", w.conditionId())
                .put("slug", w.slug())
                .put("description", GammaJson.DESCRIPTION)
                .put("assets_ids", assets)
                .put("outcomes", new JsonArray().add("Up").add("Down"))
                .put("event_message", new JsonObject()
                        .put("id", w.eventId())
                        .put("ticker", w.slug())
                        .put("slug", w.slug())
                        .put("title", w.question())
                        .put("description", GammaJson.DESCRIPTION))
                .put("timestamp", Long.toString(timestampMs))
                .put("event_type", "new_market")
                .put("tags", new JsonArray())
                .put("condition_id", w.conditionId())
                .put("active", active)
                .put("clob_token_ids", assets.copy())
                .put("sports_market_type", "")
                .put("line", "")
                .put("game_start_time", "")
                .put("order_price_min_tick_size", "0.01")
                .put("group_item_title", "")
                .put("taker_base_fee", "1000")
                .put("fees_enabled", true)
                .put("fee_schedule", new JsonObject().put("exponent", "1").put("rate", "0.07").put("taker_only", true)
                        .put("rebate_rate", "0.2"));
    }

    /** The custom {@code market_resolved} event: {@code new_market}'s fields plus the winner. */
    static JsonObject marketResolved(SimWindow w, Outcome winner, long timestampMs) {
        JsonObject o = newMarket(w, timestampMs, true);
        o.put("winning_asset_id", w.tokenId(winner));
        o.put("winning_outcome", winner == Outcome.UP ? "Up" : "Down");
        o.put("event_type", "market_resolved");
        return o;
    }
}
