package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A loopback RTDS (Polymarket real-time data): answers {@code PING} with {@code PONG}; on a
 * {@code crypto_prices_chainlink} subscribe it replies with the history dump (topic {@code crypto_prices}, type
 * {@code subscribe}, the last 60 s of reports, as the live service does), then the test pushes updates
 * ({@code crypto_prices_chainlink}/{@code update} with the exact {@code full_accuracy_value}).
 */
public final class FakeRtds extends FakeServer {
    private final ConcurrentSkipListMap<Long, String> history = new ConcurrentSkipListMap<>();

    private FakeRtds(Vertx vertx, Clock clock) {
        super(vertx, clock);
    }

    public static Future<FakeRtds> start(Vertx vertx, Clock clock) {
        FakeRtds r = new FakeRtds(vertx, clock);
        return r.listen().map(v -> r);
    }

    /** Records a btc/usd report observed at {@code at} (value a decimal string) and pushes it to subscribers. */
    public FakeRtds pushPrice(Instant at, String value) {
        history.put(at.toEpochMilli(), value);
        String fav = new BigDecimal(value).movePointRight(18).toBigInteger().toString();
        JsonObject payload = new JsonObject().put("full_accuracy_value", fav).put("symbol", "btc/usd")
                .put("timestamp", at.toEpochMilli()).put("value", Double.parseDouble(value));
        sendToAll(new JsonObject().put("connection_id", "fake").put("payload", payload)
                .put("timestamp", clock.millis()).put("topic", "crypto_prices_chainlink").put("type", "update").encode());
        return this;
    }

    /** Stores a report without pushing it (it will be in the next subscribe dump). */
    public FakeRtds remember(Instant at, String value) {
        history.put(at.toEpochMilli(), value);
        return this;
    }

    @Override
    protected void onRequest(HttpServerRequest req) {
        req.response().setStatusCode(404).end();
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
        if (!"subscribe".equals(msg.getString("action"))) {
            return;
        }
        JsonArray data = new JsonArray();
        long from = clock.millis() - 60_000;
        for (Map.Entry<Long, String> e : history.tailMap(from).entrySet()) {
            data.add(new JsonObject().put("timestamp", e.getKey()).put("value", new BigDecimal(e.getValue())));
        }
        ws.writeTextMessage(new JsonObject().put("payload", new JsonObject().put("data", data).put("symbol", "btc/usd"))
                .put("timestamp", clock.millis()).put("topic", "crypto_prices").put("type", "subscribe").encode());
    }
}
