package updown.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.LocalBook;
import updown.testkit.Fixtures;
import updown.testkit.TestConfig;
import updown.synthetic.SimWindow;
import updown.synthetic.fault.FaultEvent;
import updown.synthetic.fault.FaultKind;
import updown.synthetic.fault.FaultPlan;
import updown.synthetic.fault.ScheduledFault;
import updown.synthetic.fault.Venue;
import updown.testkit.JsonShape;

@ExtendWith(VertxExtension.class)
class SimFaultsTest {
    private SimTestSupport sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimTestSupport start(Vertx vertx, FaultPlan plan) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options().withFaults(plan));
        return sim;
    }

    /** When a default-scheduled fault in window 1 starts: one minute into it. */
    private Instant faultStart() {
        return sim.ex.model().window(1).start().plus(ScheduledFault.DEFAULT_OFFSET);
    }

    private WsProbe clobSubscribed(SimWindow w) {
        WsProbe ws = sim.ws("CLOB_WS_URL", "");
        ws.send(new JsonObject().put("assets_ids", new JsonArray().add(w.upTokenId()).add(w.downTokenId()))
                .put("type", "market").encode());
        return ws;
    }

    @Test
    @DisplayName("ws-drop closes every socket at its moment (Binance sends serverShutdown first); reconnecting works")
    void wsDrop(Vertx vertx) {
        start(vertx, FaultPlan.of(ScheduledFault.at(FaultKind.WS_DROP, null, 1)));
        SimWindow w = sim.ex.model().window(1);
        WsProbe clob = clobSubscribed(w);
        clob.next();
        WsProbe rtds = sim.ws("RTDS_WS_URL", "");
        rtds.send(Fixtures.fixture("rtds/subscribe-crypto-prices-chainlink-btc.json"));
        rtds.next();
        WsProbe binance = sim.ws("BINANCE_WS_URL", "/ws/btcusdt@kline_1m");

        sim.advanceTo(faultStart().minusSeconds(1));
        clob.sync();
        rtds.sync();
        assertThat(clob.isClosed() || rtds.isClosed() || binance.isClosed()).isFalse();

        sim.advanceTo(faultStart());
        clob.awaitClose();
        rtds.awaitClose();
        String last = "";
        for (String f = binance.next(); !f.contains("serverShutdown"); f = binance.next()) {
            last = f;
        }
        assertThat(last).doesNotContain("serverShutdown");
        assertThat(binance.awaitClose()).isEqualTo((short) 1001);
        assertThat(sim.ex.stats().faultsStarted(FaultKind.WS_DROP)).isEqualTo(3);

        WsProbe again = clobSubscribed(w);
        assertThat(new JsonArray(again.next())).hasSize(2);
        sim.advance(Duration.ofSeconds(1));
        assertThat(again.sync()).isNotEmpty();
    }

    @Test
    @DisplayName("ws-freeze keeps the socket open but silent (no deltas, no PONG) for its duration, then it catches up")
    void wsFreeze(Vertx vertx) {
        start(vertx, FaultPlan.of(ScheduledFault.at(FaultKind.WS_FREEZE, Venue.CLOB_WS, 1),
                ScheduledFault.at(FaultKind.WS_FREEZE, Venue.RTDS_WS, 1)));
        SimWindow w = sim.ex.model().window(1);
        WsProbe clob = clobSubscribed(w);
        LocalBook up = new LocalBook(w.upTokenId());
        SimTestSupport.applyBook(up, new JsonArray(clob.next()).getJsonObject(0));
        WsProbe rtds = sim.ws("RTDS_WS_URL", "");
        rtds.send(Fixtures.fixture("rtds/subscribe-crypto-prices-chainlink-btc.json"));
        rtds.next();

        sim.advanceTo(faultStart().minusSeconds(1));
        clob.sync().forEach(f -> SimTestSupport.applyChanges(up, new JsonObject(f)));
        rtds.sync();
        long clobFrames = sim.ex.stats().framesSent(Venue.CLOB_WS);
        long rtdsFrames = sim.ex.stats().framesSent(Venue.RTDS_WS);
        String restHashBefore = sim.get("CLOB_API_URL", "/book?token_id=" + w.upTokenId()).bodyAsJsonObject()
                .getString("hash");
        for (int i = 0; i < 10; i++) {
            sim.advance(Duration.ofSeconds(1));
        }
        clob.send("PING");
        rtds.send("PING");
        // a fresh connection is not frozen: the server is alive, only the old sockets are silent
        WsProbe fresh = clobSubscribed(w);
        assertThat(new JsonArray(fresh.next())).hasSize(2);
        assertThat(fresh.sync()).isEmpty();
        assertThat(sim.get("CLOB_API_URL", "/book?token_id=" + w.upTokenId()).bodyAsJsonObject().getString("hash"))
                .isNotEqualTo(restHashBefore);
        assertThat(sim.ex.stats().framesSent(Venue.CLOB_WS)).isEqualTo(clobFrames + 2); // fresh's book and PONG
        assertThat(sim.ex.stats().framesSent(Venue.RTDS_WS)).isEqualTo(rtdsFrames);
        assertThat(clob.isClosed()).isFalse();
        assertThat(rtds.isClosed()).isFalse();
        assertThat(clob.drain()).isEmpty();
        assertThat(rtds.drain()).isEmpty();

        // the freeze ends: the CLOB socket gets one catch-up delta, RTDS resumes from now (the silence is lost)
        sim.advanceTo(faultStart().plus(FaultKind.WS_FREEZE.defaultDuration()));
        List<String> after = clob.sync();
        assertThat(after).isNotEmpty().noneMatch("PONG"::equals);
        after.forEach(f -> SimTestSupport.applyChanges(up, new JsonObject(f)));
        assertThat(up.sameLevelsAs(SimTestSupport.restBook(sim.get("CLOB_API_URL", "/book?token_id="
                + w.upTokenId()).bodyAsJsonObject()))).isTrue();
        List<String> ticks = rtds.sync();
        assertThat(ticks).hasSize(1);
        assertThat(new JsonObject(ticks.get(0)).getJsonObject("payload").getLong("timestamp"))
                .isEqualTo(sim.ex.now().toEpochMilli());
    }

    @Test
    @DisplayName("http-429 answers every request of the venue with 429 and a shrinking Retry-After, then recovers")
    void http429(Vertx vertx) {
        start(vertx, FaultPlan.of(ScheduledFault.at(FaultKind.HTTP_429, Venue.GAMMA, 1),
                ScheduledFault.at(FaultKind.HTTP_429, Venue.BINANCE_REST, 1)));
        String slug = "/events?slug=" + sim.ex.model().window(1).slug();
        assertThat(sim.get("GAMMA_API_URL", slug).statusCode()).isEqualTo(200);
        sim.advanceTo(faultStart());
        HttpResponse<Buffer> r = sim.get("GAMMA_API_URL", slug);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.getHeader("Retry-After")).isEqualTo("15");
        HttpResponse<Buffer> b = sim.get("BINANCE_REST_URL", "/api/v3/klines?symbol=BTCUSDT&interval=1m");
        assertThat(b.statusCode()).isEqualTo(429);
        assertThat(b.bodyAsJsonObject().getInteger("code")).isEqualTo(-1003);
        assertThat(sim.get("CLOB_API_URL", "/time").statusCode()).isEqualTo(200);
        sim.advance(Duration.ofSeconds(5));
        assertThat(sim.get("GAMMA_API_URL", slug).getHeader("Retry-After")).isEqualTo("10");
        sim.advance(Duration.ofSeconds(10));
        assertThat(sim.get("GAMMA_API_URL", slug).statusCode()).isEqualTo(200);
        assertThat(sim.ex.stats().faultsStarted(FaultKind.HTTP_429)).isEqualTo(2);
    }

    @Test
    @DisplayName("http-5xx answers 500, 502 or 503 for its duration, then recovers")
    void http5xx(Vertx vertx) {
        start(vertx, FaultPlan.of(ScheduledFault.at(FaultKind.HTTP_5XX, Venue.CLOB_REST, 1)));
        String book = "/book?token_id=" + sim.ex.model().window(1).upTokenId();
        sim.advanceTo(faultStart());
        java.util.Set<Integer> codes = new java.util.TreeSet<>();
        for (int i = 0; i < 12; i++) {
            codes.add(sim.get("CLOB_API_URL", book).statusCode());
        }
        assertThat(codes).isSubsetOf(500, 502, 503).hasSizeGreaterThan(1);
        sim.advance(FaultKind.HTTP_5XX.defaultDuration());
        assertThat(sim.get("CLOB_API_URL", book).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("malformed: HTTP bodies are corrupted; sockets get extra corrupted frames, the good ones stay right")
    void malformed(Vertx vertx) {
        start(vertx, FaultPlan.of(ScheduledFault.at(FaultKind.MALFORMED, Venue.CLOB_REST, 1),
                ScheduledFault.at(FaultKind.MALFORMED, Venue.CLOB_WS, 1)));
        SimWindow w = sim.ex.model().window(1);
        Object bookSample = SimTestSupport.fixture("clob/book-btc-updown-5m-1778584200-up-midwindow.json");
        WsProbe ws = clobSubscribed(w);
        LocalBook up = new LocalBook(w.upTokenId());
        SimTestSupport.applyBook(up, new JsonArray(ws.next()).getJsonObject(0));
        sim.advanceTo(faultStart().minusSeconds(1));
        ws.sync().forEach(f -> SimTestSupport.applyChanges(up, new JsonObject(f)));

        sim.advanceTo(faultStart());
        for (int i = 0; i < 4; i++) {
            HttpResponse<Buffer> r = sim.get("CLOB_API_URL", "/book?token_id=" + w.upTokenId());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(JsonShape.conforms(r.bodyAsString(), bookSample)).as(r.bodyAsString()).isFalse();
        }
        Object priceChange = SimTestSupport.fixture("clob-ws/price-change-doc-example.json");
        int bad = 0;
        for (int i = 0; i < 4; i++) {
            sim.advance(Duration.ofSeconds(1));
            for (String f : ws.sync()) {
                if (JsonShape.conforms(f, priceChange)) {
                    SimTestSupport.applyChanges(up, new JsonObject(f));
                } else {
                    bad++;
                }
            }
        }
        assertThat(bad).isGreaterThanOrEqualTo(4);
        sim.advanceTo(faultStart().plus(FaultKind.MALFORMED.defaultDuration()));
        ws.sync().forEach(f -> SimTestSupport.applyChanges(up, new JsonObject(f)));
        JsonObject rest = sim.get("CLOB_API_URL", "/book?token_id=" + w.upTokenId()).bodyAsJsonObject();
        assertThat(JsonShape.problems(rest, bookSample)).isEmpty();
        assertThat(up.sameLevelsAs(SimTestSupport.restBook(rest))).isTrue();
    }

    @Test
    @DisplayName("late-resolution keeps a closed window unresolved for the extra delay, everywhere")
    void lateResolution(Vertx vertx) {
        start(vertx, FaultPlan.of(ScheduledFault.lateResolution(0, Duration.ofMinutes(10))));
        SimWindow w = sim.ex.model().window(0);
        Instant normal = w.end().plus(w.resolutionDelay());
        assertThat(sim.ex.resolvesAt(w)).isEqualTo(normal.plus(Duration.ofMinutes(10)));
        sim.advanceTo(normal);
        JsonObject m = sim.get("GAMMA_API_URL", "/markets/slug/" + w.slug()).bodyAsJsonObject();
        assertThat(m.getBoolean("closed")).isTrue();
        assertThat(m.getString("outcomePrices")).isNotIn("[\"1\", \"0\"]", "[\"0\", \"1\"]");
        assertThat(sim.ex.publishedWinner(w)).isEmpty();
        assertThat(sim.get("CLOB_API_URL", "/book?token_id=" + w.upTokenId()).statusCode()).isEqualTo(200);
        sim.advanceTo(sim.ex.resolvesAt(w).minusSeconds(1));
        assertThat(sim.ex.publishedWinner(w)).isEmpty();
        sim.advanceTo(sim.ex.resolvesAt(w));
        assertThat(sim.ex.publishedWinner(w)).contains(sim.ex.model().chainlinkWinner(w));
        assertThat(sim.get("GAMMA_API_URL", "/markets/slug/" + w.slug()).bodyAsJsonObject().getString("outcomePrices"))
                .isIn("[\"1\", \"0\"]", "[\"0\", \"1\"]");
    }

    @Test
    @DisplayName("SIM_FAULTS names give seeded random faults: same seed, same faults; each kind fires")
    void randomFaultsFromTheSetting(Vertx vertx) {
        List<String> names = TestConfig.with(java.util.Map.of("SIM_FAULTS",
                "ws-drop,ws-freeze,http-429,http-5xx,malformed,late-resolution")).sim().faults();
        FaultPlan plan = FaultPlan.parse(names, 99).withProbability(1.0);
        assertThat(plan.randomKinds()).isEqualTo(Set.of(FaultKind.values()));
        start(vertx, plan);
        SimWindow w1 = sim.ex.model().window(1);
        List<FaultEvent> events = sim.ex.faultsInWindow(1);
        assertThat(events).extracting(FaultEvent::kind).containsExactlyInAnyOrder(FaultKind.values());
        assertThat(events).isEqualTo(FaultPlan.parse(names, 99).withProbability(1.0).eventsInWindow(1, w1.start()));
        assertThat(sim.ex.faultsInWindow(0)).isEmpty();
        assertThat(sim.ex.resolvesAt(w1)).isAfter(w1.end().plus(w1.resolutionDelay()));
        sim.advanceTo(w1.end());
        for (FaultKind k : List.of(FaultKind.WS_DROP, FaultKind.WS_FREEZE, FaultKind.HTTP_429, FaultKind.HTTP_5XX,
                FaultKind.MALFORMED)) {
            assertThat(sim.ex.stats().faultsStarted(k)).as(k.wireName()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("an outcome override decides what is published everywhere, and resolutions() records both verdicts")
    void outcomeOverride(Vertx vertx) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options()
                .withOutcomeOverride((window, chainlink) -> chainlink.other()));
        SimWindow w = sim.ex.model().window(0);
        sim.advanceTo(sim.ex.resolvesAt(w));
        updown.domain.Outcome natural = sim.ex.model().chainlinkWinner(w);
        assertThat(sim.ex.publishedWinner(w)).contains(natural.other());
        assertThat(sim.ex.resolutions()).filteredOn(r -> r.window().equals(w)).singleElement().satisfies(r -> {
            assertThat(r.winner()).isEqualTo(natural.other());
            assertThat(r.chainlinkWinner()).isEqualTo(natural);
        });
        assertThat(sim.get("GAMMA_API_URL", "/markets/slug/" + w.slug()).bodyAsJsonObject().getString("outcomePrices"))
                .isEqualTo(natural == updown.domain.Outcome.UP ? "[\"0\", \"1\"]" : "[\"1\", \"0\"]");
    }

    @Test
    @DisplayName("a corrupted HTTP body is really unusable: it does not parse or lacks/mistypes a field")
    void malformedBodiesAreUnusable(Vertx vertx) {
        start(vertx, FaultPlan.of(ScheduledFault.at(FaultKind.MALFORMED, Venue.GAMMA, 1).withDuration(
                Duration.ofSeconds(30))));
        String url = "/markets?slug=" + sim.ex.model().window(1).slug();
        sim.advanceTo(faultStart().minusSeconds(1));
        // the clean answer a second earlier, every key of it, is the shape a corrupted one must miss
        Object sample = JsonShape.parse(sim.get("GAMMA_API_URL", url).bodyAsString());
        sim.advanceTo(faultStart());
        for (int i = 0; i < 8; i++) {
            String body = sim.get("GAMMA_API_URL", url).bodyAsString();
            boolean broken;
            try {
                broken = !JsonShape.problems(JsonShape.parse(body), sample).isEmpty();
            } catch (DecodeException e) {
                broken = true;
            }
            assertThat(broken).as(body).isTrue();
        }
    }
}
