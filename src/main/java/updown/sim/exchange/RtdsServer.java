package updown.sim.exchange;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.synthetic.SimMarketModel;
import updown.synthetic.fault.Venue;
import updown.synthetic.random.Mix;

/**
 * Polymarket's real-time data socket (legacy RTDS) for the Chainlink BTC/USD stream: subscribing to
 * {@code crypto_prices_chainlink} with the JSON-string filter {@code {"symbol":"btc/usd"}} first yields a history
 * frame (topic {@code crypto_prices}, type {@code subscribe}, the last minute of per-second values), then one
 * {@code update} per Chainlink report (one per simulated second) with {@code value} and {@code full_accuracy_value}
 * (value × 1e18 as an integer string). The Binance-sourced topic {@code crypto_prices} (filter {@code btcusdt}) is
 * served too. Text {@code PING} gets {@code PONG}.
 */
final class RtdsServer {
    private static final Logger LOG = LoggerFactory.getLogger(RtdsServer.class);
    static final String CHAINLINK_TOPIC = "crypto_prices_chainlink";
    static final String BINANCE_TOPIC = "crypto_prices";
    static final String CHAINLINK_SYMBOL = "btc/usd";
    private static final int HISTORY_SECONDS = 60;
    private static final int MAX_TICKS_PER_STEP = 600;
    private static final BigInteger E10 = BigInteger.TEN.pow(10);

    private final ExchangeState st;
    private final SimStats stats;
    private final long seed;
    private final String binanceSymbol;
    private final List<Session> sessions = new ArrayList<>();
    private long connections;
    private long malformedCounter;

    RtdsServer(ExchangeState st, SimStats stats, long seed, String binanceSymbol) {
        this.st = st;
        this.stats = stats;
        this.seed = seed;
        this.binanceSymbol = binanceSymbol.toLowerCase(Locale.ROOT);
    }

    private static final class Session {
        final SimSocket socket;
        final String connectionId;
        /** Subscribed Chainlink symbols ("eth/usd") → second (after the epoch) of the last report sent. */
        final Map<String, Long> chainlink = new LinkedHashMap<>();
        boolean binance;
        /** Second (after the epoch) of the last report sent, per topic. */
        long lastBinanceSecond = -1;

        Session(SimSocket socket, String connectionId) {
            this.socket = socket;
            this.connectionId = connectionId;
        }
    }

    int openSockets() {
        return (int) sessions.stream().filter(s -> !s.socket.isClosed()).count();
    }

    Future<HttpServer> listen(Vertx vertx) {
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .webSocketHandler(this::accept)
                .requestHandler(req -> req.response().setStatusCode(404).end())
                .listen();
    }

    private void accept(ServerWebSocket ws) {
        byte[] id = new byte[15];
        long h = Mix.hash(seed, 0x7274, connections++);
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (Mix.hash(h, i) >>> 8);
        }
        Session s = new Session(new SimSocket(ws, Venue.RTDS_WS, st.now(), stats),
                Base64.getEncoder().encodeToString(id).substring(0, 18) + "==");
        sessions.add(s);
        ws.textMessageHandler(msg -> onMessage(s, msg));
        ws.closeHandler(v -> {
            s.socket.markClosed();
            sessions.remove(s);
        });
        ws.exceptionHandler(e -> LOG.debug("rtds-ws socket error: {}", e.toString()));
    }

    private void onMessage(Session s, String msg) {
        Instant now = st.now();
        if ("PING".equalsIgnoreCase(msg.strip())) {
            s.socket.send("PONG", now);
            return;
        }
        try {
            JsonObject req = new JsonObject(msg);
            String action = String.valueOf(req.getValue("action"));
            JsonArray subs = req.getJsonArray("subscriptions");
            if (subs == null) {
                return;
            }
            boolean subscribe = "subscribe".equals(action);
            if (!subscribe && !"unsubscribe".equals(action)) {
                return;
            }
            for (Object o : subs) {
                if (!(o instanceof JsonObject sub)) {
                    continue;
                }
                String topic = String.valueOf(sub.getValue("topic"));
                Object filters = sub.getValue("filters");
                if (CHAINLINK_TOPIC.equals(topic)) {
                    for (String symbol : chainlinkSymbols(filters)) {
                        if (subscribe && !s.chainlink.containsKey(symbol)) {
                            s.chainlink.put(symbol, -1L);
                            sendHistory(s, symbol, now);
                        } else if (!subscribe) {
                            s.chainlink.remove(symbol);
                        }
                    }
                } else if (BINANCE_TOPIC.equals(topic) && binanceFilterMatches(filters)) {
                    s.binance = subscribe;
                    s.lastBinanceSecond = st.model().second(now);
                }
            }
        } catch (DecodeException | ClassCastException e) {
            LOG.debug("rtds: ignoring a client message that is not a subscription: {}", msg);
        }
    }

    /** The served Chainlink symbols a subscription's filter names: no filter = every served one. */
    private List<String> chainlinkSymbols(Object filters) {
        List<String> served = new ArrayList<>();
        for (SimMarketModel m : st.models()) {
            String symbol = m.key().asset().toLowerCase(Locale.ROOT) + "/usd";
            if (!served.contains(symbol)) {
                served.add(symbol);
            }
        }
        if (filters == null || (filters instanceof String f && f.isBlank())) {
            return served;
        }
        try {
            JsonObject f = filters instanceof JsonObject o ? o : new JsonObject(String.valueOf(filters));
            String wanted = String.valueOf(f.getValue("symbol")).toLowerCase(Locale.ROOT);
            return served.contains(wanted) ? List.of(wanted) : List.of();
        } catch (DecodeException e) {
            return List.of();
        }
    }

    /** The model pricing a Chainlink symbol ("eth/usd"). */
    private SimMarketModel modelOf(String chainlinkSymbol) {
        String asset = chainlinkSymbol.substring(0, chainlinkSymbol.indexOf('/'));
        return st.modelOfAsset(asset).orElse(st.model());
    }

    private boolean binanceFilterMatches(Object filters) {
        if (filters == null) {
            return true;
        }
        String f = String.valueOf(filters).toLowerCase(Locale.ROOT);
        return f.isBlank() || f.contains(binanceSymbol);
    }

    private void sendHistory(Session s, String symbol, Instant now) {
        SimMarketModel m = modelOf(symbol);
        long last = m.second(now);
        JsonArray data = new JsonArray();
        for (long sec = Math.max(0, last - HISTORY_SECONDS + 1); sec <= last; sec++) {
            data.add(new JsonObject().put("timestamp", secondMillis(sec))
                    .put("value", value(m.chainlinkE8AtSecond(sec))));
        }
        JsonObject frame = new JsonObject()
                .put("payload", new JsonObject().put("data", data).put("symbol", symbol))
                .put("timestamp", now.toEpochMilli())
                .put("topic", BINANCE_TOPIC)
                .put("type", "subscribe");
        if (s.socket.send(frame.encode(), now)) {
            s.chainlink.put(symbol, last);
        }
    }

    private long secondMillis(long second) {
        return st.model().epoch().toEpochMilli() + second * 1000;
    }

    private static double value(long e8) {
        return e8 / 1e8;
    }

    /** Sends every report made in (prev, now] to each subscriber, oldest first. */
    void step(Instant now) {
        SimMarketModel m = st.model();
        long cur = m.second(now);
        for (Session s : new ArrayList<>(sessions)) {
            if (s.socket.isClosed()) {
                continue;
            }
            if (s.socket.frozenAt(now)) {
                // a frozen socket loses the reports of its silence, as a half-dead connection does
                s.chainlink.replaceAll((symbol, last) -> cur);
                s.lastBinanceSecond = cur;
                continue;
            }
            // reports made while the socket was frozen are lost, even when this step comes long after the thaw
            long thawed = s.socket.frozenUntil() == null ? 0 : m.second(s.socket.frozenUntil());
            for (Map.Entry<String, Long> sub : s.chainlink.entrySet()) {
                String symbol = sub.getKey();
                SimMarketModel cm = modelOf(symbol);
                long from = Math.max(Math.max(sub.getValue() + 1, thawed), cur - MAX_TICKS_PER_STEP + 1);
                for (long sec = from; sec <= cur; sec++) {
                    long e8 = cm.chainlinkE8AtSecond(sec);
                    JsonObject frame = new JsonObject()
                            .put("connection_id", s.connectionId)
                            .put("payload", new JsonObject()
                                    .put("full_accuracy_value", BigInteger.valueOf(e8).multiply(E10).toString())
                                    .put("symbol", symbol)
                                    .put("timestamp", secondMillis(sec))
                                    .put("value", value(e8)))
                            .put("timestamp", now.toEpochMilli())
                            .put("topic", CHAINLINK_TOPIC)
                            .put("type", "update");
                    if (!s.socket.send(frame.encode(), now)) {
                        break;
                    }
                    sub.setValue(sec);
                }
            }
            if (s.binance) {
                long from = Math.max(Math.max(s.lastBinanceSecond + 1, thawed), cur - MAX_TICKS_PER_STEP + 1);
                for (long sec = from; sec <= cur; sec++) {
                    JsonObject frame = new JsonObject()
                            .put("topic", BINANCE_TOPIC)
                            .put("type", "update")
                            .put("timestamp", now.toEpochMilli())
                            .put("payload", new JsonObject()
                                    .put("symbol", binanceSymbol)
                                    .put("timestamp", secondMillis(sec))
                                    .put("value", m.btcPrice(m.epoch().plusSeconds(sec)).doubleValue()));
                    if (!s.socket.send(frame.encode(), now)) {
                        break;
                    }
                    s.lastBinanceSecond = sec;
                }
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
            s.socket.sendCorrupted(Mix.hash(seed, 0x72746473, malformedCounter++), now);
        }
    }
}
