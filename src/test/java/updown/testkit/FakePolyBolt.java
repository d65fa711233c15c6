package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback PolyBolt (Polymarket live data v2, documented frames): {@code auth} with the expected credentials →
 * {@code authed}, wrong ones → close 4001; {@code subscribe} before auth → {@code error auth_required} (socket
 * stays open); after auth → {@code subscribed} per channel, then one snapshot of the last two minutes
 * ({@code snapshot:true}, {@code payload.data[]}); {@code unsubscribe} → {@code unsubscribed};
 * {@code {"op":"ping"}} → {@code pong}. Updates carry a {@code seq} per connection and channel. Only
 * {@code price.crypto.twap} 60 s on {@code btcusd} is served; the test pushes its values.
 */
public final class FakePolyBolt extends FakeServer {
    public static final String CHANNEL = "price.crypto.twap";

    private final String apiKey;
    private final String secret;
    private final String passphrase;
    private final ConcurrentSkipListMap<Long, String> history = new ConcurrentSkipListMap<>();
    private final Map<ServerWebSocket, AtomicLong> seqs = new ConcurrentHashMap<>();
    private final Set<ServerWebSocket> authed = ConcurrentHashMap.newKeySet();
    private final Set<ServerWebSocket> subscribed = ConcurrentHashMap.newKeySet();

    private FakePolyBolt(Vertx vertx, Clock clock, String apiKey, String secret, String passphrase) {
        super(vertx, clock);
        this.apiKey = apiKey;
        this.secret = secret;
        this.passphrase = passphrase;
    }

    /** A server that accepts exactly these credentials. */
    public static Future<FakePolyBolt> start(Vertx vertx, Clock clock, String apiKey, String secret, String passphrase) {
        FakePolyBolt p = new FakePolyBolt(vertx, clock, apiKey, secret, passphrase);
        return p.listen().map(v -> p);
    }

    /** Records a 60 s TWAP value stamped {@code at} and pushes it, with the next seq, to every subscribed socket. */
    public FakePolyBolt pushTwap(Instant at, String value) {
        history.put(at.toEpochMilli(), value);
        for (ServerWebSocket ws : subscribed) {
            long seq = seqs.computeIfAbsent(ws, k -> new AtomicLong()).incrementAndGet();
            send(ws, envelope(seq, false, new JsonObject().put("symbol", "btcusd")
                    .put("value", Double.parseDouble(value)).put("full_accuracy_value", value)
                    .put("timestamp", at.toEpochMilli())));
        }
        return this;
    }

    /** Stores a value without pushing it: it is in the next snapshot. */
    public FakePolyBolt remember(Instant at, String value) {
        history.put(at.toEpochMilli(), value);
        return this;
    }

    /** Loses the next {@code n} updates of every socket: their seq numbers are used up, nothing is sent. */
    public FakePolyBolt loseUpdates(int n) {
        for (ServerWebSocket ws : subscribed) {
            seqs.computeIfAbsent(ws, k -> new AtomicLong()).addAndGet(n);
        }
        return this;
    }

    /** Closes every socket with a PolyBolt close code (4001 auth, 4002 slow, 4003 draining, 4008 policy). */
    public FakePolyBolt closeAll(int code, String reason) {
        for (ServerWebSocket ws : sockets) {
            ws.close((short) code, reason);
        }
        return this;
    }

    /** How many {@code subscribe} frames arrived. */
    public long subscribes() {
        return received().stream().filter(s -> s.contains("\"op\":\"subscribe\"")).count();
    }

    /** How many {@code auth} frames arrived. */
    public long auths() {
        return received().stream().filter(s -> s.contains("\"op\":\"auth\"")).count();
    }

    @Override
    protected void onRequest(HttpServerRequest req) {
        req.response().setStatusCode(404).end();
    }

    @Override
    protected void onWsOpen(ServerWebSocket ws) {
        ws.closeHandler(v -> {
            sockets.remove(ws);
            authed.remove(ws);
            subscribed.remove(ws);
            seqs.remove(ws);
        });
    }

    @Override
    protected void onWsText(ServerWebSocket ws, String text) {
        JsonObject msg;
        try {
            msg = new JsonObject(text);
        } catch (RuntimeException e) {
            return;
        }
        String op = msg.getString("op", "");
        String rid = msg.getString("rid");
        switch (op) {
            case "auth" -> {
                JsonObject a = msg.getJsonObject("auth", new JsonObject());
                if (apiKey.equals(a.getString("apiKey")) && secret.equals(a.getString("secret"))
                        && passphrase.equals(a.getString("passphrase"))) {
                    authed.add(ws);
                    send(ws, new JsonObject().put("op", "authed").put("rid", rid));
                } else {
                    ws.close((short) 4001, "auth failed");
                }
            }
            case "subscribe" -> subscribe(ws, msg, rid);
            case "unsubscribe" -> {
                subscribed.remove(ws);
                send(ws, new JsonObject().put("op", "unsubscribed").put("channel", CHANNEL).put("rid", rid));
            }
            case "ping" -> send(ws, new JsonObject().put("op", "pong"));
            default -> send(ws, new JsonObject().put("op", "error").put("code", "bad_request").put("rid", rid));
        }
    }

    private void subscribe(ServerWebSocket ws, JsonObject msg, String rid) {
        if (!authed.contains(ws)) {
            send(ws, new JsonObject().put("op", "error").put("code", "auth_required").put("channel", CHANNEL)
                    .put("rid", rid));
            return;
        }
        JsonArray subs = msg.getJsonArray("subscriptions", new JsonArray());
        for (int i = 0; i < subs.size(); i++) {
            JsonObject s = subs.getJsonObject(i);
            JsonObject f = s.getJsonObject("filter", new JsonObject());
            if (!CHANNEL.equals(s.getString("channel")) || !"btcusd".equals(f.getString("symbol"))
                    || f.getInteger("window_seconds", 0) != 60) {
                send(ws, new JsonObject().put("op", "error").put("code", "bad_filter").put("rid", rid));
                continue;
            }
            send(ws, new JsonObject().put("op", "subscribed").put("channel", CHANNEL).put("rid", rid));
            JsonArray data = new JsonArray();
            for (Map.Entry<Long, String> e : history.tailMap(clock.millis() - 120_000).entrySet()) {
                data.add(new JsonObject().put("timestamp", e.getKey()).put("value", Double.parseDouble(e.getValue()))
                        .put("full_accuracy_value", e.getValue()));
            }
            long seq = seqs.computeIfAbsent(ws, k -> new AtomicLong()).incrementAndGet();
            subscribed.add(ws);
            send(ws, envelope(seq, true, new JsonObject().put("symbol", "btcusd").put("data", data)));
        }
    }

    private JsonObject envelope(long seq, boolean snapshot, JsonObject payload) {
        JsonObject e = new JsonObject().put("v", 1).put("channel", CHANNEL).put("seq", seq).put("ts", clock.millis());
        if (snapshot) {
            e.put("snapshot", true);
        }
        return e.put("payload", payload);
    }

    private void send(ServerWebSocket ws, JsonObject frame) {
        if (!frozen()) {
            ws.writeTextMessage(frame.encode());
        }
    }
}
