package updown.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.Level;
import updown.domain.MarketEvent;
import updown.feed.RtdsChainlinkSource;
import updown.testkit.Await;
import updown.testkit.ClockPump;
import updown.testkit.FakeGamma;
import updown.testkit.MarketEventLog;
import updown.testkit.MarketFakes;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MarketDataVerticleTest {
    static final Instant WINDOW = Instant.ofEpochSecond(1778584200L);

    @Test
    @DisplayName("with every venue unreachable the verticle still starts, retries with backoff and reports stale feeds")
    void startsWithoutNetwork(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = new VirtualClock(WINDOW.plusSeconds(30));
        Map<String, String> dead = new HashMap<>();
        // port 9 (discard) on loopback: nothing listens, connections are refused at once
        dead.put("GAMMA_API_URL", "http://127.0.0.1:9");
        dead.put("CLOB_API_URL", "http://127.0.0.1:9");
        dead.put("CLOB_WS_URL", "ws://127.0.0.1:9/ws/market");
        dead.put("BINANCE_REST_URL", "http://127.0.0.1:9");
        dead.put("BINANCE_WS_URL", "ws://127.0.0.1:9");
        dead.put("RTDS_WS_URL", "ws://127.0.0.1:9");
        dead.put("PRICE_STALE_MS", "5000");
        dead.put("RECONNECT_DELAY_MAX_MS", "2000");
        MarketDataVerticle md = new MarketDataVerticle(TestConfig.with(dead), clock, 1, RtdsChainlinkSource.FACTORY);
        MarketEventLog.attach(vertx)
                .compose(log -> vertx.deployVerticle(md).map(id -> log))
                .compose(log -> {
                    ClockPump pump = ClockPump.start(vertx, clock, Duration.ofMillis(250), 5);
                    return log.await(l -> l.of(MarketEvent.FeedHealth.class).stream().filter(MarketEvent.FeedHealth::stale)
                                    .map(MarketEvent.FeedHealth::feed).distinct().count() == 2)
                            .compose(v -> Await.until(vertx, () -> md.klines().counters().get("ws.connect-failed") >= 3
                                    && md.scanner().counters().get("http.fail.CONNECT") >= 2
                                    && md.priceToBeat().sourceCounters().get("ws.connect-failed") >= 2))
                            .onComplete(ar -> pump.stop())
                            .map(log);
                })
                .onComplete(ctx.succeeding(log -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.FeedHealth.class)).extracting(MarketEvent.FeedHealth::feed)
                            .contains("binance", "chainlink");
                    assertThat(log.of(MarketEvent.MarketDiscovered.class)).isEmpty();
                    assertThat(md.klines().counters().get("backfill.runs")).isZero(); // no socket, no backfill yet
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("undeploying closes every socket the market data opened")
    void undeployClosesSockets(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = new VirtualClock(WINDOW.plusSeconds(30));
        MarketFakes.start(vertx, clock).compose(f -> {
            f.gamma.put(FakeGamma.market("btc-updown-5m-" + WINDOW.getEpochSecond(), WINDOW, 5, "1", "0xc", "11", "12"));
            f.clob.setBook("11", "0xc", List.of(Level.of("0.4", "1")), List.of(Level.of("0.6", "1")));
            f.clob.setBook("12", "0xc", List.of(Level.of("0.4", "1")), List.of(Level.of("0.6", "1")));
            MarketDataVerticle md = new MarketDataVerticle(f.config(Map.of()), clock, 2, RtdsChainlinkSource.FACTORY);
            return vertx.deployVerticle(md)
                    .compose(id -> Await.until(vertx, () -> f.clob.openSockets() == 1 && f.binance.openSockets() == 1
                            && f.rtds.openSockets() == 1).map(id))
                    .compose(vertx::undeploy)
                    .compose(v -> Await.until(vertx, () -> f.clob.openSockets() == 0 && f.binance.openSockets() == 0
                            && f.rtds.openSockets() == 0))
                    .compose(v -> {
                        ctx.verify(() -> assertThat(vertx.deploymentIDs()).isEmpty());
                        return f.close();
                    });
        }).onComplete(ctx.succeedingThenComplete());
    }
}
