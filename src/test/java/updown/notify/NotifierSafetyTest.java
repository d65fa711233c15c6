package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.notify.NotifierVerticleTest.OWNER;
import static updown.notify.NotifierVerticleTest.TOKEN;
import static updown.notify.NotifierVerticleTest.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.domain.Direction;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.testkit.FakeTelegram;
import updown.testkit.LogCapture;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("Notifier safety: the token never leaks, no token means disabled")
class NotifierSafetyTest {
    /** The part of the token that is actually secret. */
    private static final String SECRET_PART = TOKEN.substring(TOKEN.indexOf(':') + 1);

    @Test
    @DisplayName("the canary token appears in no log line or stack trace, through 5xx, 400, a pasted token and an outage")
    void canaryTokenNeverLogged(Vertx vertx) throws Exception {
        LocalRecordCodec.register(vertx.eventBus());
        VirtualClock clock = new VirtualClock(Samples.T0);
        try (LogCapture all = LogCapture.everything()) {
            FakeTelegram telegram = await(new FakeTelegram(vertx, TOKEN, clock).start());
            await(vertx.deployVerticle(new FakePortfolio(clock)));
            await(telegram.respondNext("getUpdates", 502, "<html><body>502 Bad Gateway</body></html>"));
            await(telegram.respondNext("sendMessage", 500,
                    "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}"));
            await(telegram.respondNext("sendMessage", 400,
                    "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse entities\"}"));
            String id = await(vertx.deployVerticle(new NotifierVerticle(TestConfig.with(Map.of(
                    "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_CHAT_ID", Long.toString(OWNER),
                    "TELEGRAM_API_URL", telegram.url())), clock)));

            // 500: retried after a backoff on the clock; 400: resent as plain text
            all.awaitLine("send failed (SERVER_ERROR 500").get(30, TimeUnit.SECONDS);
            clock.advance(Duration.ofSeconds(2));
            all.awaitLine("resending it as plain text").get(30, TimeUnit.SECONDS);
            await(telegram.awaitMessage("UpDown started"));
            all.awaitLine("Error received from Telegram GetUpdates").get(30, TimeUnit.SECONDS);

            // a user pastes the token into a command: the audit line masks it
            telegram.pushCommand(OWNER, OWNER, "/topup " + TOKEN);
            await(telegram.awaitMessage("Usage: /topup"));
            assertThat(all.awaitLine("result=usage").get(30, TimeUnit.SECONDS)).contains("<token>");

            // Telegram disappears: sends and polls fail with connection errors
            await(telegram.close());
            var trade = Samples.openTrade(9, "btc-updown-5m-1778584200", Direction.BUY_UP, List.of("directional"));
            vertx.eventBus().publish(Addresses.TRADE_EXECUTED,
                    new PortfolioEvent.TradeExecuted(trade, Samples.snapshot("990")));
            all.awaitLine("send failed (UNREACHABLE").get(30, TimeUnit.SECONDS);
            // trading's side of the bus is unaffected while Telegram is down
            assertThat(await(vertx.eventBus().request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot()))
                    .body()).isInstanceOf(PortfolioSnapshot.class);
            await(vertx.undeploy(id));

            List<String> lines = all.lines();
            assertThat(lines).hasSizeGreaterThan(5)
                    .anySatisfy(l -> assertThat(l).contains("org.telegram"))
                    .anySatisfy(l -> assertThat(l).contains("Outbox"));
            assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(TOKEN).doesNotContain(SECRET_PART));
        }
    }

    @Test
    @DisplayName("without a token the notifier is disabled with one log line and the bot runs on")
    void disabledWithoutToken(Vertx vertx) throws Exception {
        LocalRecordCodec.register(vertx.eventBus());
        VirtualClock clock = new VirtualClock(Samples.T0);
        await(vertx.deployVerticle(new FakePortfolio(clock)));
        try (LogCapture notify = LogCapture.of("updown.notify")) {
            await(vertx.deployVerticle(new NotifierVerticle(TestConfig.defaults(), clock)));
            await(vertx.deployVerticle(new NotifierVerticle(TestConfig.with(Map.of("TELEGRAM_BOT_TOKEN", TOKEN)),
                    clock)));
            vertx.eventBus().publish(Addresses.TRADE_EXECUTED, new PortfolioEvent.TradeExecuted(
                    Samples.openTrade(1, "s", Direction.BUY_UP, List.of("x")), Samples.snapshot("1")));
            assertThat(await(vertx.eventBus().request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot()))
                    .body()).isInstanceOf(PortfolioSnapshot.class);
            assertThat(notify.lines()).containsExactly(
                    "INFO updown.notify.NotifierVerticle Telegram notifier disabled: TELEGRAM_BOT_TOKEN is not set",
                    "INFO updown.notify.NotifierVerticle Telegram notifier disabled: TELEGRAM_CHAT_ID is not set");
        }
    }

    @Test
    @DisplayName("the startup alert still goes out, saying so, when the portfolio is not running")
    void startupWithoutPortfolio(Vertx vertx) throws Exception {
        LocalRecordCodec.register(vertx.eventBus());
        VirtualClock clock = new VirtualClock(Samples.T0);
        FakeTelegram telegram = await(new FakeTelegram(vertx, TOKEN, clock).start());
        String id = await(vertx.deployVerticle(new NotifierVerticle(TestConfig.with(Map.of("TELEGRAM_BOT_TOKEN",
                TOKEN, "TELEGRAM_CHAT_ID", Long.toString(OWNER), "TELEGRAM_API_URL", telegram.url())), clock)));
        try {
            assertThat(await(telegram.awaitMessage("UpDown started")).text())
                    .contains("Portfolio snapshot unavailable (portfolio not running)", "Capital $1000.00");
        } finally {
            await(vertx.undeploy(id));
            await(telegram.close());
        }
    }
}
