package updown.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import updown.domain.PortfolioCommand;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("dashboard commands")
class DashboardCommandsTest {
    private final VirtualClock clock = new VirtualClock(Samples.START);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private FakePortfolio portfolio;
    /** Held by the test so its HTTP client stays reachable while requests are in flight. */
    private DashboardHarness harness;

    @BeforeEach
    void captureLogs() {
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root().detachAppender(logs);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private Future<DashboardHarness> start(Vertx vertx, String token) {
        portfolio = new FakePortfolio(clock, Usd.of("1000"));
        return DashboardHarness.start(vertx, DashboardHarness.config(token), clock,
                List.of(portfolio, new FakeTrader(Samples.markets(Samples.START)))).onSuccess(h -> harness = h);
    }

    private void assertTokenNeverLeaked(List<HttpResponse<Buffer>> responses) {
        for (HttpResponse<Buffer> r : responses) {
            assertThat(r.bodyAsString()).doesNotContain(DashboardHarness.TOKEN);
            r.headers().forEach(h -> assertThat(h.getValue()).doesNotContain(DashboardHarness.TOKEN));
        }
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(DashboardHarness.TOKEN).doesNotContain("wrong-token");
        }
    }

    @Test
    @DisplayName("without a configured token every command is 403, the portfolio hears nothing and the status "
            + "tells the page that commands are off")
    void disabled(Vertx vertx, VertxTestContext ctx) {
        start(vertx, "").compose(h -> Future.all(
                        h.post("/api/stop", null, null),
                        h.post("/api/resume", "anything", "{}"),
                        h.post("/api/topup", "anything", "{\"amount\":\"100\"}"),
                        h.get("/api/status")))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    HttpResponse<Buffer> status = all.resultAt(3);
                    assertThat(status.bodyAsJsonObject().getBoolean("commandsEnabled")).isFalse();
                    for (int i = 0; i < 3; i++) {
                        HttpResponse<Buffer> r = all.resultAt(i);
                        assertThat(r.statusCode()).isEqualTo(403);
                        assertThat(r.bodyAsJsonObject().getString("error")).contains("read-only");
                    }
                    assertThat(portfolio.commands()).isEmpty();
                    assertThat(portfolio.tradingState()).isEqualTo(TradingState.RUNNING);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a missing, malformed or wrong token is 401 and trading keeps running")
    void unauthorized(Vertx vertx, VertxTestContext ctx) {
        start(vertx, DashboardHarness.TOKEN).compose(h -> Future.all(List.of(
                        h.post("/api/stop", null, "{}"),
                        h.post("/api/stop", "wrong-token", "{}"),
                        h.post("/api/stop", DashboardHarness.TOKEN + "x", "{}"),
                        h.post("/api/stop", "", "{}"),
                        h.client.post("/api/stop").putHeader("Authorization", "Basic " + DashboardHarness.TOKEN)
                                .send(),
                        h.client.post("/api/stop").putHeader("Authorization", DashboardHarness.TOKEN).send(),
                        h.post("/api/topup", "wrong-token", "{\"amount\":\"5\"}"))))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    List<HttpResponse<Buffer>> rs = all.list();
                    for (HttpResponse<Buffer> r : rs) {
                        assertThat(r.statusCode()).isEqualTo(401);
                        assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer");
                        assertThat(r.bodyAsJsonObject().getString("error")).contains("token");
                    }
                    assertThat(portfolio.commands()).isEmpty();
                    assertThat(portfolio.tradingState()).isEqualTo(TradingState.RUNNING);
                    assertTokenNeverLeaked(rs);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("stop and resume with the token flip the portfolio's switch and answer its new snapshot")
    void stopAndResume(Vertx vertx, VertxTestContext ctx) {
        start(vertx, DashboardHarness.TOKEN).compose(h -> h.post("/api/stop", DashboardHarness.TOKEN,
                                "{\"reason\":\"manual check\"}")
                        .compose(stop -> {
                            ctx.verify(() -> {
                                assertThat(stop.statusCode()).isEqualTo(200);
                                JsonObject body = stop.bodyAsJsonObject();
                                assertThat(body.getBoolean("ok")).isTrue();
                                JsonObject trading = body.getJsonObject("portfolio").getJsonObject("trading");
                                assertThat(trading.getString("state")).isEqualTo("stopped");
                                assertThat(trading.getString("reason")).isEqualTo("manual check");
                                assertThat(portfolio.tradingState()).isEqualTo(TradingState.STOPPED);
                            });
                            return h.post("/api/stop", DashboardHarness.TOKEN, null);
                        })
                        .compose(again -> {
                            ctx.verify(() -> {
                                assertThat(again.statusCode()).isEqualTo(409);
                                assertThat(again.bodyAsJsonObject().getString("code")).isEqualTo("ALREADY_STOPPED");
                            });
                            return h.post("/api/resume", "  " + DashboardHarness.TOKEN + " ", null);
                        })
                        .map(resume -> List.of(resume)))
                .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
                    HttpResponse<Buffer> resume = rs.get(0);
                    assertThat(resume.statusCode()).isEqualTo(200);
                    assertThat(resume.bodyAsJsonObject().getJsonObject("portfolio").getJsonObject("trading")
                            .getString("state")).isEqualTo("running");
                    assertThat(portfolio.tradingState()).isEqualTo(TradingState.RUNNING);
                    assertThat(portfolio.commands()).hasSize(3);
                    assertThat(portfolio.commands().get(0)).isEqualTo(
                            new PortfolioCommand.StopTrading("dashboard", "manual check"));
                    assertThat(portfolio.commands().get(1)).isEqualTo(
                            new PortfolioCommand.StopTrading("dashboard", CommandApi.DEFAULT_STOP_REASON));
                    assertThat(portfolio.commands().get(2)).isEqualTo(new PortfolioCommand.ResumeTrading("dashboard"));
                    assertTokenNeverLeaked(rs);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("top-up adds exactly the amount given as a decimal string")
    void topUp(Vertx vertx, VertxTestContext ctx) {
        start(vertx, DashboardHarness.TOKEN)
                .compose(h -> h.post("/api/topup", DashboardHarness.TOKEN, "{\"amount\":\"100.25\"}"))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    JsonObject p = r.bodyAsJsonObject().getJsonObject("portfolio");
                    assertThat(p.getValue("balance")).isEqualTo("1100.25");
                    assertThat(p.getValue("topups")).isEqualTo("100.25");
                    assertThat(portfolio.commands()).containsExactly(
                            new PortfolioCommand.TopUp(Usd.of("100.25"), "dashboard"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("bad command input is a 400 with a JSON error and never reaches the portfolio")
    void badInput(Vertx vertx, VertxTestContext ctx) {
        List<String> badTopUps = List.of("{}", "{\"amount\":\"-5\"}", "{\"amount\":\"0\"}", "{\"amount\":\"abc\"}",
                "{\"amount\":\"1e3\"}", "{\"amount\":\"1.0000001\"}", "{\"amount\":\"10001\"}",
                "{\"amount\":12.5}", "{\"amount\":null}", "{\"amount\":[1]}", "not json", "[1,2]",
                "{\"amount\":\" \"}", "{\"amount\":\"NaN\"}");
        start(vertx, DashboardHarness.TOKEN).compose(h -> {
            Future<?> chain = Future.succeededFuture();
            for (String body : badTopUps) {
                chain = chain.compose(x -> h.post("/api/topup", DashboardHarness.TOKEN, body).map(r -> {
                    ctx.verify(() -> {
                        assertThat(r.statusCode()).as(body).isEqualTo(400);
                        assertThat(r.bodyAsJsonObject().getString("error")).as(body).isNotBlank();
                        assertThat(r.bodyAsString()).as(body).doesNotContain("Exception").doesNotContain("\tat ");
                    });
                    return r;
                }));
            }
            return chain.compose(x -> Future.all(
                    h.post("/api/stop", DashboardHarness.TOKEN, "{\"reason\":42}"),
                    h.post("/api/stop", DashboardHarness.TOKEN, "{\"reason\":\"" + "x".repeat(201) + "\"}"),
                    h.post("/api/stop", DashboardHarness.TOKEN, "{" + "\"a\":1,".repeat(2000) + "\"b\":1}")));
        }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
            assertThat(((HttpResponse<?>) all.resultAt(0)).statusCode()).isEqualTo(400);
            assertThat(((HttpResponse<?>) all.resultAt(1)).statusCode()).isEqualTo(400);
            HttpResponse<Buffer> tooLarge = all.resultAt(2);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.bodyAsJsonObject().getString("error")).isEqualTo("request body too large");
            assertThat(portfolio.commands()).isEmpty();
            assertThat(portfolio.tradingState()).isEqualTo(TradingState.RUNNING);
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("a top-up above TOPUP_MAX is refused")
    void topUpCap(Vertx vertx, VertxTestContext ctx) {
        portfolio = new FakePortfolio(clock, Usd.of("1000"));
        DashboardHarness.start(vertx, TestConfig.with(Map.of("DASHBOARD_PORT", "0", "DASHBOARD_TOKEN",
                        DashboardHarness.TOKEN, "TOPUP_MAX", "50")), clock, List.of(portfolio))
                .onSuccess(h -> harness = h)
                .compose(h -> Future.all(h.post("/api/topup", DashboardHarness.TOKEN, "{\"amount\":\"50.01\"}"),
                        h.post("/api/topup", DashboardHarness.TOKEN, "{\"amount\":50}")))
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    HttpResponse<Buffer> over = all.resultAt(0);
                    assertThat(over.statusCode()).isEqualTo(400);
                    assertThat(over.bodyAsJsonObject().getString("error")).contains("at most 50.00");
                    assertThat(((HttpResponse<?>) all.resultAt(1)).statusCode()).isEqualTo(200);
                    assertThat(portfolio.commands()).containsExactly(
                            new PortfolioCommand.TopUp(Usd.of("50"), "dashboard"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("commands only accept POST; a GET is not a way around the token")
    void onlyPost(Vertx vertx, VertxTestContext ctx) {
        start(vertx, DashboardHarness.TOKEN).compose(h -> h.get("/api/stop"))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(404);
                    assertThat(portfolio.commands()).isEmpty();
                    ctx.completeNow();
                })));
    }
}
