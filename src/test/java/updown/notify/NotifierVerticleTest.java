package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.chart.EquityChart;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.Kst;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.Usd;
import updown.testkit.FakeTelegram;
import updown.testkit.FakeTelegram.Call;
import updown.testkit.Fixtures;
import updown.testkit.LogCapture;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

/**
 * The notifier end to end: the real telegrambots client and long poller against a loopback Bot API, a fake
 * portfolio on the bus, and a virtual clock that only the test moves.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Telegram notifier against a loopback Bot API")
class NotifierVerticleTest {
    static final String TOKEN = "123456789:AAcanaryCANARYcanaryCANARYcanary12";
    static final long OWNER = 123456789L;
    static final long STRANGER_CHAT = 555000111L;

    private Vertx vertx;
    private VirtualClock clock;
    private FakeTelegram telegram;
    private FakePortfolio portfolio;
    private String notifierId;
    private LogCapture audit;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        LocalRecordCodec.register(vertx.eventBus());
        clock = new VirtualClock(Samples.T0);
        telegram = await(new FakeTelegram(vertx, TOKEN, clock).start());
        portfolio = new FakePortfolio(clock);
        await(vertx.deployVerticle(portfolio));
        audit = LogCapture.of(Audit.LOGGER);
    }

    @AfterEach
    void tearDown() throws Exception {
        audit.close();
        if (notifierId != null) {
            await(vertx.undeploy(notifierId));
        }
        await(telegram.close());
    }

    private BotConfig config(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_CHAT_ID",
                Long.toString(OWNER), "TELEGRAM_API_URL", telegram.url()));
        m.putAll(extra);
        return TestConfig.with(m);
    }

    /** Deploys the notifier and waits for its startup alert. */
    private Call start(Map<String, String> extra) throws Exception {
        notifierId = await(vertx.deployVerticle(new NotifierVerticle(config(extra), clock)));
        return await(telegram.awaitMessage("UpDown started"));
    }

    /** A command from the owner whose answer contains {@code fragment}: proves everything before it was handled. */
    private Call barrier() throws Exception {
        int before = telegram.calls("sendMessage").size();
        telegram.pushCommand(OWNER, OWNER, "/help");
        return await(telegram.awaitCall(c -> c.method().equals("sendMessage") && c.text() != null
                && c.text().contains("UpDown commands") && telegram.calls("sendMessage").indexOf(c) >= before));
    }

    /**
     * An alert published now and awaited: alerts leave in order (only trade and settlement alerts merge), so once it
     * arrives every alert queued before it has been sent. ({@link #barrier()} orders commands, whose answers go
     * before queued alerts.)
     */
    private void alertBarrier() throws Exception {
        String by = "barrier-" + System.nanoTime();
        vertx.eventBus().publish(Addresses.PORTFOLIO_TOPPED_UP,
                new PortfolioEvent.ToppedUp(Usd.of("0.01"), by, portfolio.snapshot()));
        await(telegram.awaitMessage("by " + by));
    }

    private List<String> texts() {
        return telegram.calls("sendMessage").stream().filter(c -> c.status() == 200).map(Call::text).toList();
    }

    private void publishTrade(long id) {
        var t = Samples.openTrade(id, "btc-updown-5m-1778584200", Direction.BUY_UP, List.of("directional", "obi"));
        vertx.eventBus().publish(Addresses.TRADE_EXECUTED,
                new PortfolioEvent.TradeExecuted(t, portfolio.snapshot()));
    }

    @Test
    @DisplayName("the startup alert arrives with mode, capital, sizing, strategies, the snapshot and the keyboard")
    void startupAlert() throws Exception {
        Call c = start(Map.of());
        assertThat(c.chatId()).isEqualTo(Long.toString(OWNER));
        assertThat(c.json().getString("parse_mode")).isEqualToIgnoringCase("HTML");
        assertThat(c.text()).contains("PAPER", "Capital $1000.00", "Sizing: fixed $10.00 per trade",
                "Strategies: ensemble", "Balance $1000.00", "Trading: RUNNING", "2026-05-12 20:10:00 KST");
        assertThat(c.callbackData()).contains("status", "chart", "stop");
        // long polling starts on its own schedule, not necessarily before the startup alert went out
        await(telegram.awaitCall(x -> x.method().equals("getUpdates")));
        assertThat(telegram.calls("deleteWebhook")).as("the webhook is removed once, before polling").hasSize(1);
    }

    @Test
    @DisplayName("a trade event becomes exactly one message with its sources")
    void tradeAlert() throws Exception {
        start(Map.of());
        publishTrade(17);
        Call c = await(telegram.awaitMessage("#17"));
        assertThat(c.text()).contains("<b>BUY UP</b> #17", "Sources directional, obi", "Amount $10.00",
                "Fee $0.17", "Confidence 72.0%", "20:11:05 KST");
        alertBarrier();
        assertThat(texts().stream().filter(t -> t.contains("#17"))).hasSize(1);
    }

    @Test
    @DisplayName("30 trade events at once: at most 20 sends in that minute, every trade delivered (coalesced)")
    void burst() throws Exception {
        start(Map.of());
        for (int i = 1; i <= 30; i++) {
            publishTrade(100 + i);
        }
        for (int i = 1; i <= 30; i++) {
            await(telegram.awaitMessage("#" + (100 + i) + " "));
        }
        List<Call> sends = telegram.calls("sendMessage");
        Instant minuteEnd = Samples.T0.plus(Duration.ofMinutes(1));
        assertThat(sends.stream().filter(c -> c.at().isBefore(minuteEnd))).hasSizeLessThanOrEqualTo(20);
        assertThat(sends).hasSizeLessThan(31);
        assertThat(texts()).anySatisfy(t -> assertThat(t).contains("new trades"));
    }

    @Test
    @DisplayName("25 alerts that cannot merge: 20 go in the first minute, the rest when the clock moves on")
    void rateLimitOnTheClock() throws Exception {
        start(Map.of());
        for (int i = 1; i <= 25; i++) {
            vertx.eventBus().publish(Addresses.BREAKER_TRIPPED,
                    new PortfolioEvent.BreakerTripped("reason-" + i + ";", portfolio.snapshot()));
        }
        await(telegram.awaitCalls(c -> c.method().equals("sendMessage"), 20));
        clock.advance(Duration.ofSeconds(60));
        for (int i = 1; i <= 25; i++) {
            await(telegram.awaitMessage("reason-" + i + ";"));
        }
        List<Call> sends = telegram.calls("sendMessage");
        assertThat(sends.stream().filter(c -> c.at().equals(Samples.T0))).hasSize(20);
        assertThat(sends.stream().filter(c -> !c.at().isBefore(Samples.T0.plusSeconds(60)))).hasSize(6);
    }

    @Test
    @DisplayName("a 429 is honoured: the message is delivered only after retry_after has passed on the clock")
    void retryAfter() throws Exception {
        start(Map.of());
        await(telegram.respondNext("sendMessage", 429,
                Fixtures.fixture("telegram/error-429-too-many-requests-capture.json")));
        Call limited;
        // the capture is listening before anything is published: the 429 line can come before the test looks for it
        try (LogCapture outbox = LogCapture.of(Outbox.class.getName())) {
            vertx.eventBus().publish(Addresses.BREAKER_TRIPPED,
                    new PortfolioEvent.BreakerTripped("daily loss over $50", portfolio.snapshot()));
            limited = await(telegram.awaitCall(c -> c.status() == 429));
            // the notifier has read the 429 once it says so; only then may the clock move
            assertThat(outbox.awaitLine("rate limited (429)").get(30, TimeUnit.SECONDS))
                    .contains("waiting until " + limited.at().plusSeconds(15));
        }
        assertThat(limited.text()).contains("daily loss over $50");
        clock.advance(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(5));
        Call delivered = await(telegram.awaitMessage("daily loss over $50"));
        assertThat(delivered.at()).isAfterOrEqualTo(limited.at().plusSeconds(15));
        assertThat(telegram.calls("sendMessage").stream().filter(c -> c.text().contains("daily loss over")))
                .hasSize(2);
    }

    @Test
    @DisplayName("/stop from the owner stops trading and is audited")
    void stopFromOwner() throws Exception {
        start(Map.of());
        telegram.pushCommand(OWNER, OWNER, "/stop");
        await(telegram.awaitMessage("Trading stopped."));
        assertThat(portfolio.received(PortfolioCommand.StopTrading.class))
                .containsExactly(new PortfolioCommand.StopTrading("telegram:" + OWNER, "telegram /stop"));
        alertBarrier();
        // the TradingStateChanged the portfolio published for our own /stop is not announced twice
        assertThat(texts().stream().filter(t -> t.contains("stopped"))).hasSize(1);
        assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("user=" + OWNER, "what=\"/stop\"",
                "result=ok"));
    }

    @Test
    @DisplayName("/stop from another chat does nothing and gets no answer")
    void stopFromStranger() throws Exception {
        start(Map.of());
        telegram.pushCommand(STRANGER_CHAT, 999, "/stop");
        telegram.pushCallback(STRANGER_CHAT, 999, "stop");
        barrier();
        assertThat(portfolio.received(PortfolioCommand.StopTrading.class)).isEmpty();
        assertThat(telegram.calls("sendMessage")).allSatisfy(c -> {
            assertThat(c.chatId()).isEqualTo(Long.toString(OWNER));
            assertThat(c.text()).doesNotContain("stopped");
        });
        // the stranger's button only has its spinner stopped, with no text
        assertThat(telegram.calls("answerCallbackQuery")).allSatisfy(c -> assertThat(c.json().getString("text")).isNull());
        assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("user=999", "result=denied:chat"));
    }

    @Test
    @DisplayName("in a group, /cmd@BotName works for allowed users; other members are ignored")
    void groupAndAllowedUsers() throws Exception {
        long group = -1001234567890L;
        start(Map.of("TELEGRAM_CHAT_ID", Long.toString(group), "TELEGRAM_ALLOWED_USER_IDS", "42"));
        telegram.pushCommand(group, 43, "/stop@" + FakeTelegram.BOT_USERNAME);
        telegram.pushCommand(group, 42, "/status@other_bot");
        telegram.pushCommand(group, 42, "/status@" + FakeTelegram.BOT_USERNAME);
        Call status = await(telegram.awaitMessage("<b>Status</b>"));
        assertThat(status.chatId()).isEqualTo(Long.toString(group));
        assertThat(portfolio.received(PortfolioCommand.StopTrading.class)).isEmpty();
        assertThat(texts().stream().filter(t -> t.contains("<b>Status</b>"))).hasSize(1);
        assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("user=43", "result=denied:user"))
                .anySatisfy(l -> assertThat(l).contains("/status@other_bot", "result=ignored:not-for-this-bot"));
    }

    @Test
    @DisplayName("/topup asks for a confirmation press; confirming tops up once; bad amounts get the usage line")
    void topUpConfirmation() throws Exception {
        start(Map.of("TOPUP_MAX", "500"));
        telegram.pushCommand(OWNER, OWNER, "/topup 600");
        await(telegram.awaitMessage("Usage: /topup"));
        telegram.pushCommand(OWNER, OWNER, "/topup 100");
        Call prompt = await(telegram.awaitMessage("Add <b>$100.00</b>"));
        String confirm = prompt.callbackData().get(0);
        assertThat(confirm).startsWith("cf:");
        assertThat(prompt.callbackData().get(1)).startsWith("cx:");
        assertThat(portfolio.received(PortfolioCommand.TopUp.class)).isEmpty();

        telegram.pushCallback(OWNER, 777, confirm);
        await(telegram.awaitCall(c -> c.method().equals("answerCallbackQuery") && "Only the person who asked can answer this."
                .equals(c.json().getString("text"))));
        telegram.pushCallback(OWNER, OWNER, confirm);
        await(telegram.awaitMessage("Added $100.00"));
        telegram.pushCallback(OWNER, OWNER, confirm);
        await(telegram.awaitCall(c -> c.method().equals("answerCallbackQuery") && String.valueOf(c.json()
                .getString("text")).startsWith("Nothing to confirm")));
        barrier();
        assertThat(portfolio.received(PortfolioCommand.TopUp.class))
                .containsExactly(new PortfolioCommand.TopUp(Usd.of("100"), "telegram:" + OWNER));
        assertThat(telegram.calls("answerCallbackQuery")).hasSize(3);
        assertThat(audit.lines()).anySatisfy(l -> assertThat(l).contains("confirmation-asked:100.00"))
                .anySatisfy(l -> assertThat(l).contains("result=confirmed:topup 100.00"));
    }

    @Test
    @DisplayName("/resume after a breaker trip asks to confirm: cancel does nothing, confirm resumes")
    void resumeAfterBreaker() throws Exception {
        start(Map.of());
        portfolio.setControl(Samples.breaker("drawdown 21% > 20%"));
        telegram.pushCommand(OWNER, OWNER, "/resume");
        Call prompt = await(telegram.awaitMessage("circuit breaker is tripped"));
        assertThat(prompt.text()).contains("drawdown 21% &gt; 20%");
        telegram.pushCallback(OWNER, OWNER, prompt.callbackData().get(1));
        await(telegram.awaitMessage("Cancelled."));
        assertThat(portfolio.received(PortfolioCommand.ResumeTrading.class)).isEmpty();

        telegram.pushCommand(OWNER, OWNER, "/resume");
        await(telegram.awaitCalls(c -> c.method().equals("sendMessage") && c.text().contains("circuit breaker"), 2));
        Call second = telegram.calls("sendMessage").stream().filter(c -> c.text().contains("circuit breaker"))
                .reduce((a, b) -> b).orElseThrow();
        telegram.pushCallback(OWNER, OWNER, second.callbackData().get(0));
        await(telegram.awaitMessage("Trading resumed."));
        assertThat(portfolio.received(PortfolioCommand.ResumeTrading.class))
                .containsExactly(new PortfolioCommand.ResumeTrading("telegram:" + OWNER));
    }

    @Test
    @DisplayName("/resume after a manual stop resumes at once, without a prompt")
    void resumeAfterStop() throws Exception {
        start(Map.of());
        portfolio.setControl(Samples.stopped("manual"));
        telegram.pushCommand(OWNER, OWNER, "/resume");
        await(telegram.awaitMessage("Trading resumed."));
        assertThat(portfolio.received(PortfolioCommand.ResumeTrading.class)).hasSize(1);
        assertThat(texts()).noneSatisfy(t -> assertThat(t).contains("Press Confirm"));
    }

    @Test
    @DisplayName("/chart and the chart button upload a multipart PNG that decodes to the chart's size")
    void chart() throws Exception {
        start(Map.of());
        telegram.pushCommand(OWNER, OWNER, "/chart");
        Call photo = await(telegram.awaitCall(c -> c.method().equals("sendPhoto")));
        assertThat(photo.chatId()).isEqualTo(Long.toString(OWNER));
        assertThat(photo.fileName()).isEqualTo("equity.png");
        assertThat(photo.form().get("caption")).contains("Balance $1000.00");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(photo.file()));
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(EquityChart.WIDTH);
        assertThat(img.getHeight()).isEqualTo(EquityChart.HEIGHT);

        telegram.pushCallback(OWNER, OWNER, "chart");
        await(telegram.awaitCall(c -> c.method().equals("answerCallbackQuery")
                && "Rendering chart…".equals(c.json().getString("text"))));
        await(telegram.awaitCalls(c -> c.method().equals("sendPhoto"), 2));
    }

    @Test
    @DisplayName("/history N is bounded and /pnl reports periods; a bad N gets the usage line")
    void historyAndPnl() throws Exception {
        start(Map.of());
        telegram.pushCommand(OWNER, OWNER, "/history 51");
        await(telegram.awaitMessage("Usage: /history N"));
        telegram.pushCommand(OWNER, OWNER, "/history 5");
        Call h = await(telegram.awaitMessage("Last 5 trade(s)"));
        assertThat(h.text().lines().filter(l -> l.startsWith("#"))).hasSize(5);
        assertThat(portfolio.received(PortfolioCommand.ListTrades.class))
                .containsExactly(new PortfolioCommand.ListTrades(5, 0));
        telegram.pushCommand(OWNER, OWNER, "/history 50");
        await(telegram.awaitMessage("Last 50 trade(s)"));
        telegram.pushCommand(OWNER, OWNER, "/pnl");
        Call pnl = await(telegram.awaitMessage("P&amp;L</b>"));
        assertThat(pnl.text()).contains("Today: +$3.50", "7 days: -$1.50", "All time: +$12.30");
        assertThat(pnl.text()).contains("<b>By market</b>", "btc-5m: +$4.10 · 4W/2L", "eth-15m: -$2.00 · 1W/3L");
    }

    @Test
    @DisplayName("/status lists every market's P&L and open positions when several markets are traded")
    void statusPerMarket() throws Exception {
        start(Map.of());
        telegram.pushCommand(OWNER, OWNER, "/status");
        Call status = await(telegram.awaitMessage("<b>Status</b>"));
        assertThat(status.text()).contains("<b>By market</b>", "btc-5m: +$4.10 · 4W/2L · open 1 ($10.10)",
                "eth-15m: -$2.00 · 1W/3L · open 0 ($0.00)");
    }

    @Test
    @DisplayName("a DayClosed at 00:00 KST on the advanced clock produces exactly one daily summary")
    void dailySummaryOnce() throws Exception {
        start(Map.of());
        clock.advanceTo(Kst.nextMidnight(clock.instant()));
        LocalDate day = Samples.today();
        var closed = new PortfolioEvent.DayClosed(day, 12, 7, 5, Usd.of("12.3"), Usd.of("1.2"), Usd.of("1012.3"),
                portfolio.snapshot(), clock.instant());
        vertx.eventBus().publish(Addresses.PORTFOLIO_DAY_CLOSED, closed);
        vertx.eventBus().publish(Addresses.PORTFOLIO_DAY_CLOSED, closed);
        Call summary = await(telegram.awaitMessage("Daily summary"));
        assertThat(summary.text()).contains("2026-05-12 (KST)", "Trades 12", "Win rate 58.3%", "P&amp;L +$12.30",
                "Balance $1012.30");
        assertThat(summary.at()).isEqualTo(Instant.parse("2026-05-12T15:00:00Z"));
        alertBarrier();
        assertThat(texts().stream().filter(t -> t.contains("Daily summary"))).hasSize(1);
    }
}
