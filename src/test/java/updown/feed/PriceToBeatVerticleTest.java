package updown.feed;

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
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.domain.MarketEvent;
import updown.domain.Micros;
import updown.domain.Resolution;
import updown.net.Counters;
import updown.testkit.Await;
import updown.testkit.FakeRtds;
import updown.testkit.MarketEventLog;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class PriceToBeatVerticleTest {
    static final Instant START = Instant.parse("2026-09-18T02:10:00Z");
    static final Instant END = START.plusSeconds(300);
    static final String SLUG = "btc-updown-5m-" + START.getEpochSecond();
    static final String SPOT = "https://data.chain.link/streams/btc-usd";
    static final String TWAP60 = "https://data.chain.link/streams/btc-usd-twap-60s-streams";

    VirtualClock clock;
    FakeRtds rtds;
    MarketEventLog log;

    @BeforeEach
    void setUp(Vertx vertx, VertxTestContext ctx) {
        clock = new VirtualClock(START.minusSeconds(90));
        FakeRtds.start(vertx, clock).compose(r -> {
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
        f.compose(v -> rtds.close()).onComplete(ar -> ctx.completeNow());
    }

    private Future<PriceToBeatVerticle> deploy(Vertx vertx, Map<String, String> extra, ReferencePriceSource.Factory f) {
        Map<String, String> m = new HashMap<>(Map.of("RTDS_WS_URL", rtds.wsUrl("/").toString(),
                "HTTP_TIMEOUT_MS", "10000", "PRICE_STALE_MS", "3600000"));
        m.putAll(extra);
        PriceToBeatVerticle v = new PriceToBeatVerticle(TestConfig.with(m), clock, new Random(9), f);
        return vertx.deployVerticle(v).map(id -> {
            return v;
        });
    }

    private void window(Vertx vertx, String source) {
        vertx.eventBus().publish(Addresses.MARKET_REFERENCE_WINDOWS, new ReferenceWindow(SLUG, "BTC", START, END, source));
    }

    /** Reports every second from {@code from} (inclusive) to {@code to} (exclusive) at {@code value}. */
    private void reports(Instant from, Instant to, String value) {
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(1)) {
            rtds.pushPrice(t, value);
        }
    }

    @Test
    @DisplayName("spot source: the price to beat is the first report at or after the window start, the end likewise")
    void spotRule(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of(), RtdsChainlinkSource.FACTORY)
                .compose(v -> Await.until(vertx, () -> rtds.received().stream().anyMatch(s -> s.contains("subscribe"))).map(v))
                .compose(v -> {
                    window(vertx, SPOT);
                    rtds.pushPrice(START.minusMillis(500), "76600.00");
                    rtds.pushPrice(START.plusMillis(400), "76607.90942633283");
                    rtds.pushPrice(START.plusMillis(1400), "76611.00");
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> true, 1).map(v);
                })
                .compose(v -> {
                    rtds.pushPrice(END.minusMillis(100), "76500.00");
                    rtds.pushPrice(END.plusMillis(900), "76607.90942633283");
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> p.endMicros() != null, 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    List<MarketEvent.PriceToBeat> p = log.of(MarketEvent.PriceToBeat.class);
                    assertThat(p).hasSize(2);
                    assertThat(p.get(0)).isEqualTo(new MarketEvent.PriceToBeat(SLUG, START,
                            Micros.parse("76607.90942633283"), null, p.get(0).at()));
                    assertThat(p.get(1).startMicros()).isEqualTo(p.get(0).startMicros());
                    assertThat(p.get(1).endMicros()).isEqualTo(Micros.parse("76607.909426")); // tie → Up
                    assertThat(v.counters().get("ptb.published")).isEqualTo(2);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("60 s TWAP source: the price to beat is the time-weighted mean of the minute before the start")
    void twapRule(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of(), RtdsChainlinkSource.FACTORY)
                .compose(v -> Await.until(vertx, () -> rtds.received().stream().anyMatch(s -> s.contains("subscribe"))).map(v))
                .compose(v -> {
                    window(vertx, TWAP60);
                    // 30 s at 100.00 then 30 s at 200.00 before the start → TWAP 150.00; 300.00 after the start
                    reports(START.minusSeconds(61), START.minusSeconds(30), "100.00");
                    reports(START.minusSeconds(30), START, "200.00");
                    rtds.pushPrice(START.plusMillis(200), "300.00");
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> true, 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.PriceToBeat.class).get(0).startMicros()).isEqualTo(Micros.parse("150.00"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("our Up/Down reading disagreeing with the market's resolution is logged and counted")
    void disagreementCounted(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of(), RtdsChainlinkSource.FACTORY)
                .compose(v -> Await.until(vertx, () -> rtds.received().stream().anyMatch(s -> s.contains("subscribe"))).map(v))
                .compose(v -> {
                    window(vertx, SPOT);
                    rtds.pushPrice(START.plusMillis(100), "100.00");
                    rtds.pushPrice(END.plusMillis(100), "99.00"); // we read Down
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> p.endMicros() != null, 1).map(v);
                })
                .compose(v -> {
                    vertx.eventBus().publish(Addresses.MARKET_EVENTS,
                            new MarketEvent.MarketResolved("1", SLUG, Resolution.UP, "gamma+clob", clock.instant()));
                    return Await.until(vertx, () -> v.counters().get("ptb.disagreements") == 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(v.counters().get("ptb.agreements")).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a restart mid-minute recovers recent reports from the subscribe history dump")
    void historyDump(Vertx vertx, VertxTestContext ctx) {
        clock.advanceTo(START.plusSeconds(20));
        rtds.remember(START.plusMillis(300), "76700.25");
        deploy(vertx, Map.of(), RtdsChainlinkSource.FACTORY)
                .compose(v -> {
                    window(vertx, SPOT);
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> true, 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.PriceToBeat.class).get(0).startMicros()).isEqualTo(Micros.parse("76700.25"));
                    assertThat(v.sourceCounters().get("rtds.snapshots")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("no Chainlink report for PRICE_STALE_MS → FeedHealth chainlink stale; a report → fresh")
    void chainlinkStaleness(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of("PRICE_STALE_MS", "5000"), RtdsChainlinkSource.FACTORY)
                // the socket must be up before the clock moves, or the silence is measured from a later open
                .compose(v -> Await.until(vertx, () -> v.sourceCounters().get("rtds.snapshots") >= 1).map(v))
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(6));
                    return log.awaitCount(MarketEvent.FeedHealth.class, MarketEvent.FeedHealth::stale, 1).map(v);
                })
                .compose(v -> Await.until(vertx, () -> v.sourceCounters().get("ws.reconnects-scheduled") >= 1).map(v))
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(2)); // the silent socket reconnects
                    return Await.until(vertx, () -> rtds.wsConnections() >= 2 && rtds.openSockets() == 1
                            && rtds.received().stream().filter(s -> s.contains("subscribe")).count() >= 2).map(v);
                })
                .compose(v -> {
                    rtds.pushPrice(clock.instant(), "76000.00");
                    return log.awaitCount(MarketEvent.FeedHealth.class, h -> !h.stale(), 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.FeedHealth.class)).allMatch(h -> h.feed().equals("chainlink"))
                            .extracting(MarketEvent.FeedHealth::stale).containsExactly(true, false);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("the reference source is replaceable (the PolyBolt seam): any ReferencePriceSource feeds the keeper")
    void replaceableSource(Vertx vertx, VertxTestContext ctx) {
        @SuppressWarnings("unchecked")
        Consumer<ReferenceTick>[] sink = new Consumer[1];
        ReferencePriceSource.Factory scripted = (vx, sched, cfg, symbols, random) -> new ReferencePriceSource() {
            private final Counters counters = new Counters();

            @Override
            public void start(Consumer<ReferenceTick> onTick) {
                sink[0] = onTick;
            }

            @Override
            public Future<Void> stop() {
                return Future.succeededFuture();
            }

            @Override
            public Counters counters() {
                return counters;
            }
        };
        deploy(vertx, Map.of(), scripted)
                .compose(v -> {
                    window(vertx, SPOT);
                    vertx.runOnContext(x -> sink[0].accept(new ReferenceTick("btc/usd", START.plusMillis(5), 64_123_500_000L)));
                    return log.awaitCount(MarketEvent.PriceToBeat.class, p -> true, 1);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.PriceToBeat.class).get(0).startMicros()).isEqualTo(64_123_500_000L);
                    ctx.completeNow();
                })));
    }
}
