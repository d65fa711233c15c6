package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback Gamma API: {@code GET /events} (by {@code slug}, or listing by {@code series_slug} /
 * {@code end_date_min} / {@code end_date_max}) and {@code GET /markets?slug=}, answering in the real shapes
 * (events wrap {@code markets[]}; {@code outcomes}, {@code outcomePrices}, {@code clobTokenIds} as JSON-encoded
 * strings). Like the real API it honours {@code closed=false} by hiding closed markets, so a client that sends it
 * (seed bug 3) cannot find them. Markets are built from the live fixture by {@link #market}.
 *
 * <pre>
 * FakeGamma gamma = FakeGamma.start(vertx, clock).result-of-future;
 * gamma.put(FakeGamma.market("btc-updown-5m-1778584200", start, 5, "2229686", "0xabc", "111", "222"));
 * gamma.resolve("btc-updown-5m-1778584200", "Down");      // closed, outcomePrices ["0","1"]
 * gamma.eventsAnswerEmpty(true);                          // the events endpoint says [] (client must fall back)
 * gamma.failNext("/events", 1, 429, Map.of("Retry-After", "2"), "");
 * </pre>
 */
public final class FakeGamma extends FakeServer {
    private final Map<String, JsonObject> markets = new ConcurrentHashMap<>();
    private final AtomicBoolean eventsEmpty = new AtomicBoolean();

    private FakeGamma(Vertx vertx, Clock clock) {
        super(vertx, clock);
    }

    public static Future<FakeGamma> start(Vertx vertx, Clock clock) {
        FakeGamma g = new FakeGamma(vertx, clock);
        return g.listen().map(v -> g);
    }

    /**
     * A BTC-style up/down market object shaped like the live capture
     * ({@code gamma/event-btc-updown-5m-1778584200-live.json}), for the given window and ids.
     */
    public static JsonObject market(String slug, Instant windowStart, int minutes, String id, String conditionId,
                                    String upToken, String downToken) {
        JsonObject event = new JsonObject(Fixtures.fixture("gamma/event-btc-updown-5m-1778584200-live.json"));
        JsonObject m = event.getJsonArray("markets").getJsonObject(0).copy();
        Instant end = windowStart.plusSeconds(minutes * 60L);
        m.put("id", id).put("slug", slug).put("conditionId", conditionId)
                .put("question", "Up or Down " + slug)
                .put("clobTokenIds", new JsonArray(List.of(upToken, downToken)).encode())
                .put("outcomes", "[\"Up\", \"Down\"]")
                .put("outcomePrices", "[\"0.5\", \"0.5\"]")
                .put("eventStartTime", windowStart.toString()).put("endDate", end.toString())
                .put("startDate", windowStart.minusSeconds(86_400).toString())
                .put("active", true).put("closed", false).put("acceptingOrders", true).put("enableOrderBook", true);
        return m;
    }

    public FakeGamma put(JsonObject market) {
        markets.put(market.getString("slug"), market.copy());
        return this;
    }

    public JsonObject get(String slug) {
        JsonObject m = markets.get(slug);
        return m == null ? null : m.copy();
    }

    /** Closes the market with final prices: {@code winner} is "Up" or "Down". */
    public FakeGamma resolve(String slug, String winner) {
        return update(slug, m -> m.put("closed", true).put("acceptingOrders", false)
                .put("umaResolutionStatus", "resolved").put("closedTime", "2026-05-12 11:16:32+00")
                .put("outcomePrices", "Up".equals(winner) ? "[\"1\", \"0\"]" : "[\"0\", \"1\"]"));
    }

    /** Any change to a stored market (e.g. {@code m -> m.put("closed", true)}). */
    public FakeGamma update(String slug, java.util.function.Consumer<JsonObject> change) {
        markets.computeIfPresent(slug, (k, m) -> {
            JsonObject copy = m.copy();
            change.accept(copy);
            return copy;
        });
        return this;
    }

    /** When on, {@code /events} answers {@code []} (the facts file says it sometimes does). */
    public FakeGamma eventsAnswerEmpty(boolean on) {
        eventsEmpty.set(on);
        return this;
    }

    @Override
    protected void onRequest(HttpServerRequest req) {
        String path = req.path();
        if (path.equals("/events")) {
            JsonArray out = new JsonArray();
            if (!eventsEmpty.get()) {
                for (JsonObject m : select(req)) {
                    out.add(event(m));
                }
            }
            json(req, out.encode());
        } else if (path.equals("/markets")) {
            JsonArray out = new JsonArray();
            select(req).forEach(out::add);
            json(req, out.encode());
        } else {
            req.response().setStatusCode(404).end("{\"error\":\"not found\"}");
        }
    }

    private List<JsonObject> select(HttpServerRequest req) {
        String slug = req.getParam("slug");
        String closed = req.getParam("closed");
        String endMin = req.getParam("end_date_min");
        String endMax = req.getParam("end_date_max");
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject m : markets.values()) {
            if (slug != null && !slug.equals(m.getString("slug"))) {
                continue;
            }
            if (slug == null && endMin == null && endMax == null && req.getParam("series_slug") == null) {
                continue;
            }
            if (closed != null && Boolean.parseBoolean(closed) != m.getBoolean("closed", false)) {
                continue;
            }
            Instant end = Instant.parse(m.getString("endDate"));
            if (endMin != null && end.isBefore(Instant.parse(endMin))) {
                continue;
            }
            if (endMax != null && end.isAfter(Instant.parse(endMax))) {
                continue;
            }
            out.add(m);
        }
        out.sort(java.util.Comparator.comparing(m -> m.getString("endDate")));
        return out;
    }

    private static JsonObject event(JsonObject m) {
        return new JsonObject().put("id", "ev-" + m.getString("id")).put("ticker", m.getString("slug"))
                .put("slug", m.getString("slug")).put("title", m.getString("question"))
                .put("resolutionSource", m.getString("resolutionSource"))
                .put("startTime", m.getString("eventStartTime")).put("endDate", m.getString("endDate"))
                .put("active", m.getBoolean("active")).put("closed", m.getBoolean("closed"))
                .put("seriesSlug", "btc-up-or-down-5m").put("markets", new JsonArray().add(m));
    }

    static void json(HttpServerRequest req, String body) {
        req.response().putHeader("Content-Type", "application/json").end(body);
    }
}
