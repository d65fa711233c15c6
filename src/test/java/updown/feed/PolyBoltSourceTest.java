package updown.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.domain.MarketEvent;
import updown.domain.Micros;
import updown.testkit.Await;
import updown.testkit.FakePolyBolt;
import updown.testkit.FakeRtds;
import updown.testkit.Fixtures;
import updown.testkit.MarketEventLog;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class PolyBoltSourceTest {
    static final Instant START = Instant.parse("2026-09-18T02:10:00Z");
    static final Instant END = START.plusSeconds(300);
    static final String SLUG = "btc-updown-5m-" + START.getEpochSecond();
    static final String TWAP60 = "https://data.chain.link/streams/btc-usd-twap-60s-streams";
    static final String KEY = "00000000-0000-4000-8000-000000000000";

    VirtualClock clock;
    FakePolyBolt polyBolt;
    FakeRtds rtds;
    MarketEventLog log;

    @BeforeEach
    void setUp(Vertx vertx, VertxTestContext ctx) {
        clock = new VirtualClock(START.plusSeconds(20));
        FakePolyBolt.start(vertx, clock, KEY, "c2VjcmV0", "pass").compose(p -> {
            polyBolt = p;
            return FakeRtds.start(vertx, clock);
        }).compose(r -> {
            rtds = r;
            return MarketEventLog.attach(vertx);
        }).onComplete(ctx.succeeding(l -> {
            log = l;
            ctx.completeNow();
        }));
    }

    @AfterEach
    void tearDown(Vertx vertx, VertxTestContext ctx) {
        Future<Void> f = Future.succeededFuture();
        for (String id : vertx.deploymentIDs()) {
            f = f.compose(v -> vertx.undeploy(id));
        }
        f.compose(v -> polyBolt.close()).compose(v -> rtds.close()).onComplete(ar -> ctx.completeNow());
    }

    private Map<String, String> settings(String secret) {
        Map<String, String> m = new HashMap<>(Map.of("RTDS_WS_URL", rtds.wsUrl("/").toString(),
                "POLYBOLT_WS_URL", polyBolt.wsUrl("/ws").toString(), "HTTP_TIMEOUT_MS", "5000",
                "PRICE_STALE_MS", "3600000", "CLOB_API_KEY", KEY, "CLOB_API_SECRET", secret,
                "CLOB_API_PASSPHRASE", "pass"));
        return m;
    }

    private Future<PriceToBeatVerticle> deploy(Vertx vertx, Map<String, String> settings) {
        PriceToBeatVerticle v = new PriceToBeatVerticle(TestConfig.with(settings), clock, new Random(5),
                ReferenceSources.FACTORY);
        return vertx.deployVerticle(v).map(id -> v);
    }

    private Future<PriceToBeatVerticle> deploySubscribed(Vertx vertx) {
        return deploy(vertx, settings("c2VjcmV0"))
                .compose(v -> Await.until(vertx, () -> v.sourceCounters().get("polybolt.snapshots") >= 1).map(v));
    }

    private void window(Vertx vertx) {
        vertx.eventBus().publish(Addresses.MARKET_REFERENCE_WINDOWS, new ReferenceWindow(SLUG, "BTC", START, END, TWAP60));
    }

    @Test
    @DisplayName("with CLOB API keys: auth with the keys, subscribe price.crypto.twap 60 s, and the snapshot's TWAP at "
            + "the window start is the price to beat; RTDS is never opened")
    void authSnapshotAndPriceToBeat(Vertx vertx, VertxTestContext ctx) {
        polyBolt.remember(START.minusSeconds(1), "76400.00").remember(START, "76500.25")
                .remember(START.plusSeconds(1), "76510.00");
        deploySubscribed(vertx)
                .compose(v -> {
                    window(vertx);
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> true, 1).map(v);
                })
                .compose(v -> {
                    clock.advanceTo(END.plusSeconds(1));
                    polyBolt.pushTwap(END, "76499.00");
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> p.endMicros() != null, 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    JsonObject auth = new JsonObject(polyBolt.received().get(0));
                    assertThat(auth.getString("op")).isEqualTo("auth");
                    assertThat(auth.getJsonObject("auth").getMap()).containsExactlyInAnyOrderEntriesOf(
                            Map.of("apiKey", KEY, "secret", "c2VjcmV0", "passphrase", "pass"));
                    JsonObject sub = new JsonObject(polyBolt.received().get(1));
                    JsonObject documented = new JsonObject(Fixtures.fixture("rtds/polybolt-subscribe-btc-twap60.assembled.json"));
                    assertThat(sub.getString("op")).isEqualTo("subscribe");
                    assertThat(sub.getJsonArray("subscriptions").getJsonObject(0))
                            .isEqualTo(documented.getJsonArray("subscriptions").getJsonObject(0));
                    MarketEvent.PriceToBeat end = log.of(MarketEvent.PriceToBeat.class).get(1);
                    assertThat(end.startMicros()).isEqualTo(Micros.parse("76500.25"));
                    assertThat(end.endMicros()).isEqualTo(Micros.parse("76499.00"));
                    assertThat(rtds.wsConnections()).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a seq gap is not delivered: the source subscribes again and the fresh snapshot fills the hole")
    void seqGapResubscribes(Vertx vertx, VertxTestContext ctx) {
        deploySubscribed(vertx)
                .compose(v -> {
                    window(vertx);
                    polyBolt.remember(START, "76500.25").loseUpdates(1); // the report at the start is lost
                    polyBolt.pushTwap(START.plusSeconds(1), "76900.00");
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> true, 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.PriceToBeat.class).get(0).startMicros())
                            .isEqualTo(Micros.parse("76500.25"));
                    assertThat(v.sourceCounters().get("polybolt.seq-gaps")).isEqualTo(1);
                    assertThat(v.sourceCounters().get("polybolt.snapshots")).isEqualTo(2);
                    assertThat(polyBolt.received()).anyMatch(s -> s.contains("\"op\":\"unsubscribe\""));
                    assertThat(polyBolt.subscribes()).isEqualTo(2);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("keys PolyBolt refuses (close 4001) → RTDS Chainlink takes over for the rest of the run, no retry")
    void close4001FallsBack(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, settings("wrong"))
                .compose(v -> Await.until(vertx, () -> rtds.received().stream().anyMatch(s -> s.contains("subscribe"))).map(v))
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(30)); // a reconnect would be due by now
                    rtds.pushPrice(START.plusSeconds(40), "76000.00");
                    return Await.until(vertx, () -> v.sourceCounters().get("rtds.reports") >= 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(v.sourceCounters().get("polybolt.close.4001")).isEqualTo(1);
                    assertThat(v.sourceCounters().get("ptb.fallbacks")).isEqualTo(1);
                    assertThat(polyBolt.wsConnections()).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("close 4008 (policy) is not blindly reconnected: RTDS Chainlink takes over")
    void close4008FallsBack(Vertx vertx, VertxTestContext ctx) {
        deploySubscribed(vertx)
                .compose(v -> {
                    polyBolt.closeAll(4008, "policy");
                    return Await.until(vertx, () -> rtds.received().stream().anyMatch(s -> s.contains("subscribe"))).map(v);
                })
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(30));
                    return Await.until(vertx, () -> rtds.received().contains("PING")).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(v.sourceCounters().get("polybolt.close.4008")).isEqualTo(1);
                    assertThat(v.sourceCounters().get("ptb.fallbacks")).isEqualTo(1);
                    assertThat(polyBolt.wsConnections()).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("close 4003 (draining) reconnects within 10 s, authenticates and subscribes again; no fallback")
    void close4003Reconnects(Vertx vertx, VertxTestContext ctx) {
        reconnectsAfter(vertx, ctx, 4003, Duration.ofSeconds(11));
    }

    @Test
    @DisplayName("close 4002 (slow consumer / pong timeout) reconnects with the usual backoff; no fallback")
    void close4002Reconnects(Vertx vertx, VertxTestContext ctx) {
        reconnectsAfter(vertx, ctx, 4002, Duration.ofSeconds(2));
    }

    private void reconnectsAfter(Vertx vertx, VertxTestContext ctx, int code, Duration wait) {
        deploySubscribed(vertx)
                .compose(v -> {
                    polyBolt.closeAll(code, "bye");
                    return Await.until(vertx, () -> v.sourceCounters().get("ws.reconnects-scheduled") >= 1).map(v);
                })
                .compose(v -> {
                    clock.advance(wait);
                    return Await.until(vertx, () -> v.sourceCounters().get("polybolt.snapshots") >= 2).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(v.sourceCounters().get("polybolt.close." + code)).isEqualTo(1);
                    assertThat(polyBolt.auths()).isEqualTo(2);
                    assertThat(polyBolt.subscribes()).isEqualTo(2);
                    assertThat(v.sourceCounters().get("ptb.fallbacks")).isZero();
                    assertThat(rtds.wsConnections()).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("no authed answer within HTTP_TIMEOUT_MS → RTDS Chainlink takes over")
    void silentServerFallsBack(Vertx vertx, VertxTestContext ctx) {
        polyBolt.freeze(true);
        deploy(vertx, settings("c2VjcmV0"))
                .compose(v -> Await.until(vertx, () -> polyBolt.auths() >= 1).map(v))
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(6));
                    return Await.until(vertx, () -> rtds.received().stream().anyMatch(s -> s.contains("subscribe"))).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(v.sourceCounters().get("ptb.fallbacks")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("the start line names the source: PolyBolt with CLOB API keys, RTDS Chainlink without")
    void startLine() {
        assertThat(ReferenceSources.startLine(TestConfig.with(Map.of("CLOB_API_KEY", KEY, "CLOB_API_SECRET", "s",
                "CLOB_API_PASSPHRASE", "p"))))
                .isEqualTo("price to beat: PolyBolt (price.crypto.twap 60 s), RTDS Chainlink as the fallback");
        assertThat(ReferenceSources.startLine(TestConfig.defaults()))
                .isEqualTo("price to beat: RTDS Chainlink (no CLOB API keys)");
        assertThat(ReferenceSources.startLine(TestConfig.with(Map.of("CLOB_API_KEY", KEY))))
                .as("a key without its secret and passphrase cannot open PolyBolt")
                .isEqualTo("price to beat: RTDS Chainlink (no CLOB API keys)");
    }
}
