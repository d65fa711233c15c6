package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import updown.domain.Candle;
import updown.domain.Micros;

/**
 * A loopback Binance: REST {@code GET /api/v3/klines} (rows {@code [openTime, o, h, l, c, v, closeTime, …]} for every
 * minute from {@code startTime} whose open is not after the fake's clock, the last one still forming) and the
 * combined-stream websocket {@code /stream?streams=<symbol>@kline_1m}, where the test pushes kline frames,
 * {@code serverShutdown}, or drops the connection. Prices follow a fixed deterministic path, so REST and websocket
 * agree on every minute ({@link #candle}).
 */
public final class FakeBinance extends FakeServer {
    private final String symbol;
    private final List<String> symbols;
    private final Set<Long> missing = ConcurrentHashMap.newKeySet();
    private final List<String> streamsRequested = new CopyOnWriteArrayList<>();

    private FakeBinance(Vertx vertx, Clock clock, String... symbols) {
        super(vertx, clock);
        this.symbols = List.of(symbols);
        this.symbol = symbols[0];
    }

    /** Serves these symbols (the first is the one of {@link #pushKline(long, boolean)}). */
    public static Future<FakeBinance> start(Vertx vertx, Clock clock, String... symbols) {
        FakeBinance b = new FakeBinance(vertx, clock, symbols);
        return b.listen().map(v -> b);
    }

    /** The candle of the minute opening at {@code openMs} (deterministic; {@code closed} as asked). */
    public static Candle candle(long openMs, boolean closed) {
        long i = openMs / 60_000L;
        long close = 85_000_000_000L + ((i * 7919L) % 2000L - 1000L) * 10_000L;
        long open = 85_000_000_000L + (((i - 1) * 7919L) % 2000L - 1000L) * 10_000L;
        long high = Math.max(open, close) + 5_000_000L;
        long low = Math.min(open, close) - 5_000_000L;
        return new Candle(java.time.Instant.ofEpochMilli(openMs), open, high, low, close, 12_500_000L, closed);
    }

    /** REST will not serve this minute (an exchange outage). */
    public FakeBinance omit(long openMs) {
        missing.add(openMs);
        return this;
    }

    /** Pushes the kline of one minute on every socket, as the combined stream sends it. */
    public FakeBinance pushKline(long openMs, boolean closed) {
        return pushKline(symbol, openMs, closed);
    }

    /** Pushes the kline of one symbol's minute on every socket. */
    public FakeBinance pushKline(String sym, long openMs, boolean closed) {
        sendToAll(klineFrame(sym, candle(openMs, closed)));
        return this;
    }

    public FakeBinance pushShutdown() {
        sendToAll(new JsonObject().put("e", "serverShutdown").put("E", clock.millis()).encode());
        return this;
    }

    public List<String> streamsRequested() {
        return List.copyOf(streamsRequested);
    }

    public String klineFrame(Candle c) {
        return klineFrame(symbol, c);
    }

    public String klineFrame(String symbol, Candle c) {
        long open = c.openTime().toEpochMilli();
        JsonObject k = new JsonObject().put("t", open).put("T", open + 59_999).put("s", symbol).put("i", "1m")
                .put("f", 100).put("L", 200).put("o", dec(c.openMicros())).put("c", dec(c.closeMicros()))
                .put("h", dec(c.highMicros())).put("l", dec(c.lowMicros())).put("v", dec(c.volumeMicros()))
                .put("n", 100).put("x", c.closed()).put("q", "1.0").put("V", "0.5").put("Q", "0.5").put("B", "0");
        JsonObject data = new JsonObject().put("e", "kline").put("E", clock.millis()).put("s", symbol).put("k", k);
        return new JsonObject().put("stream", symbol.toLowerCase() + "@kline_1m").put("data", data).encode();
    }

    @Override
    protected void onRequest(HttpServerRequest req) {
        if (!req.path().equals("/api/v3/klines")) {
            req.response().setStatusCode(404).end("{\"code\":-1,\"msg\":\"not found\"}");
            return;
        }
        if (!symbols.contains(req.getParam("symbol")) || !"1m".equals(req.getParam("interval"))) {
            req.response().setStatusCode(400).end("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
        }
        long start = Long.parseLong(req.getParam("startTime", "0"));
        int limit = Integer.parseInt(req.getParam("limit", "500"));
        long end = req.getParam("endTime") == null ? Long.MAX_VALUE : Long.parseLong(req.getParam("endTime"));
        long now = clock.millis();
        long open = Math.floorDiv(start + 59_999, 60_000L) * 60_000L;
        JsonArray rows = new JsonArray();
        while (rows.size() < limit && open <= now && open <= end) {
            if (!missing.contains(open)) {
                Candle c = candle(open, true);
                rows.add(new JsonArray().add(open).add(dec(c.openMicros())).add(dec(c.highMicros()))
                        .add(dec(c.lowMicros())).add(dec(c.closeMicros())).add(dec(c.volumeMicros()))
                        .add(open + 59_999).add("1000.0").add(100).add("0.5").add("0.5").add("0"));
            }
            open += 60_000L;
        }
        FakeGamma.json(req, rows.encode());
    }

    @Override
    protected void onWsOpen(ServerWebSocket ws) {
        streamsRequested.add(ws.query() == null ? ws.path() : ws.path() + "?" + ws.query());
    }

    private static String dec(long micros) {
        return Micros.format(micros, 2);
    }
}
