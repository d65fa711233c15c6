package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import updown.domain.BookSide;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Shares;

/**
 * A loopback CLOB: REST {@code GET /book?token_id=} (bids ascending, asks descending — best LAST, as the real one;
 * 404 "No orderbook exists" for unknown tokens), {@code GET /markets/{conditionId}} (tokens with {@code winner}),
 * and the market websocket at {@link #WS_PATH}: answers {@code PING} with {@code PONG}, takes the initial
 * {@code {"assets_ids":[…],"type":"market"}} and later {@code operation} (un)subscribes, sends the initial dump as
 * an array of {@code book} events (a bare {@code []} when it knows none of the tokens), and pushes
 * {@code price_change} frames when a level changes.
 *
 * <pre>
 * FakeClob clob = ...start(vertx, clock);
 * clob.setBook(token, conditionId, List.of(Level.of("0.48","10")), List.of(Level.of("0.52","7")));
 * clob.setLevel(token, BookSide.BID, "0.49", "3");        // pushes a price_change to subscribers
 * clob.setLevelSilently(token, BookSide.ASK, "0.52", "0"); // the socket never hears of it (a missed delta)
 * clob.freeze(true); clob.dropConnections();               // silent socket; dropped socket
 * clob.putMarket(conditionId, up, down); clob.resolveMarket(conditionId, down);
 * </pre>
 */
public final class FakeClob extends FakeServer {
    public static final String WS_PATH = "/ws/market";

    private static final class Book {
        final String conditionId;
        final TreeMap<Long, Long> bids = new TreeMap<>();
        final TreeMap<Long, Long> asks = new TreeMap<>();
        long version;

        Book(String conditionId) {
            this.conditionId = conditionId;
        }

        String hash() {
            return String.format("%040x", (bids.hashCode() * 31L + asks.hashCode()) & 0xffffffffL);
        }
    }

    private final Map<String, Book> books = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> marketInfo = new ConcurrentHashMap<>();
    private final Map<ServerWebSocket, Set<String>> subscriptions = new ConcurrentHashMap<>();

    private FakeClob(Vertx vertx, Clock clock) {
        super(vertx, clock);
    }

    public static Future<FakeClob> start(Vertx vertx, Clock clock) {
        FakeClob c = new FakeClob(vertx, clock);
        return c.listen().map(v -> c);
    }

    /** The market websocket URL, for CLOB_WS_URL. */
    public java.net.URI wsMarketUrl() {
        return wsUrl(WS_PATH);
    }

    // ---- books ---------------------------------------------------------------------------------------------

    public synchronized FakeClob setBook(String token, String conditionId, List<Level> bids, List<Level> asks) {
        Book b = new Book(conditionId);
        bids.forEach(l -> b.bids.put(l.price().micros(), l.size().micros()));
        asks.forEach(l -> b.asks.put(l.price().micros(), l.size().micros()));
        books.put(token, b);
        return this;
    }

    public synchronized FakeClob removeBook(String token) {
        books.remove(token);
        return this;
    }

    /** Changes one level and pushes a {@code price_change} to the sockets subscribed to the token. */
    public FakeClob setLevel(String token, BookSide side, String price, String size) {
        String frame;
        synchronized (this) {
            Book b = apply(token, side, price, size);
            JsonObject change = new JsonObject().put("asset_id", token).put("price", price).put("size", size)
                    .put("side", side == BookSide.BID ? "BUY" : "SELL").put("hash", b.hash())
                    .put("best_bid", b.bids.isEmpty() ? "" : Micros.format(b.bids.lastKey(), 2))
                    .put("best_ask", b.asks.isEmpty() ? "" : Micros.format(b.asks.firstKey(), 2));
            frame = new JsonObject().put("market", b.conditionId).put("price_changes", new JsonArray().add(change))
                    .put("timestamp", String.valueOf(clock.millis())).put("event_type", "price_change").encode();
        }
        sendToSubscribers(token, frame);
        return this;
    }

    /** Changes one level without telling any socket (what a client misses while disconnected). */
    public synchronized FakeClob setLevelSilently(String token, BookSide side, String price, String size) {
        apply(token, side, price, size);
        return this;
    }

    private Book apply(String token, BookSide side, String price, String size) {
        Book b = books.get(token);
        if (b == null) {
            throw new IllegalArgumentException("no book for " + token);
        }
        long p = Micros.parse(price);
        long s = Micros.parse(size);
        TreeMap<Long, Long> m = side == BookSide.BID ? b.bids : b.asks;
        if (s == 0) {
            m.remove(p);
        } else {
            m.put(p, s);
        }
        b.version++;
        return b;
    }

    /** Pushes the whole book of a token as a websocket {@code book} event. */
    public FakeClob pushBook(String token) {
        String frame;
        synchronized (this) {
            frame = bookJson(token, books.get(token), true).encode();
        }
        sendToSubscribers(token, frame);
        return this;
    }

    /** The fake's current book, best first (what a correct client must hold). */
    public synchronized OrderBook book(String token) {
        Book b = books.get(token);
        List<Level> bids = new ArrayList<>();
        b.bids.descendingMap().forEach((p, s) -> bids.add(new Level(Price.ofMicros(p), Shares.ofMicros(s))));
        List<Level> asks = new ArrayList<>();
        b.asks.forEach((p, s) -> asks.add(new Level(Price.ofMicros(p), Shares.ofMicros(s))));
        return new OrderBook(token, bids, asks, Price.of("0.01"), b.hash(), clock.instant());
    }

    // ---- markets and resolution -----------------------------------------------------------------------------

    /** Registers {@code GET /markets/{conditionId}} with two open tokens. */
    public FakeClob putMarket(String conditionId, String upToken, String downToken) {
        JsonObject m = new JsonObject(Fixtures.fixture("clob/market-by-condition-id-resolved.assembled.json"));
        m.put("condition_id", conditionId).put("closed", false).put("accepting_orders", true)
                .put("tokens", new JsonArray()
                        .add(new JsonObject().put("token_id", upToken).put("outcome", "Up").put("price", 0.5).put("winner", false))
                        .add(new JsonObject().put("token_id", downToken).put("outcome", "Down").put("price", 0.5).put("winner", false)));
        marketInfo.put(conditionId, m);
        return this;
    }

    /** Marks the market closed with {@code winnerToken} as the winning token. */
    public FakeClob resolveMarket(String conditionId, String winnerToken) {
        marketInfo.computeIfPresent(conditionId, (k, m) -> {
            JsonObject c = m.copy().put("closed", true).put("accepting_orders", false);
            JsonArray tokens = new JsonArray();
            for (Object o : c.getJsonArray("tokens")) {
                JsonObject t = ((JsonObject) o).copy();
                boolean win = t.getString("token_id").equals(winnerToken);
                tokens.add(t.put("winner", win).put("price", win ? 1 : 0));
            }
            return c.put("tokens", tokens);
        });
        return this;
    }

    /** Pushes a {@code market_resolved} event to every socket. */
    public FakeClob pushMarketResolved(String conditionId, String winnerToken, String winningOutcome) {
        JsonObject e = new JsonObject(Fixtures.fixture("clob-ws/market-resolved-doc-example.json"))
                .put("market", conditionId).put("winning_asset_id", winnerToken)
                .put("winning_outcome", winningOutcome).put("timestamp", String.valueOf(clock.millis()));
        sendToAll(e.encode());
        return this;
    }

    /** Tokens each connected socket is subscribed to. */
    public List<Set<String>> subscriptions() {
        return new ArrayList<>(subscriptions.values());
    }

    // ---- wire --------------------------------------------------------------------------------------------------

    @Override
    protected void onRequest(HttpServerRequest req) {
        String path = req.path();
        if (path.equals("/book")) {
            String token = req.getParam("token_id");
            JsonObject body;
            synchronized (this) {
                Book b = token == null ? null : books.get(token);
                body = b == null ? null : bookJson(token, b, false);
            }
            if (token == null || token.isBlank()) {
                req.response().setStatusCode(400).end(Fixtures.fixture("clob/error-400-invalid-token-id.json"));
            } else if (body == null) {
                req.response().setStatusCode(404).end(Fixtures.fixture("clob/error-404-book-no-orderbook.json"));
            } else {
                FakeGamma.json(req, body.encode());
            }
        } else if (path.startsWith("/markets/")) {
            JsonObject m = marketInfo.get(path.substring("/markets/".length()));
            if (m == null) {
                req.response().setStatusCode(404).end("{\"error\":\"market not found\"}");
            } else {
                FakeGamma.json(req, m.encode());
            }
        } else {
            req.response().setStatusCode(404).end("{\"error\":\"not found\"}");
        }
    }

    @Override
    protected void onWsOpen(ServerWebSocket ws) {
        if (!ws.path().equals(WS_PATH)) {
            ws.close((short) 1008, "wrong path");
            return;
        }
        subscriptions.put(ws, ConcurrentHashMap.newKeySet());
        ws.closeHandler(v -> {
            subscriptions.remove(ws);
            sockets.remove(ws);
        });
    }

    @Override
    protected void onWsText(ServerWebSocket ws, String text) {
        if (text.strip().equals("PING")) {
            ws.writeTextMessage("PONG");
            return;
        }
        JsonObject msg;
        try {
            msg = new JsonObject(text);
        } catch (RuntimeException e) {
            return;
        }
        Set<String> subs = subscriptions.computeIfAbsent(ws, k -> ConcurrentHashMap.newKeySet());
        List<String> ids = new ArrayList<>();
        msg.getJsonArray("assets_ids", new JsonArray()).forEach(o -> ids.add(String.valueOf(o)));
        if ("unsubscribe".equals(msg.getString("operation"))) {
            ids.forEach(subs::remove);
            return;
        }
        subs.addAll(ids);
        JsonArray dump = new JsonArray();
        synchronized (this) {
            for (String id : ids) {
                Book b = books.get(id);
                if (b != null) {
                    dump.add(bookJson(id, b, true));
                }
            }
        }
        ws.writeTextMessage(dump.encode());
    }

    private void sendToSubscribers(String token, String frame) {
        if (frozen()) {
            return;
        }
        subscriptions.forEach((ws, subs) -> {
            if (subs.contains(token)) {
                ws.writeTextMessage(frame);
            }
        });
    }

    private JsonObject bookJson(String token, Book b, boolean ws) {
        JsonArray bids = new JsonArray();
        b.bids.forEach((p, s) -> bids.add(level(p, s)));              // ascending: best bid last
        JsonArray asks = new JsonArray();
        b.asks.descendingMap().forEach((p, s) -> asks.add(level(p, s))); // descending: best ask last
        JsonObject o = new JsonObject().put("market", b.conditionId).put("asset_id", token)
                .put("timestamp", String.valueOf(clock.millis())).put("hash", b.hash())
                .put("bids", bids).put("asks", asks).put("tick_size", "0.01");
        if (ws) {
            o.put("event_type", "book").put("last_trade_price", "");
        } else {
            o.put("min_order_size", "5").put("neg_risk", false).put("last_trade_price", "0.500");
        }
        return o;
    }

    private static JsonObject level(long price, long size) {
        return new JsonObject().put("price", Micros.format(price, 2)).put("size", Micros.format(size, 0));
    }
}
