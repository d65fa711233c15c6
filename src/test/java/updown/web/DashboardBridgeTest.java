package updown.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("event-bus bridge")
class DashboardBridgeTest {
    private final VirtualClock clock = new VirtualClock(Samples.START);
    private FakePortfolio portfolio;
    private FakeTrader trader;
    private DashboardHarness h;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext ctx) {
        portfolio = new FakePortfolio(clock, Usd.of("1000"));
        trader = new FakeTrader(Samples.markets(Samples.START));
        DashboardHarness.start(vertx, DashboardHarness.config(DashboardHarness.TOKEN), clock,
                        List.of(portfolio, trader))
                .onComplete(ctx.succeeding(harness -> {
                    h = harness;
                    ctx.completeNow();
                }));
    }

    private static JsonObject send(String address, JsonObject body) {
        return new JsonObject().put("type", "send").put("address", address).put("body", body)
                .put("replyAddress", "reply-to-me");
    }

    @Test
    @DisplayName("refuses every inbound send or publish, even to a dashboard address, and the bot hears nothing")
    void noInbound(Vertx vertx, VertxTestContext ctx) {
        JsonObject stop = new JsonObject().put("by", "attacker").put("reason", "via bridge");
        BridgeSocket.connect(vertx, h.port()).compose(s -> s.write(send(Addresses.PORTFOLIO_STOP, stop))
                        .compose(x -> s.next())
                        .compose(first -> {
                            ctx.verify(() -> assertThat(first.getString("type")).isEqualTo("err"));
                            return s.write(new JsonObject().put("type", "publish")
                                    .put("address", Addresses.PORTFOLIO_TOPUP).put("body", stop));
                        })
                        .compose(x -> s.next())
                        .compose(second -> {
                            ctx.verify(() -> assertThat(second.getString("type")).isEqualTo("err"));
                            return s.write(send(Addresses.DASHBOARD_SNAPSHOT, new JsonObject()));
                        })
                        .compose(x -> s.next()))
                .onComplete(ctx.succeeding(third -> ctx.verify(() -> {
                    assertThat(third.getString("type")).isEqualTo("err");
                    assertThat(portfolio.commands()).isEmpty();
                    assertThat(portfolio.tradingState()).isEqualTo(TradingState.RUNNING);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("delivers dashboard.* JSON outbound but never a non-dashboard address")
    void outboundOnlyDashboard(Vertx vertx, VertxTestContext ctx) {
        BridgeSocket.connect(vertx, h.port()).compose(s -> s.register(Addresses.DASHBOARD_TRADE)
                        .compose(x -> s.register(Addresses.PORTFOLIO_SNAPSHOT))
                        .compose(x -> s.next())
                        .compose(refused -> {
                            // frames are handled in order: once this refusal is back, both registrations were seen
                            ctx.verify(() -> {
                                assertThat(refused.getString("type")).isEqualTo("err");
                            });
                            vertx.eventBus().publish(Addresses.PORTFOLIO_SNAPSHOT, portfolio.snapshot());
                            vertx.eventBus().publish(Addresses.PORTFOLIO_SNAPSHOT, new JsonObject().put("x", 1));
                            portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
                            return s.next();
                        }))
                .onComplete(ctx.succeeding(frame -> ctx.verify(() -> {
                    assertThat(frame.getString("type")).isEqualTo("rec");
                    assertThat(frame.getString("address")).isEqualTo(Addresses.DASHBOARD_TRADE);
                    JsonObject body = frame.getJsonObject("body");
                    assertThat(body.getString("event")).isEqualTo("executed");
                    assertThat(body.getJsonObject("trade").getValue("amount")).isEqualTo("10.00");
                    assertThat(body.getJsonObject("trade").getValue("altPrice")).isNull();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("portfolio events become dashboard.snapshot JSON with the new trading state")
    void snapshots(Vertx vertx, VertxTestContext ctx) {
        BridgeSocket.connect(vertx, h.port()).compose(s -> s.register(Addresses.DASHBOARD_SNAPSHOT)
                        .compose(x -> s.write(send(Addresses.PORTFOLIO_STOP, new JsonObject())))
                        .compose(x -> s.next())
                        .compose(refused -> h.post("/api/stop", DashboardHarness.TOKEN, "{}"))
                        .compose(x -> s.next()))
                .onComplete(ctx.succeeding(frame -> ctx.verify(() -> {
                    assertThat(frame.getString("address")).isEqualTo(Addresses.DASHBOARD_SNAPSHOT);
                    JsonObject body = frame.getJsonObject("body");
                    assertThat(body.getString("event")).isEqualTo("trading-state-changed");
                    assertThat(body.getJsonObject("portfolio").getJsonObject("trading").getString("state"))
                            .isEqualTo("stopped");
                    assertThat(body.getJsonObject("portfolio").getValue("balance")).isEqualTo("1000.00");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("each trader tick pushes dashboard.markets with the feed freshness")
    void markets(Vertx vertx, VertxTestContext ctx) {
        BridgeSocket.connect(vertx, h.port()).compose(s -> s.register(Addresses.DASHBOARD_MARKETS)
                        .compose(x -> s.write(send(Addresses.TRADER_MARKETS, new JsonObject())))
                        .compose(x -> s.next())
                        .compose(refused -> {
                            trader.tick(Samples.freshTick(clock.instant()));
                            return s.next();
                        }))
                .onComplete(ctx.succeeding(frame -> ctx.verify(() -> {
                    assertThat(frame.getString("address")).isEqualTo(Addresses.DASHBOARD_MARKETS);
                    JsonObject body = frame.getJsonObject("body");
                    assertThat(body.getJsonArray("markets")).hasSize(1);
                    assertThat(body.getJsonObject("feeds").getBoolean("healthy")).isTrue();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("opens only to the dashboard's own page: another web site's origin is refused")
    void sameOriginOnly(Vertx vertx, VertxTestContext ctx) {
        String own = "http://127.0.0.1:" + h.port();
        BridgeSocket.connect(vertx, h.port(), own)
                .compose(s -> s.register(Addresses.DASHBOARD_MARKETS)
                        .compose(x -> s.write(send(Addresses.TRADER_MARKETS, new JsonObject())))
                        .compose(x -> s.next()))
                .compose(refused -> {
                    ctx.verify(() -> assertThat(refused.getString("type")).isEqualTo("err"));
                    return BridgeSocket.connect(vertx, h.port(), "http://evil.example");
                })
                .onComplete(ctx.failing(e -> ctx.verify(() -> {
                    assertThat(e.getMessage()).contains("403");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("the origin check compares host and port, with default ports filled in")
    void originRule(VertxTestContext ctx) {
        ctx.verify(() -> {
            assertThat(SameOrigin.matches("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
            assertThat(SameOrigin.matches("http://Bot.Example", "bot.example:80")).isTrue();
            assertThat(SameOrigin.matches("https://bot.example", "bot.example:443")).isTrue();
            assertThat(SameOrigin.matches("http://127.0.0.1:8081", "127.0.0.1:8080")).isFalse();
            assertThat(SameOrigin.matches("http://evil.example", "127.0.0.1:8080")).isFalse();
            assertThat(SameOrigin.matches("null", "127.0.0.1:8080")).isFalse();
            assertThat(SameOrigin.matches("http://127.0.0.1:8080", null)).isFalse();
            assertThat(SameOrigin.matches("::::", "127.0.0.1:8080")).isFalse();
        });
        ctx.completeNow();
    }
}
