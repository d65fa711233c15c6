package updown.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.sim.exchange.SimTestSupport.assertConforms;
import static updown.sim.exchange.SimTestSupport.fixture;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.LocalBook;
import updown.domain.Outcome;
import updown.testkit.Fixtures;
import updown.time.ScaledClock;
import updown.synthetic.Kline;
import updown.synthetic.SimResolution;
import updown.synthetic.SimWindow;

@ExtendWith(VertxExtension.class)
class SimExchangeSocketTest {
    private SimTestSupport sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private static String subscribe(boolean custom, String... ids) {
        return new JsonObject().put("assets_ids", new JsonArray(List.of((Object[]) ids))).put("type", "market")
                .put("custom_feature_enabled", custom).encode();
    }

    @Test
    @DisplayName("CLOB socket: book array on subscribe, then deltas keeping local books equal to REST, step after step")
    void clobDeltasKeepLocalBooksEqualToRest(Vertx vertx) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options().withArbRate(0.3));
        SimWindow w = sim.ex.model().window(0);
        WsProbe ws = sim.ws("CLOB_WS_URL", "");
        ws.send(subscribe(true, w.upTokenId(), w.downTokenId()));
        JsonArray snapshot = new JsonArray(ws.next());
        Object liveBook = ((JsonArray) fixture("clob-ws/initial-book-frame-live-2026-10-02.json")).getValue(0);
        assertThat(snapshot).hasSize(2);
        LocalBook up = new LocalBook(w.upTokenId());
        LocalBook down = new LocalBook(w.downTokenId());
        for (Object o : snapshot) {
            JsonObject e = (JsonObject) o;
            assertConforms(e, liveBook);
            SimTestSupport.applyBook(e.getString("asset_id").equals(w.upTokenId()) ? up : down, e);
        }
        assertSameAsRest(up, down);
        Object priceChangeSample = fixture("clob-ws/price-change-doc-example.json");
        Object bestSample = fixture("clob-ws/best-bid-ask-doc-example.json");
        int changes = 0;
        int tops = 0;
        int arbs = 0;
        for (int i = 0; i < 40; i++) {
            sim.advance(Duration.ofSeconds(1));
            for (String f : ws.sync()) {
                JsonObject e = new JsonObject(f);
                switch (e.getString("event_type")) {
                    case "price_change" -> {
                        assertConforms(e, priceChangeSample);
                        assertThat(e.getString("market")).isEqualTo(w.conditionId());
                        SimTestSupport.applyChanges(up, e);
                        SimTestSupport.applyChanges(down, e);
                        changes++;
                    }
                    case "best_bid_ask" -> {
                        assertConforms(e, bestSample);
                        tops++;
                    }
                    default -> throw new AssertionError("unexpected frame " + f);
                }
            }
            assertSameAsRest(up, down);
            if (up.bestAsk().micros() + down.bestAsk().micros() < 1_000_000) {
                arbs++;
            }
        }
        assertThat(changes).isGreaterThanOrEqualTo(35);
        assertThat(tops).isPositive();
        assertThat(arbs).as("steps with Up ask + Down ask < 1 seen through the socket").isPositive();
    }

    private void assertSameAsRest(LocalBook up, LocalBook down) {
        for (LocalBook b : List.of(up, down)) {
            JsonObject rest = sim.get("CLOB_API_URL", "/book?token_id=" + b.tokenId()).bodyAsJsonObject();
            assertThat(b.sameLevelsAs(SimTestSupport.restBook(rest)))
                    .as("socket book equals REST at %s", sim.ex.now()).isTrue();
        }
    }

    @Test
    @DisplayName("CLOB socket: unknown tokens get [] or an empty zero-hash book; PING gets PONG; assets come and go")
    void clobSubscriptionEdges(Vertx vertx) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options());
        SimWindow w = sim.ex.model().window(0);
        WsProbe ws = sim.ws("CLOB_WS_URL", "");
        ws.send(subscribe(false, "1111"));
        assertThat(ws.next()).isEqualTo(Fixtures.fixture("clob-ws/unknown-or-closed-token-frame.json").strip());
        ws.send(subscribe(false, w.upTokenId(), "1111"));
        JsonArray mixed = new JsonArray(ws.next());
        JsonArray live = (JsonArray) fixture("clob-ws/initial-book-frame-live-2026-10-02.json");
        assertConforms(mixed, live);
        assertThat(mixed.getJsonObject(1).getString("hash")).isEqualTo("0000000000000000000000000000000000000000");
        assertThat(mixed.getJsonObject(1).getJsonArray("bids")).isEmpty();
        assertThat(ws.sync()).isEmpty();

        // add Down with an operation, then drop Up: later deltas name Down only
        ws.send(Fixtures.fixture("clob-ws/subscribe-more-assets.assembled.json")
                .replace("48418917734180607831833027288777571190488909295977497623601373906809754084036",
                        w.downTokenId())
                .replace("14943202171143669362180565155331992758433128192256190594100236888666963607938", "2222"));
        JsonArray added = new JsonArray(ws.next());
        assertThat(added.getJsonObject(0).getString("asset_id")).isEqualTo(w.downTokenId());
        ws.send(new JsonObject().put("assets_ids", new JsonArray().add(w.upTokenId()).add("1111"))
                .put("operation", "unsubscribe").encode());
        // PING/PONG round trip: the server has handled the unsubscribe before time moves
        ws.sync();
        for (int i = 0; i < 5; i++) {
            sim.advance(Duration.ofSeconds(1));
            for (String f : ws.sync()) {
                JsonObject e = new JsonObject(f);
                if ("price_change".equals(e.getString("event_type"))) {
                    for (Object c : e.getJsonArray("price_changes")) {
                        assertThat(((JsonObject) c).getString("asset_id")).isEqualTo(w.downTokenId());
                    }
                } else {
                    assertThat(e.getString("event_type")).isEqualTo("best_bid_ask");
                    assertThat(e.getString("asset_id")).isEqualTo(w.downTokenId());
                }
            }
        }
        // not a subscription, not JSON: ignored, the socket stays up
        ws.send("hello");
        assertThat(ws.sync()).isEmpty();
        assertThat(ws.isClosed()).isFalse();
    }

    @Test
    @DisplayName("a window closes at its end and resolves after the delay, in Gamma, the CLOB market and the socket")
    void resolutionAppearsInAllThreePlaces(Vertx vertx) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options());
        SimWindow w = sim.ex.model().window(0);
        WsProbe ws = sim.ws("CLOB_WS_URL", "");
        ws.send(subscribe(true, w.upTokenId(), w.downTokenId()));
        ws.next();

        sim.advanceTo(w.end());
        JsonObject m = sim.get("GAMMA_API_URL", "/markets/slug/" + w.slug()).bodyAsJsonObject();
        assertThat(m.getBoolean("closed")).isTrue();
        assertThat(m.getBoolean("acceptingOrders")).isFalse();
        assertThat(m.containsKey("umaResolutionStatus")).isFalse();
        assertThat(m.getString("outcomePrices")).isNotIn("[\"1\", \"0\"]", "[\"0\", \"1\"]");
        assertThat(sim.get("CLOB_API_URL", "/markets/" + w.conditionId()).bodyAsJsonObject()
                .getJsonArray("tokens").stream().map(t -> ((JsonObject) t).getBoolean("winner"))).containsOnly(false);
        List<String> frames = ws.sync();
        List<JsonObject> newMarkets = events(frames, "new_market");
        assertThat(newMarkets).isNotEmpty();
        assertConforms(newMarkets.get(0), fixture("clob-ws/new-market-btc-updown-5m-live-2026-10-02.json"));

        Instant resolves = sim.ex.resolvesAt(w);
        assertThat(Duration.between(w.end(), resolves).toSeconds()).isBetween(60L, 120L);
        sim.advanceTo(resolves.minusSeconds(1));
        assertThat(sim.ex.publishedWinner(w)).isEmpty();
        assertThat(events(ws.sync(), "market_resolved")).isEmpty();

        sim.advanceTo(resolves);
        Outcome won = sim.ex.model().chainlinkWinner(w);
        assertThat(sim.ex.publishedWinner(w)).contains(won);
        assertThat(sim.ex.resolutions()).filteredOn(r -> r.window().equals(w))
                .containsExactly(new SimResolution(w, won, won, resolves));
        JsonObject g = sim.get("GAMMA_API_URL", "/markets/slug/" + w.slug()).bodyAsJsonObject();
        assertConforms(g, fixture("gamma/market-btc-updown-5m-resolved.assembled.json"));
        assertThat(g.getString("outcomePrices")).isEqualTo(won == Outcome.UP ? "[\"1\", \"0\"]" : "[\"0\", \"1\"]");
        assertThat(g.getString("umaResolutionStatus")).isEqualTo("resolved");
        JsonArray ev = sim.get("GAMMA_API_URL", "/events?slug=" + w.slug()).bodyAsJsonArray();
        assertConforms(ev, fixture("gamma/event-btc-updown-5m-resolved-with-eventMetadata.assembled.json"));
        assertThat(ev.getJsonObject(0).getJsonObject("eventMetadata").getDouble("finalPrice"))
                .isEqualTo(sim.ex.model().chainlinkPrice(w.end()).doubleValue());
        JsonArray tokens = sim.get("CLOB_API_URL", "/markets/" + w.conditionId()).bodyAsJsonObject()
                .getJsonArray("tokens");
        assertThat(tokens.getJsonObject(won == Outcome.UP ? 0 : 1).getBoolean("winner")).isTrue();
        assertThat(tokens.getJsonObject(won == Outcome.UP ? 1 : 0).getBoolean("winner")).isFalse();
        List<JsonObject> resolved = events(ws.sync(), "market_resolved");
        assertThat(resolved).hasSize(1);
        assertConforms(resolved.get(0), fixture("clob-ws/market-resolved-doc-example.json"));
        assertThat(resolved.get(0).getString("winning_asset_id")).isEqualTo(w.tokenId(won));
        assertThat(resolved.get(0).getString("winning_outcome")).isEqualTo(won == Outcome.UP ? "Up" : "Down");
        assertThat(sim.get("CLOB_API_URL", "/book?token_id=" + w.upTokenId()).statusCode()).isEqualTo(404);
    }

    private static List<JsonObject> events(List<String> frames, String type) {
        List<JsonObject> out = new ArrayList<>();
        for (String f : frames) {
            if (f.startsWith("{")) {
                JsonObject o = new JsonObject(f);
                if (type.equals(o.getString("event_type"))) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private static List<String> binanceSync(WsProbe ws, int id) {
        return ws.until("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + id + "}", f -> f.contains("\"id\":" + id));
    }

    @Test
    @DisplayName("Binance socket: the forming kline every 2 s with x:false, the final one with x:true at minute end")
    void binanceKlineStream(Vertx vertx) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options());
        WsProbe raw = sim.ws("BINANCE_WS_URL", "/ws/btcusdt@kline_1m");
        WsProbe combined = sim.ws("BINANCE_WS_URL", "/stream?streams=btcusdt@kline_1m/btcusdt@aggTrade");
        assertThat(binanceSync(raw, 1)).isEmpty();
        // both sockets answered a request: the server holds both subscriptions before time moves
        assertThat(binanceSync(combined, 0)).isEmpty();
        sim.advance(Duration.ofSeconds(2));
        List<String> frames = binanceSync(raw, 2);
        assertThat(frames).hasSize(1);
        JsonObject k = new JsonObject(frames.get(0));
        assertConforms(k, fixture("binance/ws-kline-1m-doc-example.json"));
        assertThat(k.getJsonObject("k").getBoolean("x")).isFalse();
        assertThat(k.getJsonObject("k").getLong("t")).isEqualTo(SimTestSupport.T0.toEpochMilli());

        Instant minuteEnd = SimTestSupport.T0.plusSeconds(60);
        sim.stepSecondsTo(minuteEnd);
        List<JsonObject> all = new ArrayList<>();
        binanceSync(raw, 3).forEach(f -> all.add(new JsonObject(f)));
        List<JsonObject> finals = all.stream().filter(e -> e.getJsonObject("k").getBoolean("x")).toList();
        assertThat(finals).hasSize(1);
        JsonObject fin = finals.get(0).getJsonObject("k");
        assertThat(fin.getLong("t")).isEqualTo(SimTestSupport.T0.toEpochMilli());
        Kline model = sim.ex.model().kline(SimTestSupport.T0, sim.ex.now()).orElseThrow();
        assertThat(fin.getString("c")).isEqualTo(Kline.price(model.closeCents()));
        assertThat(fin.getString("h")).isEqualTo(Kline.price(model.highCents()));
        assertThat(all.get(all.size() - 1).getJsonObject("k").getLong("t")).isEqualTo(minuteEnd.toEpochMilli());
        assertThat(all).hasSizeBetween(30, 32); // 29 pushes in the minute, the final, the new minute's first

        List<String> wrapped = binanceSync(combined, 4);
        assertThat(wrapped).hasSize(all.size() + 1); // it also still holds the first push
        JsonObject c = new JsonObject(wrapped.get(wrapped.size() - 2));
        assertConforms(c, fixture("binance/ws-combined-kline-btcusdt-1m-closed-capture.json"));
        assertThat(c.getString("stream")).isEqualTo("btcusdt@kline_1m");

        combined.send(Fixtures.fixture("binance/ws-subscribe-request.json"));
        assertThat(new JsonObject(combined.next())).isEqualTo(fixture("binance/ws-subscribe-response.json"));
    }

    @Test
    @DisplayName("Binance socket: after 24 h the server sends serverShutdown and closes the connection")
    void binanceDailyShutdown(Vertx vertx) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options());
        WsProbe ws = sim.ws("BINANCE_WS_URL", "/ws/btcusdt@kline_1m");
        binanceSync(ws, 1);
        sim.advance(Duration.ofHours(24));
        String last = null;
        for (String f = ws.next(); ; f = ws.next()) {
            if (f.contains("serverShutdown")) {
                last = f;
                break;
            }
        }
        assertConforms(new JsonObject(last), fixture("binance/ws-server-shutdown-raw.json"));
        assertThat(ws.awaitClose()).isEqualTo((short) 1001);
    }

    @Test
    @DisplayName("RTDS: the Chainlink subscription gets the history frame, then one exact update per second")
    void rtdsChainlinkStream(Vertx vertx) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options());
        WsProbe ws = sim.ws("RTDS_WS_URL", "");
        ws.send(Fixtures.fixture("rtds/subscribe-crypto-prices-chainlink-btc.json"));
        JsonObject snap = new JsonObject(ws.next());
        assertConforms(snap, fixture("rtds/crypto-prices-chainlink-subscribe-snapshot-live.json"));
        assertThat(snap.getString("topic")).isEqualTo("crypto_prices");
        JsonArray data = snap.getJsonObject("payload").getJsonArray("data");
        assertThat(data).hasSize(60);
        assertThat(data.getJsonObject(59).getLong("timestamp")).isEqualTo(SimTestSupport.T0.toEpochMilli());
        assertThat(data.getJsonObject(59).getDouble("value"))
                .isEqualTo(sim.ex.model().chainlinkPrice(SimTestSupport.T0).doubleValue());

        sim.advance(Duration.ofSeconds(3));
        List<String> frames = ws.sync();
        assertThat(frames).hasSize(3);
        Object sample = fixture("rtds/crypto-prices-chainlink-update-btc-live.json");
        for (int i = 0; i < 3; i++) {
            JsonObject u = new JsonObject(frames.get(i));
            assertConforms(u, sample);
            JsonObject p = u.getJsonObject("payload");
            Instant t = SimTestSupport.T0.plusSeconds(i + 1);
            assertThat(p.getLong("timestamp")).isEqualTo(t.toEpochMilli());
            long e8 = sim.ex.model().chainlinkE8(t);
            assertThat(p.getString("full_accuracy_value"))
                    .isEqualTo(BigInteger.valueOf(e8).multiply(BigInteger.TEN.pow(10)).toString());
            assertThat(new BigDecimal(p.getString("full_accuracy_value")).movePointLeft(18).doubleValue())
                    .isEqualTo(p.getDouble("value"));
            assertThat(u.getString("topic")).isEqualTo("crypto_prices_chainlink");
        }

        // the Binance-sourced topic too
        ws.send(Fixtures.fixture("rtds/subscribe-crypto-prices-binance.json"));
        // PING/PONG round trip: the server has handled the subscription before time moves
        assertThat(ws.sync()).as("nothing before the PONG: no step has happened yet").isEmpty();
        sim.advance(Duration.ofSeconds(1));
        List<String> both = ws.sync();
        assertThat(both).hasSize(2);
        assertConforms(new JsonObject(both.get(1)), fixture("rtds/crypto-prices-update-doc-example.json"));
        assertThat(new JsonObject(both.get(1)).getJsonObject("payload").getString("symbol")).isEqualTo("btcusdt");
    }

    @Test
    @DisplayName("with auto-stepping on a scaled clock the exchange runs by itself")
    void autoStepOnScaledClock(Vertx vertx) {
        ScaledClock clock = new ScaledClock(SimTestSupport.T0, 600);
        SimExchange ex = SimTestSupport.await(SimExchange.start(vertx, clock, SimTestSupport.options()
                .withAutoStep(true)));
        try {
            WsProbe ws = WsProbe.connect(vertx, ex.settings().get("RTDS_WS_URL"));
            ws.send(Fixtures.fixture("rtds/subscribe-crypto-prices-chainlink-btc.json"));
            assertThat(ws.next()).contains("\"type\":\"subscribe\"");
            long first = new JsonObject(ws.next()).getJsonObject("payload").getLong("timestamp");
            long second = new JsonObject(ws.next()).getJsonObject("payload").getLong("timestamp");
            assertThat(second - first).isEqualTo(1000);
            ws.close();
        } finally {
            SimTestSupport.await(ex.stop());
        }
    }
}
