package updown.sim.exchange;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import updown.domain.Level;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.synthetic.SimWindow;
import updown.synthetic.fault.Venue;
import updown.synthetic.random.Mix;

/**
 * The CLOB market websocket ({@code /ws/market}). A client subscribes with {@code assets_ids} (and later adds or
 * removes some with {@code operation}); it gets a JSON array with one {@code book} per token ({@code []} when none is
 * known), then, at each step, one {@code price_change} per market carrying every level whose total changed since what
 * this client was last sent ({@code size} = new total, "0" = gone), and with {@code custom_feature_enabled} also
 * {@code best_bid_ask}, {@code new_market} and {@code market_resolved}. Text {@code PING} gets {@code PONG}.
 * Deltas are computed per client from what it was actually sent, so a client that was frozen catches up exactly.
 */
final class ClobMarketChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ClobMarketChannel.class);

    private final ExchangeState st;
    private final SimStats stats;
    private final List<Session> sessions = new ArrayList<>();
    private final long seed;
    private long malformedCounter;

    ClobMarketChannel(ExchangeState st, SimStats stats, long seed) {
        this.st = st;
        this.stats = stats;
        this.seed = seed;
    }

    private static final class Session {
        final SimSocket socket;
        boolean custom;
        /** token → the book this client was last sent (null = none yet). */
        final Map<String, OrderBook> tokens = new LinkedHashMap<>();

        Session(SimSocket socket) {
            this.socket = socket;
        }
    }

    int openSockets() {
        return (int) sessions.stream().filter(s -> !s.socket.isClosed()).count();
    }

    void accept(ServerWebSocket ws) {
        Session s = new Session(new SimSocket(ws, Venue.CLOB_WS, st.now(), stats));
        sessions.add(s);
        ws.textMessageHandler(msg -> onMessage(s, msg));
        ws.closeHandler(v -> {
            s.socket.markClosed();
            sessions.remove(s);
        });
        ws.exceptionHandler(e -> LOG.debug("clob-ws socket error: {}", e.toString()));
    }

    private void onMessage(Session s, String msg) {
        Instant now = st.now();
        if ("PING".equals(msg.strip())) {
            s.socket.send("PONG", now);
            return;
        }
        JsonObject o;
        List<String> ids = new ArrayList<>();
        try {
            o = new JsonObject(msg);
            JsonArray a = o.getJsonArray("assets_ids");
            if (a != null) {
                for (Object id : a) {
                    ids.add(String.valueOf(id));
                }
            }
        } catch (DecodeException | ClassCastException e) {
            LOG.debug("clob-ws: ignoring a client message that is not a subscription: {}", msg);
            return;
        }
        if (Boolean.TRUE.equals(o.getValue("custom_feature_enabled"))) {
            s.custom = true;
        }
        Object op = o.getValue("operation");
        if ("unsubscribe".equals(op)) {
            ids.forEach(s.tokens::remove);
            return;
        }
        boolean dump = !Boolean.FALSE.equals(o.getValue("initial_dump"));
        for (String id : ids) {
            s.tokens.putIfAbsent(id, null);
        }
        if (dump) {
            snapshot(s, ids, now);
        } else {
            for (String id : ids) {
                st.bookWindow(id).ifPresent(w -> s.tokens.put(id, st.books(w).of(w.outcomeOf(id))));
            }
        }
    }

    private void snapshot(Session s, List<String> ids, Instant now) {
        JsonArray frame = new JsonArray();
        Map<String, OrderBook> sent = new LinkedHashMap<>();
        String market = "";
        for (String id : ids) {
            Optional<SimWindow> w = st.bookWindow(id);
            if (w.isPresent()) {
                OrderBook b = st.books(w.get()).of(w.get().outcomeOf(id));
                frame.add(ClobJson.wsBook(w.get(), b));
                sent.put(id, b);
                market = w.get().conditionId();
            }
        }
        if (sent.isEmpty()) {
            frame = new JsonArray();
        } else {
            // tokens without a book appear as the live server shows them: an empty book with an all-zero hash
            JsonArray ordered = new JsonArray();
            int i = 0;
            for (String id : ids) {
                if (sent.containsKey(id)) {
                    ordered.add(frame.getJsonObject(i++));
                } else {
                    ordered.add(ClobJson.wsNoBook(id, market, now.toEpochMilli()));
                }
            }
            frame = ordered;
        }
        if (s.socket.send(frame.encode(), now)) {
            s.tokens.putAll(sent);
        }
    }

    /** Sends every client what changed since it was last sent something. */
    void step(Instant now) {
        for (Session s : new ArrayList<>(sessions)) {
            if (s.socket.isClosed() || s.socket.frozenAt(now)) {
                continue;
            }
            Map<String, JsonArray> changesByMarket = new LinkedHashMap<>();
            Map<String, Map<String, OrderBook>> newByMarket = new LinkedHashMap<>();
            Map<String, Long> tsByMarket = new LinkedHashMap<>();
            List<JsonObject> tops = new ArrayList<>();
            for (Map.Entry<String, OrderBook> e : new ArrayList<>(s.tokens.entrySet())) {
                String token = e.getKey();
                OrderBook last = e.getValue();
                Optional<SimWindow> w = st.bookWindow(token);
                if (w.isEmpty()) {
                    if (last != null) {
                        s.tokens.put(token, null); // resolved: no more book for it
                    }
                    continue;
                }
                OrderBook cur = st.books(w.get()).of(w.get().outcomeOf(token));
                if (last == null) {
                    if (s.socket.send(ClobJson.wsBook(w.get(), cur).encode(), now)) {
                        s.tokens.put(token, cur);
                    }
                    continue;
                }
                if (last.hash().equals(cur.hash())) {
                    continue;
                }
                String market = w.get().conditionId();
                JsonArray changes = changesByMarket.computeIfAbsent(market, k -> new JsonArray());
                diff(token, last, cur, changes);
                newByMarket.computeIfAbsent(market, k -> new LinkedHashMap<>()).put(token, cur);
                tsByMarket.merge(market, cur.updatedAt().toEpochMilli(), Math::max);
                if (s.custom && (!last.bestBid().equals(cur.bestBid()) || !last.bestAsk().equals(cur.bestAsk()))) {
                    tops.add(bestBidAsk(market, cur));
                }
            }
            for (Map.Entry<String, JsonArray> e : changesByMarket.entrySet()) {
                Map<String, OrderBook> books = newByMarket.get(e.getKey());
                if (e.getValue().isEmpty()) {
                    s.tokens.putAll(books); // same levels, new hash only: nothing to tell
                    continue;
                }
                JsonObject frame = new JsonObject()
                        .put("market", e.getKey())
                        .put("price_changes", e.getValue())
                        .put("timestamp", Long.toString(tsByMarket.get(e.getKey())))
                        .put("event_type", "price_change");
                if (s.socket.send(frame.encode(), now)) {
                    s.tokens.putAll(books);
                }
            }
            for (JsonObject t : tops) {
                s.socket.send(t.encode(), now);
            }
        }
    }

    private static JsonObject bestBidAsk(String market, OrderBook b) {
        String bid = ClobJson.best(b.bestBid());
        String ask = ClobJson.best(b.bestAsk());
        String spread = b.bestBid().isPresent() && b.bestAsk().isPresent()
                ? updown.domain.Price.ofMicros(b.bestAsk().get().micros() - b.bestBid().get().micros()).format()
                : "";
        return new JsonObject()
                .put("event_type", "best_bid_ask")
                .put("market", market)
                .put("asset_id", b.tokenId())
                .put("best_bid", bid)
                .put("best_ask", ask)
                .put("spread", spread)
                .put("timestamp", Long.toString(b.updatedAt().toEpochMilli()));
    }

    /** Appends one change per level whose total differs between {@code a} and {@code b}. */
    private static void diff(String token, OrderBook a, OrderBook b, JsonArray out) {
        diffSide(token, "BUY", a.bids(), b.bids(), b, out);
        diffSide(token, "SELL", a.asks(), b.asks(), b, out);
    }

    private static void diffSide(String token, String side, List<Level> before, List<Level> after, OrderBook now,
                                 JsonArray out) {
        TreeMap<Long, Long> old = new TreeMap<>();
        before.forEach(l -> old.put(l.price().micros(), l.size().micros()));
        TreeMap<Long, Long> cur = new TreeMap<>();
        after.forEach(l -> cur.put(l.price().micros(), l.size().micros()));
        TreeMap<Long, Long> all = new TreeMap<>(old);
        cur.forEach(all::put);
        for (Long price : all.keySet()) {
            long o = old.getOrDefault(price, 0L);
            long n = cur.getOrDefault(price, 0L);
            if (o != n) {
                out.add(new JsonObject()
                        .put("asset_id", token)
                        .put("price", updown.domain.Price.ofMicros(price).format())
                        .put("size", ClobJson.size(n))
                        .put("side", side)
                        .put("hash", now.hash())
                        .put("best_bid", ClobJson.best(now.bestBid()))
                        .put("best_ask", ClobJson.best(now.bestAsk())));
            }
        }
    }

    void newMarket(SimWindow w, Instant now) {
        String frame = ClobJson.newMarket(w, now.toEpochMilli(), false).encode();
        for (Session s : new ArrayList<>(sessions)) {
            if (s.custom) {
                s.socket.send(frame, now);
            }
        }
    }

    void marketResolved(SimWindow w, Outcome winner, Instant now) {
        String frame = ClobJson.marketResolved(w, winner, now.toEpochMilli()).encode();
        for (Session s : new ArrayList<>(sessions)) {
            if (s.custom) {
                s.socket.send(frame, now);
            }
        }
    }

    void drop() {
        for (Session s : new ArrayList<>(sessions)) {
            s.socket.close((short) 1001, "going away");
        }
    }

    void freeze(Instant until) {
        sessions.forEach(s -> s.socket.freeze(until));
    }

    void malformed(Instant now) {
        for (Session s : new ArrayList<>(sessions)) {
            s.socket.sendCorrupted(Mix.hash(seed, 0x636C6F62, malformedCounter++), now);
        }
    }
}
