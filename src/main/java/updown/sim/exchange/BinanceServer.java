package updown.sim.exchange;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.synthetic.Kline;
import updown.synthetic.SimMarketModel;
import updown.synthetic.fault.Venue;
import updown.synthetic.random.Mix;

/**
 * Binance spot market data for the one simulated symbol: REST {@code /api/v3/klines} (rows of 12, prices as
 * strings), {@code /api/v3/time}, {@code /api/v3/ping}; websocket raw streams {@code /ws/<symbol>@kline_1m} and
 * combined {@code /stream?streams=a/b} (wrapped {@code {"stream","data"}}), live SUBSCRIBE/UNSUBSCRIBE. The kline of
 * the current minute is pushed every {@code klinePushMs} with {@code x:false}, the final one with {@code x:true} once
 * its minute is over. A connection older than 24 h, or hit by a drop fault, gets {@code serverShutdown} and is closed.
 * Ping frames every 20 s, as Binance sends.
 */
final class BinanceServer {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceServer.class);
    static final Duration MAX_CONNECTION_AGE = Duration.ofHours(24);
    private static final long PING_EVERY_MS = 20_000;
    private static final int MAX_FINALS_PER_STEP = 10;

    private final HttpVenue http;
    private final SimStats stats;
    private final long seed;
    /** Served symbols (upper case, e.g. ETHUSDT) → the asset whose price path they quote. */
    private final Map<String, String> symbols;
    private final List<Session> sessions = new ArrayList<>();
    private long malformedCounter;

    BinanceServer(HttpVenue http, SimStats stats, long seed, String symbol) {
        this(http, stats, seed, Map.of(symbol, "BTC"));
    }

    /** Serves each symbol of {@code symbols} (→ its asset) from that asset's price path. */
    BinanceServer(HttpVenue http, SimStats stats, long seed, Map<String, String> symbols) {
        this.http = http;
        this.stats = stats;
        this.seed = seed;
        this.symbols = new LinkedHashMap<>(symbols);
    }

    private static String streamOf(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + "@kline_1m";
    }

    /** The model of a served symbol's asset, if the symbol is served. */
    private java.util.Optional<SimMarketModel> modelOf(String symbol) {
        String asset = symbols.get(symbol);
        return asset == null ? java.util.Optional.empty() : state().modelOfAsset(asset);
    }

    /** How a connection's frames are shaped: bare events ({@code /ws}) or wrapped per stream ({@code /stream}). */
    private enum Framing { RAW, COMBINED }

    private static final class Session {
        final SimSocket socket;
        final Framing framing;
        final Set<String> streams = new LinkedHashSet<>();

        Session(SimSocket socket, Framing framing) {
            this.socket = socket;
            this.framing = framing;
        }
    }

    private ExchangeState state() {
        return http.state();
    }

    int openSockets() {
        return (int) sessions.stream().filter(s -> !s.socket.isClosed()).count();
    }

    Future<HttpServer> listen(Vertx vertx) {
        Router r = Router.router(vertx);
        r.route().handler(http::faultFilter);
        r.get("/api/v3/klines").handler(this::klines);
        r.get("/api/v3/time").handler(ctx -> http.json(ctx, 200,
                new JsonObject().put("serverTime", state().now().toEpochMilli())));
        r.get("/api/v3/ping").handler(ctx -> http.json(ctx, 200, new JsonObject()));
        r.route().last().handler(ctx -> http.json(ctx, 404,
                new JsonObject().put("code", -1000).put("msg", "Unknown path.")));
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(this::accept)
                .requestHandler(r)
                .listen();
    }

    // ---------------------------------------------------------------- REST

    private void klines(RoutingContext ctx) {
        String sym = ctx.request().getParam("symbol");
        if (sym == null || sym.isBlank()) {
            binanceError(ctx, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
            return;
        }
        java.util.Optional<SimMarketModel> served = modelOf(sym.strip());
        if (served.isEmpty()) {
            binanceError(ctx, -1121, "Invalid symbol.");
            return;
        }
        String interval = ctx.request().getParam("interval");
        if (interval == null || interval.isBlank()) {
            binanceError(ctx, -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.");
            return;
        }
        if (!"1m".equals(interval.strip())) {
            binanceError(ctx, -1120, "Invalid interval.");
            return;
        }
        Long start;
        Long end;
        long limit;
        try {
            start = optionalLong(ctx, "startTime");
            end = optionalLong(ctx, "endTime");
            Long l = optionalLong(ctx, "limit");
            limit = l == null ? 500 : l;
        } catch (NumberFormatException e) {
            binanceError(ctx, -1100, "Illegal characters found in parameter '" + e.getMessage()
                    + "'; legal range is '^[0-9]{1,20}$'.");
            return;
        }
        if (limit < 1 || limit > 1000) {
            binanceError(ctx, -1130, "Data sent for parameter 'limit' is not valid.");
            return;
        }
        if (start != null && end != null && start > end) {
            binanceError(ctx, -1023, "Start time is greater than end time.");
            return;
        }
        Instant now = state().now();
        SimMarketModel model = served.get();
        long firstOpen = model.epoch().toEpochMilli();
        long lastOpen = Math.floorDiv(now.toEpochMilli(), 60_000) * 60_000;
        long from;
        long to = lastOpen;
        if (end != null) {
            to = Math.min(to, Math.floorDiv(end, 60_000) * 60_000);
        }
        if (start != null) {
            from = Math.max(firstOpen, Math.floorDiv(start + 59_999, 60_000) * 60_000);
        } else {
            from = Math.max(firstOpen, to - (limit - 1) * 60_000);
        }
        JsonArray rows = new JsonArray();
        for (long t = from; t <= to && rows.size() < limit; t += 60_000) {
            model.kline(Instant.ofEpochMilli(t), now).ifPresent(k -> rows.add(row(k)));
        }
        http.json(ctx, 200, rows);
    }

    private static Long optionalLong(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new NumberFormatException(name);
        }
    }

    private void binanceError(RoutingContext ctx, int code, String msg) {
        http.json(ctx, 400, new JsonObject().put("code", code).put("msg", msg));
    }

    static JsonArray row(Kline k) {
        return new JsonArray()
                .add(k.openTimeMs())
                .add(Kline.price(k.openCents()))
                .add(Kline.price(k.highCents()))
                .add(Kline.price(k.lowCents()))
                .add(Kline.price(k.closeCents()))
                .add(Kline.amount(k.volume()))
                .add(k.closeTimeMs())
                .add(k.quoteVolume())
                .add(k.trades())
                .add(Kline.amount(k.takerBuyVolume()))
                .add(k.takerBuyQuoteVolume())
                .add("0");
    }

    JsonObject klineEvent(Kline k, Instant now) {
        return klineEvent(symbols.keySet().iterator().next(), k, now);
    }

    JsonObject klineEvent(String symbol, Kline k, Instant now) {
        return new JsonObject()
                .put("e", "kline")
                .put("E", now.toEpochMilli())
                .put("s", symbol)
                .put("k", new JsonObject()
                        .put("t", k.openTimeMs())
                        .put("T", k.closeTimeMs())
                        .put("s", symbol)
                        .put("i", "1m")
                        .put("f", k.firstTradeId())
                        .put("L", k.lastTradeId())
                        .put("o", Kline.price(k.openCents()))
                        .put("c", Kline.price(k.closeCents()))
                        .put("h", Kline.price(k.highCents()))
                        .put("l", Kline.price(k.lowCents()))
                        .put("v", Kline.amount(k.volume()))
                        .put("n", k.trades())
                        .put("x", k.closed())
                        .put("q", k.quoteVolume())
                        .put("V", Kline.amount(k.takerBuyVolume()))
                        .put("Q", k.takerBuyQuoteVolume())
                        .put("B", "0"));
    }

    // ---------------------------------------------------------------- websocket

    private void handshake(ServerWebSocketHandshake h) {
        String p = h.path();
        if (p.equals("/ws") || p.startsWith("/ws/") || p.equals("/stream")) {
            h.accept();
        } else {
            h.reject(404);
        }
    }

    private void accept(ServerWebSocket ws) {
        boolean combined = ws.path().equals("/stream");
        Session s = new Session(new SimSocket(ws, Venue.BINANCE_WS, state().now(), stats),
                combined ? Framing.COMBINED : Framing.RAW);
        if (combined) {
            String q = ws.query() == null ? "" : ws.query();
            for (String kv : q.split("&")) {
                if (kv.startsWith("streams=")) {
                    for (String st : URLDecoder.decode(kv.substring(8), StandardCharsets.UTF_8).split("/")) {
                        if (!st.isBlank()) {
                            s.streams.add(st.strip());
                        }
                    }
                }
            }
        } else if (ws.path().startsWith("/ws/")) {
            for (String st : ws.path().substring(4).split("/")) {
                if (!st.isBlank()) {
                    s.streams.add(st.strip());
                }
            }
        }
        sessions.add(s);
        ws.textMessageHandler(msg -> onMessage(s, msg));
        ws.closeHandler(v -> {
            s.socket.markClosed();
            sessions.remove(s);
        });
        ws.exceptionHandler(e -> LOG.debug("binance-ws socket error: {}", e.toString()));
    }

    private void onMessage(Session s, String msg) {
        Instant now = state().now();
        JsonObject req;
        try {
            req = new JsonObject(msg);
        } catch (DecodeException e) {
            JsonObject error = new JsonObject().put("code", 2)
                    .put("msg", "Invalid request: request ID must be an unsigned integer");
            s.socket.send(new JsonObject().put("error", error).putNull("id").encode(), now);
            return;
        }
        Object id = req.getValue("id");
        String method = req.getValue("method") instanceof String m ? m : "";
        List<String> params = new ArrayList<>();
        if (req.getValue("params") instanceof JsonArray a) {
            a.forEach(p -> params.add(String.valueOf(p)));
        }
        switch (method) {
            case "SUBSCRIBE" -> {
                s.streams.addAll(params);
                s.socket.send(new JsonObject().putNull("result").put("id", id).encode(), now);
            }
            case "UNSUBSCRIBE" -> {
                params.forEach(s.streams::remove);
                s.socket.send(new JsonObject().putNull("result").put("id", id).encode(), now);
            }
            case "LIST_SUBSCRIPTIONS" -> s.socket.send(new JsonObject()
                    .put("result", new JsonArray(new ArrayList<>(s.streams))).put("id", id).encode(), now);
            default -> s.socket.send(new JsonObject().put("error", new JsonObject().put("code", 2)
                    .put("msg", "Invalid request: unknown variant `" + method + "`")).put("id", id).encode(), now);
        }
    }

    /** Pushes klines due in (prev, now], closes connections past their 24 h, pings every 20 s. */
    void step(Instant prev, Instant now) {
        boolean push = Math.floorDiv(now.toEpochMilli(), state().model().options().klinePushMs())
                > Math.floorDiv(prev.toEpochMilli(), state().model().options().klinePushMs());
        long firstEnded = Math.floorDiv(prev.toEpochMilli(), 60_000);   // minutes whose end lies in (prev, now]
        long lastEnded = Math.floorDiv(now.toEpochMilli(), 60_000);
        Map<String, List<Kline>> finals = new LinkedHashMap<>();
        Map<String, Kline> current = new LinkedHashMap<>();
        for (String symbol : symbols.keySet()) {
            SimMarketModel model = modelOf(symbol).orElse(null);
            if (model == null) {
                continue;
            }
            List<Kline> f = new ArrayList<>();
            for (long m = Math.max(firstEnded, lastEnded - MAX_FINALS_PER_STEP); m < lastEnded; m++) {
                model.kline(Instant.ofEpochMilli(m * 60_000), now).ifPresent(f::add);
            }
            finals.put(symbol, f);
            if (push) {
                model.kline(Instant.ofEpochMilli(lastEnded * 60_000), now).ifPresent(k -> current.put(symbol, k));
            }
        }
        boolean ping = Math.floorDiv(now.toEpochMilli(), PING_EVERY_MS) > Math.floorDiv(prev.toEpochMilli(),
                PING_EVERY_MS);
        for (Session s : new ArrayList<>(sessions)) {
            if (s.socket.isClosed()) {
                continue;
            }
            if (!now.isBefore(s.socket.openedAt().plus(MAX_CONNECTION_AGE))) {
                shutdown(s, now);
                continue;
            }
            for (Map.Entry<String, List<Kline>> e : finals.entrySet()) {
                String symbol = e.getKey();
                if (!s.streams.contains(streamOf(symbol))) {
                    continue;
                }
                for (Kline k : e.getValue()) {
                    send(s, symbol, klineEvent(symbol, k, now), now);
                }
                Kline c = current.get(symbol);
                if (c != null) {
                    send(s, symbol, klineEvent(symbol, c, now), now);
                }
            }
            if (ping) {
                s.socket.ping(now);
            }
        }
    }

    private void send(Session s, String symbol, JsonObject event, Instant now) {
        String frame = s.framing == Framing.COMBINED
                ? new JsonObject().put("stream", streamOf(symbol)).put("data", event).encode()
                : event.encode();
        s.socket.send(frame, now);
    }

    private void shutdown(Session s, Instant now) {
        s.socket.send(new JsonObject().put("e", "serverShutdown").put("E", now.toEpochMilli()).encode(), now);
        s.socket.close((short) 1001, "server shutdown");
    }

    /** The drop fault: Binance announces {@code serverShutdown}, then closes. */
    void drop(Instant now) {
        for (Session s : new ArrayList<>(sessions)) {
            shutdown(s, now);
        }
    }

    void freeze(Instant until) {
        sessions.forEach(s -> s.socket.freeze(until));
    }

    void malformed(Instant now) {
        for (Session s : new ArrayList<>(sessions)) {
            s.socket.sendCorrupted(Mix.hash(seed, 0x626E62, malformedCounter++), now);
        }
    }
}
