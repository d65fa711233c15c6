package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.ResultCode;
import updown.domain.Signal;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.engine.Order;
import updown.feed.ReferenceSources;
import updown.testkit.Await;
import updown.testkit.Fixtures;
import updown.testkit.LiveOnFake;
import updown.testkit.LogCapture;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;
import updown.time.VirtualClock;

/**
 * What {@code run --dry-run} (= LIVE_DRY_RUN=true) does in live mode, piece by piece against the fakes: the engine
 * heartbeats, signs and logs an order without sending it, the shadow ledger records the paper fill beside the
 * DRY_RUN refusal, the configured API keys select PolyBolt for the price to beat, and the redeem verticle reports
 * the redeem and merge calls it would send.
 */
@DisplayName("run --dry-run on the fake venue: heartbeats, shadow ledger, PolyBolt, redeem and merge reported only")
class LiveDryRunTest {

    @Test
    @DisplayName("nothing reaches the venue or the chain, and every step says what it would have done")
    void dryRunEndToEnd() throws Exception {
        Vertx vertx = Vertx.vertx();
        LogCapture logs = LogCapture.everything();
        VirtualClock clock = new VirtualClock(Instant.parse("2026-05-12T11:12:00Z"));
        LiveOnFake live = Await.result(LiveOnFake.start(vertx, clock, Map.of("LIVE_DRY_RUN", "true",
                "LIVE_MAX_ORDER_USD", "100", "LIVE_MAX_DAILY_USD", "1000")));
        try {
            live.fake().wallet(Usd.of("1000"), Usd.of("1000"));
            live.fake().dataPositions(Fixtures.fixture("data-api/positions.assembled.json"));
            Map<String, String> settings = new HashMap<>(LiveOnFake.liveSettings(live.fake().baseUrl()));
            settings.put("LIVE_DRY_RUN", "true");
            settings.put("DATA_API_URL", live.fake().baseUrl());
            BotConfig config = TestConfig.with(settings);

            // heartbeats: one at start, before any order
            assertThat(live.fake().heartbeats()).isPositive();
            assertThat(live.engine().dryRun()).isTrue();

            // an order: signed and logged, refused DRY_RUN; the shadow keeps the paper fill beside it
            Market market = TradingFixtures.market();
            OrderBook up = TradingFixtures.upBook(TradingFixtures.levels("0.40:500"), TradingFixtures.levels("0.45:500"));
            OrderBook down = TradingFixtures.downBook(TradingFixtures.levels("0.49:500"),
                    TradingFixtures.levels("0.55:500"));
            Execution result = Await.result(live.execute(new Order(market, Direction.BUY_UP, Usd.of("10"),
                    Price.of("0.70"), up, down, Usd.of("1000"),
                    Signal.of(Direction.BUY_UP, Ratio.of("0.8"), "Directional", "dry run"))));
            assertThat(result).isInstanceOf(Execution.Rejected.class);
            assertThat(((Execution.Rejected) result).code()).isEqualTo(ResultCode.DRY_RUN);
            assertThat(live.fake().hits("POST /order")).isZero();
            ShadowTrade shadow = live.engine().shadow().recent(1).get(0);
            assertThat(shadow.paper().filled()).isTrue();
            assertThat(shadow.live().refusal()).startsWith("DRY_RUN");

            // keys configured: the price to beat comes from PolyBolt
            assertThat(ReferenceSources.usesPolyBolt(config)).isTrue();
            assertThat(ReferenceSources.startLine(config)).startsWith("price to beat: PolyBolt");

            // redeem and merge: the bot's wiring for a dry run only reports, and the verticle's first cycle does
            ChainSubmitter chain = live.engine().chainSubmitter(config);
            assertThat(chain.sends()).isFalse();
            Redeemer redeemer = Redeemer.forLive(vertx, config, clock, live.engine().funderAddress(), chain,
                    new BusChainLedger(vertx.eventBus()));
            var merged = logs.awaitLine("DRY RUN, not sent: MERGE");
            String deployment = Await.result(vertx.deployVerticle(new LiveRedeemVerticle(redeemer, clock, 60_000)));
            merged.get(10, TimeUnit.SECONDS);
            assertThat(logs.lines()).anyMatch(l -> l.contains("DRY RUN, not sent: REDEEM"));
            // the journal entry follows its log line on the verticle's thread
            Await.result(Await.until(vertx, () -> redeemer.journal().size() >= 2));
            assertThat(redeemer.journal()).hasSize(2).noneMatch(Redeemer.Entry::sent);
            // the virtual clock runs cycles back to back: each read the same (lagging) positions, none sent again
            assertThat(live.fake().hits("GET /positions")).isPositive();
            assertThat(live.fake().problems()).isEmpty();
            Await.result(vertx.undeploy(deployment));
        } finally {
            logs.close();
            Await.result(live.stop());
            Await.result(vertx.close());
        }
    }
}
