package updown.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.domain.MarketCommand;
import updown.domain.MarketEvent;
import updown.domain.Resolution;
import updown.feed.ReferenceWindow;
import updown.testkit.ClockPump;
import updown.testkit.FakeClob;
import updown.testkit.FakeGamma;
import updown.testkit.FakeServer;
import updown.testkit.Await;
import updown.testkit.MarketEventLog;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MarketScannerVerticleTest {
    static final Instant WINDOW = Instant.ofEpochSecond(1778584200L);
    static final String SLUG = "btc-updown-5m-1778584200";
    static final String NEXT_SLUG = "btc-updown-5m-1778584500";
    static final String CID = "0xa5c6";

    VirtualClock clock;
    FakeGamma gamma;
    FakeClob clob;
    MarketEventLog log;

    @BeforeEach
    void setUp(Vertx vertx, VertxTestContext ctx) {
        clock = new VirtualClock(WINDOW.plusSeconds(30));
        FakeGamma.start(vertx, clock)
                .compose(g -> {
                    gamma = g;
                    return FakeClob.start(vertx, clock);
                })
                .compose(c -> {
                    clob = c;
                    gamma.put(FakeGamma.market(SLUG, WINDOW, 5, "2229686", CID, "1001", "1002"));
                    clob.putMarket(CID, "1001", "1002");
                    return MarketEventLog.attach(vertx);
                })
                .onComplete(ctx.succeeding(l -> {
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
        f.compose(v -> Future.all(gamma.close(), clob.close())).onComplete(ar -> ctx.completeNow());
    }

    private BotConfig config(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("GAMMA_API_URL", gamma.url().toString(),
                "CLOB_API_URL", clob.url().toString(), "HTTP_TIMEOUT_MS", "10000",
                "RECONNECT_DELAY_MAX_MS", "2000"));
        m.putAll(extra);
        return TestConfig.with(m);
    }

    private Future<MarketScannerVerticle> deploy(Vertx vertx, BotConfig cfg) {
        MarketScannerVerticle s = new MarketScannerVerticle(cfg, clock, new Random(3));
        return vertx.deployVerticle(s).map(id -> s);
    }

    private Future<Void> discovered(String slug) {
        return log.awaitCount(MarketEvent.MarketDiscovered.class, d -> d.market().slug().equals(slug), 1);
    }

    private List<FakeServer.Recorded> slugRequests(String slug) {
        return gamma.requests(r -> slug.equals(r.param("slug")));
    }

    @Test
    @DisplayName("the current and next windows are looked up by slug; each market is published once, with its reference window")
    void currentAndNext(Vertx vertx, VertxTestContext ctx) {
        gamma.put(FakeGamma.market(NEXT_SLUG, WINDOW.plusSeconds(300), 5, "2229687", "0xnext", "2001", "2002"));
        List<ReferenceWindow> windows = new java.util.concurrent.CopyOnWriteArrayList<>();
        vertx.eventBus().<ReferenceWindow>consumer(Addresses.MARKET_REFERENCE_WINDOWS, m -> windows.add(m.body()));
        deploy(vertx, config(Map.of()))
                .compose(s -> discovered(SLUG).compose(v -> discovered(NEXT_SLUG))
                        .compose(v -> Await.until(vertx, () -> s.counters().get("scan.completed") >= 1)).map(s))
                .compose(s -> {
                    clock.advance(Duration.ofSeconds(31)); // a second scan: nothing changed, nothing published
                    return Await.until(vertx, () -> s.counters().get("scan.completed") >= 2).map(s);
                })
                .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.MarketDiscovered.class)).hasSize(2);
                    assertThat(windows).extracting(ReferenceWindow::slug).contains(SLUG, NEXT_SLUG);
                    assertThat(windows.get(0).resolutionSource()).isEqualTo("https://data.chain.link/streams/btc-usd");
                    assertThat(gamma.requests()).allMatch(r -> r.headers().get("User-Agent").contains("UpDown"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("when the events endpoint answers [] the markets endpoint finds the market")
    void eventsEmptyFallsBackToMarkets(Vertx vertx, VertxTestContext ctx) {
        gamma.eventsAnswerEmpty(true);
        deploy(vertx, config(Map.of()))
                .compose(s -> discovered(SLUG))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(gamma.requests(r -> r.path().equals("/markets") && SLUG.equals(r.param("slug")))).isNotEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a renamed slug is found by the broader search (btc and 5m in any order); a 15m market is not")
    void renamedSlugFoundByBroadSearch(Vertx vertx, VertxTestContext ctx) {
        gamma.update(SLUG, m -> m.put("slug", "x")); // hide the standard slug
        gamma.put(FakeGamma.market("updown-5m-btc-1778584200", WINDOW, 5, "77", "0xrenamed", "3001", "3002"));
        gamma.put(FakeGamma.market("btc-updown-15m-1778584500", WINDOW.plusSeconds(300), 15, "78", "0x15", "4001", "4002"));
        deploy(vertx, config(Map.of()))
                .compose(s -> discovered("updown-5m-btc-1778584200"))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.MarketDiscovered.class)).extracting(d -> d.market().slug())
                            .doesNotContain("btc-updown-15m-1778584500");
                    MarketEvent.MarketDiscovered d = log.of(MarketEvent.MarketDiscovered.class).get(0);
                    assertThat(d.market().asset()).isEqualTo("BTC");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("429 with Retry-After: the retry waits at least that long on the bot's clock")
    void tooManyRequestsHonoursRetryAfter(Vertx vertx, VertxTestContext ctx) {
        gamma.failNext("/events", 1, 429, Map.of("Retry-After", "5"), "{\"error\":\"rate limited\"}");
        ClockPump[] pump = new ClockPump[1];
        deploy(vertx, config(Map.of()))
                .compose(s -> {
                    pump[0] = ClockPump.start(vertx, clock, Duration.ofMillis(250), 5);
                    // the first /events request to arrive got the 429; wait for its retry
                    return discovered(SLUG).compose(v -> Await.until(vertx, () -> {
                        String q = gamma.requests(r -> r.path().equals("/events")).get(0).query();
                        return gamma.requests(r -> r.path().equals("/events") && r.query().equals(q)).size() >= 2;
                    })).map(s);
                })
                .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
                    pump[0].stop();
                    List<FakeServer.Recorded> events = gamma.requests(r -> r.path().equals("/events"));
                    FakeServer.Recorded first = events.get(0);
                    FakeServer.Recorded retry = events.stream().filter(r -> r.query().equals(first.query()))
                            .skip(1).findFirst().orElseThrow();
                    assertThat(Duration.between(first.at(), retry.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
                    assertThat(s.counters().get("http.429")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("500s are retried with backoff until the answer comes")
    void serverErrorsRetried(Vertx vertx, VertxTestContext ctx) {
        gamma.failNext("/events", 2, 500, Map.of(), "oops");
        ClockPump[] pump = new ClockPump[1];
        deploy(vertx, config(Map.of()))
                .compose(s -> {
                    pump[0] = ClockPump.start(vertx, clock, Duration.ofMillis(100), 5);
                    return discovered(SLUG).map(s);
                })
                .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
                    pump[0].stop();
                    assertThat(s.counters().get("http.5xx")).isEqualTo(2);
                    assertThat(s.counters().get("http.retries")).isGreaterThanOrEqualTo(2);
                    assertThat(s.counters().get("http.fail.SERVER_ERROR")).isEqualTo(2);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a request that never gets an answer times out and is retried")
    void timeoutsRetried(Vertx vertx, VertxTestContext ctx) {
        gamma.hangNext("/events", 1);
        ClockPump[] pump = new ClockPump[1];
        deploy(vertx, config(Map.of("HTTP_TIMEOUT_MS", "1000")))
                .compose(s -> {
                    pump[0] = ClockPump.start(vertx, clock, Duration.ofMillis(100), 5);
                    // the first /events request to arrive hangs; wait for its timeout and its retry
                    return Await.until(vertx, () -> s.counters().get("http.fail.TIMEOUT") >= 1)
                            .compose(v -> Await.until(vertx, () -> {
                                String q = gamma.requests(r -> r.path().equals("/events")).get(0).query();
                                return gamma.requests(r -> r.path().equals("/events") && r.query().equals(q)).size() >= 2;
                            }))
                            .compose(v -> discovered(SLUG)).map(s);
                })
                .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
                    pump[0].stop();
                    // (on a loaded machine other requests may time out too; at least the hung one did)
                    assertThat(s.counters().get("http.fail.TIMEOUT")).isGreaterThanOrEqualTo(1);
                    assertThat(gamma.requests(r -> r.path().equals("/events") && SLUG.equals(r.param("slug"))))
                            .hasSizeGreaterThanOrEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("seed bug 3: after a restart, LookupMarkets finds the closed market of an open trade and settles it")
    void seedBug3RestartFindsClosedMarketOfOpenTrade(Vertx vertx, VertxTestContext ctx) {
        clock.advanceTo(WINDOW.plus(Duration.ofHours(3))); // the bot was down while the market closed
        gamma.resolve(SLUG, "Down");
        clob.resolveMarket(CID, "1002");
        deploy(vertx, config(Map.of()))
                .compose(s -> {
                    vertx.eventBus().send(Addresses.MARKET_LOOKUP, new MarketCommand.LookupMarkets(List.of(SLUG)));
                    return log.awaitCount(MarketEvent.MarketResolved.class, r -> true, 1).map(s);
                })
                .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
                    MarketEvent.MarketDiscovered d = log.of(MarketEvent.MarketDiscovered.class).get(0);
                    assertThat(d.market().slug()).isEqualTo(SLUG);
                    assertThat(d.market().closed()).isTrue();
                    MarketEvent.MarketResolved r = log.of(MarketEvent.MarketResolved.class).get(0);
                    assertThat(r.winner()).isEqualTo(Resolution.DOWN);
                    assertThat(r.marketId()).isEqualTo("2229686");
                    // the regression: no query ever filtered on closed
                    assertThat(gamma.requests()).noneMatch(q -> q.params().contains("closed"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a looked-up market that is closed but not final is checked again until it resolves")
    void lookedUpKeepsChecking(Vertx vertx, VertxTestContext ctx) {
        clock.advanceTo(WINDOW.plusSeconds(360));
        gamma.update(SLUG, m -> m.put("closed", true).put("outcomePrices", "[\"0.9995\", \"0.0005\"]"));
        deploy(vertx, config(Map.of()))
                .compose(s -> {
                    vertx.eventBus().send(Addresses.MARKET_LOOKUP, new MarketCommand.LookupMarkets(List.of(SLUG)));
                    return discovered(SLUG).compose(v -> Await.until(vertx,
                            () -> s.counters().get("resolution.checks") >= 2 && s.counters().get("scan.completed") >= 1))
                            .map(s);
                })
                .compose(s -> {
                    ctx.verify(() -> assertThat(log.of(MarketEvent.MarketResolved.class)).isEmpty());
                    gamma.resolve(SLUG, "Up");
                    clob.resolveMarket(CID, "1001");
                    clock.advance(Duration.ofSeconds(31));
                    return log.awaitCount(MarketEvent.MarketResolved.class, r -> true, 1);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.MarketResolved.class)).singleElement()
                            .extracting(MarketEvent.MarketResolved::winner).isEqualTo(Resolution.UP);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("Gamma and the CLOB disagreeing on the winner is not a resolution")
    void disagreementIsNotYet(Vertx vertx, VertxTestContext ctx) {
        clock.advanceTo(WINDOW.plusSeconds(400));
        gamma.resolve(SLUG, "Down");
        clob.resolveMarket(CID, "1001"); // CLOB says Up
        deploy(vertx, config(Map.of()))
                .compose(s -> {
                    vertx.eventBus().send(Addresses.MARKET_LOOKUP, new MarketCommand.LookupMarkets(List.of(SLUG)));
                    return Await.until(vertx, () -> s.counters().get("resolution.conflicts") >= 1).map(s);
                })
                .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.MarketResolved.class)).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("with the CLOB market endpoint unavailable, the websocket market_resolved is the cross-check")
    void websocketCrossCheck(Vertx vertx, VertxTestContext ctx) {
        clock.advanceTo(WINDOW.plusSeconds(400));
        gamma.resolve(SLUG, "Up");
        deploy(vertx, config(Map.of("CLOB_API_URL", "http://127.0.0.1:9")))
                .compose(s -> {
                    vertx.eventBus().publish(Addresses.MARKET_CLOB_RESOLVED, new ClobResolutionSeen(CID, "1001", clock.instant()));
                    vertx.eventBus().send(Addresses.MARKET_LOOKUP, new MarketCommand.LookupMarkets(List.of(SLUG)));
                    ClockPump pump = ClockPump.start(vertx, clock, Duration.ofMillis(200), 5);
                    return log.awaitCount(MarketEvent.MarketResolved.class, r -> true, 1).onComplete(ar -> pump.stop());
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    MarketEvent.MarketResolved r = log.of(MarketEvent.MarketResolved.class).get(0);
                    assertThat(r.winner()).isEqualTo(Resolution.UP);
                    assertThat(r.source()).isEqualTo("gamma+ws");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("with the CLOB down and no websocket event, Gamma alone settles the market after the 15-minute grace")
    void gammaAloneAfterGrace(Vertx vertx, VertxTestContext ctx) {
        clock.advanceTo(WINDOW.plusSeconds(400));
        gamma.resolve(SLUG, "Down");
        Instant start = clock.instant();
        deploy(vertx, config(Map.of("CLOB_API_URL", "http://127.0.0.1:9")))
                .compose(s -> {
                    vertx.eventBus().send(Addresses.MARKET_LOOKUP, new MarketCommand.LookupMarkets(List.of(SLUG)));
                    ClockPump pump = ClockPump.start(vertx, clock, Duration.ofSeconds(10), 5);
                    return log.awaitCount(MarketEvent.MarketResolved.class, r -> true, 1).onComplete(ar -> pump.stop());
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    MarketEvent.MarketResolved r = log.of(MarketEvent.MarketResolved.class).get(0);
                    assertThat(r.winner()).isEqualTo(Resolution.DOWN);
                    assertThat(r.source()).startsWith("gamma alone");
                    assertThat(Duration.between(start, r.at())).isGreaterThanOrEqualTo(ResolutionRule.GAMMA_ALONE_AFTER);
                    ctx.completeNow();
                })));
    }
}
