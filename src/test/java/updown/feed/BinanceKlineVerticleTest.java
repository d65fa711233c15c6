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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.MarketEvent;
import updown.testkit.FakeBinance;
import updown.testkit.Await;
import updown.testkit.MarketEventLog;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class BinanceKlineVerticleTest {
    static final long MIN = 60_000L;
    static final Instant T0 = Instant.parse("2026-05-12T11:10:30Z");
    static final long M0 = Instant.parse("2026-05-12T11:10:00Z").toEpochMilli(); // the minute forming at T0

    VirtualClock clock;
    FakeBinance binance;
    MarketEventLog log;

    @BeforeEach
    void setUp(Vertx vertx, VertxTestContext ctx) {
        clock = new VirtualClock(T0);
        FakeBinance.start(vertx, clock, "BTCUSDT", "ETHUSDT").compose(b -> {
            binance = b;
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
        f.compose(v -> binance.close()).onComplete(ar -> ctx.completeNow());
    }

    private Future<BinanceKlineVerticle> deploy(Vertx vertx, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("BINANCE_REST_URL", binance.url().toString(),
                "BINANCE_WS_URL", binance.wsUrl("").toString(), "CANDLE_HISTORY", "10",
                "HTTP_TIMEOUT_MS", "10000", "RECONNECT_DELAY_MAX_MS", "2000"));
        m.putAll(extra);
        BotConfig cfg = TestConfig.with(m);
        BinanceKlineVerticle v = new BinanceKlineVerticle(cfg, clock, new Random(5));
        return vertx.deployVerticle(v).map(id -> v);
    }

    private List<Candle> closed() {
        return log.of(MarketEvent.CandleUpdated.class).stream().map(MarketEvent.CandleUpdated::candle)
                .filter(Candle::closed).toList();
    }

    /** Closed candles are consecutive minutes from firstOpen to at least lastOpen, each once, equal to the venue's. */
    private void assertGapFree(List<Candle> c, long firstOpen, long lastOpen) {
        assertThat(c.size()).isGreaterThanOrEqualTo((int) ((lastOpen - firstOpen) / MIN) + 1);
        for (int i = 0; i < c.size(); i++) {
            assertThat(c.get(i)).isEqualTo(FakeBinance.candle(firstOpen + i * MIN, true));
        }
    }

    private Future<Void> closedUpTo(long open) {
        return log.await(l -> l.of(MarketEvent.CandleUpdated.class).stream()
                .anyMatch(e -> e.candle().closed() && e.candle().openTime().toEpochMilli() == open));
    }

    @Test
    @DisplayName("on start the last CANDLE_HISTORY closed minutes are backfilled over REST, then the socket continues them")
    void startBackfillThenLive(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of())
                .compose(v -> closedUpTo(M0 - MIN).map(v))
                .compose(v -> Await.until(vertx, () -> binance.openSockets() == 1).map(v))
                .compose(v -> {
                    binance.pushKline(M0, false);
                    clock.advance(Duration.ofSeconds(30));
                    binance.pushKline(M0, true);
                    binance.pushKline(M0, true); // the same final candle twice: published once
                    return closedUpTo(M0).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertGapFree(closed(), M0 - 10 * MIN, M0);
                    assertThat(binance.streamsRequested()).containsExactly("/stream?streams=btcusdt@kline_1m");
                    assertThat(binance.requests().get(0).param("symbol")).isEqualTo("BTCUSDT");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("after a dropped socket the missed closed candles are backfilled in order: no gap, no duplicate")
    void reconnectBackfillsTheGap(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of("PRICE_STALE_MS", "3600000"))
                .compose(v -> closedUpTo(M0 - MIN).map(v))
                .compose(v -> Await.until(vertx, () -> binance.openSockets() == 1).map(v))
                .compose(v -> {
                    binance.dropConnections();
                    return Await.until(vertx, () -> v.counters().get("klines.disconnects") >= 1).map(v);
                })
                .compose(v -> {
                    // three minutes pass while disconnected; the reconnect happens within them
                    clock.advance(Duration.ofMinutes(3));
                    return closedUpTo(M0 + 2 * MIN).map(v);
                })
                .compose(v -> {
                    binance.pushKline(M0 + 2 * MIN, true);   // the socket repeats a candle REST already gave
                    clock.advance(Duration.ofMinutes(1));
                    binance.pushKline(M0 + 3 * MIN, true);
                    return closedUpTo(M0 + 3 * MIN).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertGapFree(closed(), M0 - 10 * MIN, M0 + 3 * MIN);
                    assertThat(v.counters().get("backfill.runs")).isGreaterThanOrEqualTo(2);
                    assertThat(binance.wsConnections()).isGreaterThanOrEqualTo(2);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a closed candle that skips minutes triggers a REST backfill of the hole before it is published")
    void gapWithoutReconnect(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of("PRICE_STALE_MS", "3600000"))
                .compose(v -> closedUpTo(M0 - MIN).map(v))
                .compose(v -> Await.until(vertx, () -> binance.openSockets() == 1).map(v))
                .compose(v -> {
                    clock.advance(Duration.ofMinutes(4));
                    binance.pushKline(M0 + 3 * MIN, true); // M0 .. M0+2 never came over the socket
                    return closedUpTo(M0 + 3 * MIN).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertGapFree(closed(), M0 - 10 * MIN, M0 + 3 * MIN);
                    assertThat(v.counters().get("klines.gaps-detected")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("the server's serverShutdown frame makes the feed reconnect and backfill")
    void serverShutdownReconnects(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of("PRICE_STALE_MS", "3600000"))
                .compose(v -> closedUpTo(M0 - MIN).map(v))
                .compose(v -> Await.until(vertx, () -> binance.openSockets() == 1).map(v))
                .compose(v -> {
                    binance.pushShutdown();
                    return Await.until(vertx, () -> v.counters().get("ws.reconnects-scheduled") >= 1).map(v);
                })
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(90));
                    return Await.until(vertx, () -> binance.wsConnections() >= 2).compose(x -> closedUpTo(M0)).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertGapFree(closed(), M0 - 10 * MIN, M0);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a connection approaching Binance's forced 24 h close is replaced on our terms, then backfilled")
    void reconnectBeforeTheDailyClose(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of("PRICE_STALE_MS", "3600000"))
                .compose(v -> closedUpTo(M0 - MIN).map(v))
                .compose(v -> Await.until(vertx, () -> binance.openSockets() == 1).map(v))
                .compose(v -> {
                    clock.advance(Duration.ofHours(23).plusMinutes(31));
                    return Await.until(vertx, () -> v.counters().get("ws.reconnects-scheduled") >= 1).map(v);
                })
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(5));
                    return Await.until(vertx, () -> binance.wsConnections() >= 2).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(v.counters().get("klines.age-restarts")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("no kline for PRICE_STALE_MS → FeedHealth binance stale (once); the next kline → fresh again")
    void staleAndBack(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of("PRICE_STALE_MS", "5000"))
                .compose(v -> Await.until(vertx, () -> binance.openSockets() == 1).map(v))
                .compose(v -> {
                    binance.pushKline(M0, false);
                    return log.awaitCount(MarketEvent.FeedHealth.class, h -> !h.stale(), 1).map(v);
                })
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(6));
                    return log.awaitCount(MarketEvent.FeedHealth.class, MarketEvent.FeedHealth::stale, 1).map(v);
                })
                .compose(v -> Await.until(vertx, () -> v.counters().get("ws.reconnects-scheduled") >= 1).map(v))
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(2)); // let the silent socket reconnect
                    return Await.until(vertx, () -> binance.openSockets() == 1 && binance.wsConnections() >= 2).map(v);
                })
                .compose(v -> {
                    binance.pushKline(M0, false);
                    return log.awaitCount(MarketEvent.FeedHealth.class, h -> !h.stale(), 2).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    List<MarketEvent.FeedHealth> h = log.of(MarketEvent.FeedHealth.class);
                    assertThat(h).extracting(MarketEvent.FeedHealth::stale).containsExactly(false, true, false);
                    assertThat(h).allMatch(x -> x.feed().equals("binance"));
                    assertThat(h.get(1).reason()).isEqualTo("no update for 6000 ms");
                    assertThat(h.get(2).reason()).isEqualTo("updates resumed");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("minutes the venue itself has no kline for are skipped with a warning, not retried forever")
    void venueOutageHole(Vertx vertx, VertxTestContext ctx) {
        binance.omit(M0 - 5 * MIN).omit(M0 - 4 * MIN);
        deploy(vertx, Map.of("PRICE_STALE_MS", "3600000"))
                .compose(v -> closedUpTo(M0 - MIN).map(v))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    List<Candle> c = closed();
                    assertThat(c).hasSize(8);
                    assertThat(c).extracting(x -> x.openTime().toEpochMilli()).isSorted().doesNotHaveDuplicates()
                            .doesNotContain(M0 - 5 * MIN, M0 - 4 * MIN);
                    assertThat(v.counters().get("backfill.venue-gaps")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }


    @Test
    @DisplayName("several assets share one combined socket; each is backfilled over REST and stamped with its asset")
    void combinedStreamForEveryAsset(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of("MARKETS", "btc-5m,eth-5m,eth-15m", "PRICE_STALE_MS", "3600000"))
                .compose(v -> log.await(l -> l.of(MarketEvent.CandleUpdated.class).stream()
                        .filter(e -> e.asset().equals("ETH") && e.candle().closed()).count() >= 10
                        && l.of(MarketEvent.CandleUpdated.class).stream()
                        .filter(e -> e.asset().equals("BTC") && e.candle().closed()).count() >= 10).map(v))
                .compose(v -> Await.until(vertx, () -> binance.openSockets() == 1).map(v))
                .compose(v -> {
                    binance.pushKline("ETHUSDT", M0, true);
                    return log.await(l -> l.of(MarketEvent.CandleUpdated.class).stream()
                            .anyMatch(e -> e.asset().equals("ETH") && e.candle().openTime().toEpochMilli() == M0));
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(binance.streamsRequested())
                            .containsExactly("/stream?streams=btcusdt@kline_1m/ethusdt@kline_1m");
                    assertThat(binance.requests()).extracting(r -> r.param("symbol")).contains("BTCUSDT", "ETHUSDT");
                    List<Candle> eth = log.of(MarketEvent.CandleUpdated.class).stream()
                            .filter(e -> e.asset().equals("ETH")).map(MarketEvent.CandleUpdated::candle).toList();
                    assertGapFree(eth, M0 - 10 * MIN, M0);
                    assertThat(log.of(MarketEvent.CandleUpdated.class).stream()
                            .filter(e -> e.asset().equals("BTC") && e.candle().openTime().toEpochMilli() == M0))
                            .as("the ETH kline is not a BTC candle").isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("with several assets, a silent ETH stream is reported as binance:ETH stale while BTC stays fresh")
    void staleAssetAlone(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, Map.of("MARKETS", "btc-5m,eth-5m", "PRICE_STALE_MS", "5000"))
                .compose(v -> Await.until(vertx, () -> binance.openSockets() == 1).map(v))
                .compose(v -> {
                    binance.pushKline("BTCUSDT", M0, false).pushKline("ETHUSDT", M0, false);
                    return log.awaitCount(MarketEvent.FeedHealth.class, h -> !h.stale(), 2).map(v);
                })
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(3));
                    binance.pushKline("BTCUSDT", M0, false);
                    return Await.until(vertx, () -> v.counters().get("klines.frames") >= 3).map(v);
                })
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(3));
                    return log.awaitCount(MarketEvent.FeedHealth.class, MarketEvent.FeedHealth::stale, 1).map(v);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    List<MarketEvent.FeedHealth> h = log.of(MarketEvent.FeedHealth.class);
                    assertThat(h).filteredOn(MarketEvent.FeedHealth::stale).extracting(MarketEvent.FeedHealth::feed)
                            .containsExactly("binance:ETH");
                    assertThat(h).filteredOn(x -> !x.stale()).extracting(MarketEvent.FeedHealth::feed)
                            .containsExactlyInAnyOrder("binance:BTC", "binance:ETH");
                    ctx.completeNow();
                })));
    }
}
