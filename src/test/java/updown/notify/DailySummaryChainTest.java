package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.Kst;
import updown.domain.TraderTicked;
import updown.engine.PaperEngine;
import updown.portfolio.PortfolioVerticle;
import updown.repository.InMemoryRepository;
import updown.strategy.Decider;
import updown.strategy.TraderVerticle;
import updown.testkit.FakeTelegram;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

/**
 * The daily summary from the clock to the chat, with the real pieces: the trader's first tick after 00:00 KST asks
 * the portfolio to close the day, the portfolio announces it, the notifier sends it to a loopback Bot API.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Daily summary end to end: KST midnight on the bot's clock → one Telegram message")
class DailySummaryChainTest {
    @TempDir
    Path dataDir;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("the first tick after midnight KST sends yesterday's summary once; later ticks send nothing more")
    void midnightTickSendsOneSummary(Vertx vertx) throws Exception {
        LocalRecordCodec.register(vertx.eventBus());
        VirtualClock clock = new VirtualClock(Instant.parse("2026-05-12T14:58:00Z")); // 23:58 KST
        FakeTelegram telegram = await(new FakeTelegram(vertx, NotifierVerticleTest.TOKEN, clock).start());
        String notifier = null;
        try {
            BotConfig config = TestConfig.inDataDir(dataDir, Map.of("TELEGRAM_BOT_TOKEN", NotifierVerticleTest.TOKEN,
                    "TELEGRAM_CHAT_ID", Long.toString(NotifierVerticleTest.OWNER), "TELEGRAM_API_URL", telegram.url()));
            await(vertx.deployVerticle(new PortfolioVerticle(config, clock, new InMemoryRepository(),
                    PortfolioVerticle.Admission.STRICT)));
            await(vertx.deployVerticle(new TraderVerticle(config, clock, PaperEngine.fromConfig(config),
                    Decider.fromConfig(config), TraderVerticle.Ticking.ON_CALL, TraderVerticle.Hooks.BACKTEST)));
            notifier = await(vertx.deployVerticle(new NotifierVerticle(config, clock)));
            await(telegram.awaitMessage("UpDown started"));

            tick(vertx);
            clock.advanceTo(Kst.nextMidnight(clock.instant()).plusSeconds(3));
            tick(vertx);
            FakeTelegram.Call summary = await(telegram.awaitMessage("Daily summary"));
            assertThat(summary.text()).contains("2026-05-12 (KST)", "Trades 0", "Balance $1000.00");
            tick(vertx);
            tick(vertx);
            // a command's answer is sent after everything queued before it: then count
            telegram.pushCommand(NotifierVerticleTest.OWNER, NotifierVerticleTest.OWNER, "/help");
            await(telegram.awaitMessage("UpDown commands"));
            assertThat(telegram.calls("sendMessage").stream().filter(c -> c.text() != null
                    && c.text().contains("Daily summary"))).hasSize(1);
        } finally {
            if (notifier != null) {
                await(vertx.undeploy(notifier)); // the poller stops before its Bot API goes away
            }
            await(telegram.close());
        }
    }

    private static TraderTicked tick(Vertx vertx) throws Exception {
        return (TraderTicked) await(vertx.eventBus().request(Addresses.TRADER_TICK, "tick")).body();
    }
}
