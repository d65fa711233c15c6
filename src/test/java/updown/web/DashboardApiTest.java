package updown.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("dashboard REST API")
class DashboardApiTest {
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

    private static JsonObject json(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject();
    }

    @Test
    @DisplayName("live wallet: no wallet in the status until a check arrives; then wallet, spendable, ledger and drift,"
            + " also pushed on dashboard.wallet")
    void walletCheck(Vertx vertx, VertxTestContext ctx) {
        updown.domain.WalletCheck check = new updown.domain.WalletCheck(Usd.of("512.25"), Usd.of("500"),
                Usd.of("1000"), Usd.of("-2.5"), clock.instant());
        h.get("/api/status").onComplete(ctx.succeeding(before -> {
            ctx.verify(() -> assertThat(json(before).containsKey("wallet") && json(before).getValue("wallet") != null)
                    .as("paper/no reading yet: wallet is null").isFalse());
            vertx.eventBus().<JsonObject>consumer(updown.bus.Addresses.DASHBOARD_WALLET, pushed -> ctx.verify(() -> {
                assertThat(pushed.body().getString("drift")).isEqualTo("-2.50");
                h.get("/api/status").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    JsonObject w = json(r).getJsonObject("wallet");
                    assertThat(w.getString("wallet")).isEqualTo("512.25");
                    assertThat(w.getString("spendable")).isEqualTo("500.00");
                    assertThat(w.getString("ledgerBalance")).isEqualTo("1000.00");
                    assertThat(w.getString("drift")).isEqualTo("-2.50");
                    assertThat(w.getString("at")).isEqualTo("2026-05-12T10:00:00Z");
                    ctx.completeNow();
                })));
            })).completion().onSuccess(v -> vertx.eventBus().publish(updown.bus.Addresses.PORTFOLIO_WALLET, check));
        }));
    }

    @Test
    @DisplayName("live shadow: /api/shadow lists paper vs live per trade (price, fee, slippage, refusal), newest first")
    void shadow(Vertx vertx, VertxTestContext ctx) {
        updown.engine.live.ShadowTrade.Side paper = new updown.engine.live.ShadowTrade.Side(true,
                updown.domain.Price.of("0.45"), updown.domain.Shares.of("22.222222"), Usd.of("10"), Usd.of("0.39"), null);
        updown.engine.live.ShadowTrade.Side live = new updown.engine.live.ShadowTrade.Side(true,
                updown.domain.Price.of("0.47"), updown.domain.Shares.of("21.276595"), Usd.of("10"), Usd.of("0.37"), null);
        updown.engine.live.ShadowTrade.Side refused = new updown.engine.live.ShadowTrade.Side(false, null, null, null,
                null, "NO_LIQUIDITY: killed");
        vertx.eventBus().publish(updown.bus.Addresses.LIVE_SHADOW, new updown.engine.live.ShadowTrade(clock.instant(),
                "btc-updown-5m-1", updown.domain.Direction.BUY_UP, paper, live));
        vertx.eventBus().publish(updown.bus.Addresses.LIVE_SHADOW, new updown.engine.live.ShadowTrade(clock.instant(),
                "btc-updown-5m-2", updown.domain.Direction.BUY_DOWN, paper, refused));
        h.get("/api/shadow").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            JsonArray rows = json(r).getJsonArray("trades");
            assertThat(rows).hasSize(2);
            assertThat(rows.getJsonObject(0).getJsonObject("live").getString("refusal")).isEqualTo("NO_LIQUIDITY: killed");
            assertThat(rows.getJsonObject(0).getValue("slippage")).isNull();
            JsonObject filled = rows.getJsonObject(1);
            assertThat(filled.getString("slippage")).isEqualTo("0.02");
            assertThat(filled.getString("feeDifference")).isEqualTo("-0.02");
            assertThat(filled.getJsonObject("paper").getString("price")).isEqualTo("0.45");
            assertThat(filled.getJsonObject("live").getString("fee")).isEqualTo("0.37");
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("status shows mode, whether commands are on, trading state, money as decimal strings and feed freshness")
    void status(VertxTestContext ctx) {
        portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
        h.tickSeen(Samples.freshTick(clock.instant()), () -> trader.tick(Samples.freshTick(clock.instant())))
                .compose(x -> h.get("/api/status"))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
                    JsonObject s = json(r);
                    assertThat(s.getString("mode")).isEqualTo("paper");
                    assertThat(s.getBoolean("commandsEnabled")).as("a token is configured").isTrue();
                    assertThat(s.getString("now")).isEqualTo("2026-05-12T10:00:00Z");
                    assertThat(s.getString("nowKst")).isEqualTo("2026-05-12T19:00:00+09:00");
                    JsonObject p = s.getJsonObject("portfolio");
                    assertThat(p.getValue("balance")).isEqualTo("989.825");
                    assertThat(p.getValue("equity")).isEqualTo("1000.00");
                    assertThat(p.getValue("peak")).isEqualTo("1000.00");
                    assertThat(p.getValue("realizedPnl")).isEqualTo("0.00");
                    assertThat(p.getValue("winRate")).isEqualTo("0.00");
                    assertThat(p.getInteger("openPositions")).isEqualTo(1);
                    assertThat(p.getJsonObject("today").getValue("pnl")).isEqualTo("0.00");
                    assertThat(p.getJsonObject("today").getString("day")).isEqualTo("2026-05-12");
                    assertThat(p.getJsonObject("trading").getString("state")).isEqualTo("running");
                    JsonObject f = s.getJsonObject("feeds");
                    assertThat(f.getBoolean("healthy")).isTrue();
                    assertThat(f.getLong("tickAgeMs")).isZero();
                    assertThat(f.getString("lastTickAtKst")).isEqualTo("2026-05-12T19:00:00+09:00");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("status before any tick says the feeds are not known to be fresh")
    void statusWithoutTick(VertxTestContext ctx) {
        h.get("/api/status").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            JsonObject f = json(r).getJsonObject("feeds");
            assertThat(f.getBoolean("healthy")).isFalse();
            assertThat(f.getValue("lastTickAt")).isNull();
            assertThat(f.getJsonArray("reasons").getString(0)).contains("not ticked");
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("trades carry every field; an absent alt price is null and a zero alt price is \"0.00\"")
    void trades(VertxTestContext ctx) {
        Trade directional = portfolio.open(Samples.directional("10", "0.55", "0.17325", clock.instant()));
        clock.advance(Duration.ofSeconds(30));
        portfolio.open(Samples.arbWithZeroAltPrice(clock.instant()));
        clock.advance(Duration.ofSeconds(300));
        portfolio.settle(directional.id(), Resolution.UP);
        h.get("/api/trades?limit=10&offset=0").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject page = json(r);
            assertThat(page.getInteger("total")).isEqualTo(2);
            assertThat(page.getInteger("limit")).isEqualTo(10);
            JsonArray trades = page.getJsonArray("trades");
            JsonObject arb = trades.getJsonObject(0);
            JsonObject dir = trades.getJsonObject(1);

            assertThat(arb.getString("side")).isEqualTo("ARB");
            assertThat(arb.getValue("altPrice")).isEqualTo("0.00");
            assertThat(arb.getValue("altShares")).isEqualTo("10.00");
            assertThat(arb.getString("status")).isEqualTo("open");
            assertThat(arb.containsKey("payout")).isTrue();
            assertThat(arb.getValue("payout")).isNull();
            assertThat(arb.getValue("pnl")).isNull();
            assertThat(arb.getValue("settledAt")).isNull();
            assertThat(arb.getValue("fee")).isEqualTo("0.1575");

            assertThat(dir.containsKey("altPrice")).isTrue();
            assertThat(dir.getValue("altPrice")).isNull();
            assertThat(dir.getValue("altTokenId")).isNull();
            assertThat(dir.getLong("id")).isEqualTo(1L);
            assertThat(dir.getString("marketId")).isEqualTo("540817");
            assertThat(dir.getString("slug")).isEqualTo(Samples.SLUG);
            assertThat(dir.getString("market")).isEqualTo("btc-5m");
            assertThat(dir.getString("side")).isEqualTo("BUY_UP");
            assertThat(dir.getString("tokenId")).isEqualTo(Samples.UP_TOKEN);
            assertThat(dir.getValue("price")).isEqualTo("0.55");
            assertThat(dir.getValue("shares")).isEqualTo("18.181818");
            assertThat(dir.getValue("amount")).isEqualTo("10.00");
            assertThat(dir.getValue("fee")).isEqualTo("0.17325");
            assertThat(dir.getString("status")).isEqualTo("settled");
            assertThat(dir.getString("outcome")).isEqualTo("UP");
            assertThat(dir.getValue("payout")).isEqualTo("18.181818");
            assertThat(dir.getValue("pnl")).isEqualTo("8.008568");
            assertThat(dir.getJsonArray("sources")).containsExactly("directional", "obi");
            assertThat(dir.getValue("confidence")).isEqualTo("0.72");
            assertThat(dir.getString("openedAt")).isEqualTo("2026-05-12T10:00:00Z");
            assertThat(dir.getString("openedAtKst")).isEqualTo("2026-05-12T19:00:00+09:00");
            assertThat(dir.getString("windowEnd")).isEqualTo("2026-05-12T10:04:00Z");
            assertThat(dir.getString("settledAt")).isEqualTo("2026-05-12T10:05:30Z");
            assertThat(dir.getString("settledAtKst")).isEqualTo("2026-05-12T19:05:30+09:00");
            assertThat(dir.containsKey("externalId")).isTrue();
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("/api/pnl-by-market groups the trades by market series: record, realised P&L and open cost")
    void pnlByMarket(VertxTestContext ctx) {
        Trade won = portfolio.open(Samples.directional("10", "0.55", "0.17325", clock.instant()));
        portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
        clock.advance(Duration.ofSeconds(300));
        portfolio.settle(won.id(), Resolution.UP);
        h.get("/api/pnl-by-market").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(200);
            JsonArray markets = json(r).getJsonArray("markets");
            assertThat(markets).hasSize(1);
            JsonObject btc = markets.getJsonObject(0);
            assertThat(btc.getString("market")).isEqualTo("btc-5m");
            assertThat(btc.getInteger("trades")).isEqualTo(2);
            assertThat(btc.getInteger("open")).isEqualTo(1);
            assertThat(btc.getInteger("wins")).isEqualTo(1);
            assertThat(btc.getValue("pnl")).isEqualTo("8.008568");
            assertThat(btc.getValue("openCost")).isEqualTo("10.175");
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("limit and offset page through the trades, newest first")
    void paging(VertxTestContext ctx) {
        for (int i = 0; i < 3; i++) {
            portfolio.open(Samples.directional("5", "0.40", "0.084", clock.instant()));
        }
        h.get("/api/trades?limit=1&offset=1").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            JsonObject page = json(r);
            assertThat(page.getInteger("total")).isEqualTo(3);
            assertThat(page.getInteger("offset")).isEqualTo(1);
            assertThat(page.getJsonArray("trades")).hasSize(1);
            assertThat(page.getJsonArray("trades").getJsonObject(0).getLong("id")).isEqualTo(2L);
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("bad paging input is a 400 with a JSON error, never a stack trace")
    void badPaging(VertxTestContext ctx) {
        List<String> bad = List.of("limit=0", "limit=501", "limit=abc", "limit=-1", "offset=-5", "limit=1.5",
                "limit=99999999999", "limit=1&limit=2", "offset=", "limit=%20");
        Future<?> all = Future.succeededFuture();
        for (String q : bad) {
            all = all.compose(x -> h.get("/api/trades?" + q).map(r -> {
                ctx.verify(() -> {
                    assertThat(r.statusCode()).as(q).isEqualTo(400);
                    JsonObject e = json(r);
                    assertThat(e.getString("error")).as(q).contains("must be a whole number");
                    assertThat(r.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
                });
                return r;
            }));
        }
        all.onComplete(ctx.succeedingThenComplete());
    }

    @Test
    @DisplayName("open positions list only the open trades")
    void positions(VertxTestContext ctx) {
        Trade first = portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
        portfolio.open(Samples.arbWithZeroAltPrice(clock.instant()));
        portfolio.settle(first.id(), Resolution.DOWN);
        h.get("/api/positions").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            JsonObject o = json(r);
            assertThat(o.getInteger("count")).isEqualTo(1);
            JsonObject t = o.getJsonArray("trades").getJsonObject(0);
            assertThat(t.getString("side")).isEqualTo("ARB");
            assertThat(t.getValue("cost")).isEqualTo("4.6575");
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("markets show best prices, book staleness and the price to beat in dollars")
    void markets(VertxTestContext ctx) {
        h.get("/api/markets").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject v = json(r);
            assertThat(v.getValue("lastBtcPrice")).isEqualTo("103498.01");
            assertThat(v.getBoolean("candlesFresh")).isTrue();
            JsonObject m = v.getJsonArray("markets").getJsonObject(0);
            assertThat(m.getString("slug")).isEqualTo(Samples.SLUG);
            assertThat(m.getValue("upBid")).isEqualTo("0.51");
            assertThat(m.getValue("upAsk")).isEqualTo("0.53");
            assertThat(m.getValue("downBid")).isEqualTo("0.47");
            assertThat(m.getValue("downAsk")).isEqualTo("0.49");
            assertThat(m.getBoolean("upStale")).isFalse();
            assertThat(m.getBoolean("downStale")).isTrue();
            assertThat(m.getLong("bookAgeMs")).isEqualTo(3_000L);
            assertThat(m.getValue("priceToBeat")).isEqualTo("103512.25");
            assertThat(m.getString("windowStartKst")).isEqualTo("2026-05-12T19:00:00+09:00");
            assertThat(m.getString("windowEnd")).isEqualTo("2026-05-12T10:05:00Z");
            assertThat(m.getString("lastDecision")).startsWith("SKIP");
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("equity (cash + open positions at cost) at the start and each settlement, as strings; an opening adds"
            + " no point")
    void equity(VertxTestContext ctx) {
        Trade opened = portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
        h.get("/api/equity").compose(before -> {
            ctx.verify(() -> assertThat(json(before).getInteger("count")).isEqualTo(1));
            portfolio.settle(opened.id(), Resolution.UP);
            return h.get("/api/equity");
        }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            JsonObject e = json(r);
            assertThat(e.getInteger("count")).isEqualTo(2);
            JsonArray points = e.getJsonArray("points");
            assertThat(points.getJsonObject(0).getValue("balance")).isEqualTo("1000.00");
            // 20 shares at 0.50 pay $20: 1000 − 10.175 + 20
            assertThat(points.getJsonObject(1).getValue("balance")).isEqualTo("1009.825");
            assertThat(points.getJsonObject(1).getString("at")).isEqualTo("2026-05-12T10:00:00Z");
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("chart.png is a real PNG image of the equity curve")
    void chart(VertxTestContext ctx) {
        portfolio.open(Samples.directional("10", "0.50", "0.175", clock.instant()));
        h.get("/api/chart.png").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("Content-Type")).isEqualTo("image/png");
            byte[] bytes = r.bodyAsBuffer().getBytes();
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(450);
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("the page and its vendored libraries are served from webroot")
    void page(VertxTestContext ctx) {
        h.get("/").compose(index -> {
            ctx.verify(() -> {
                assertThat(index.statusCode()).isEqualTo(200);
                assertThat(index.getHeader("Content-Type")).startsWith("text/html");
                assertThat(index.getHeader("Content-Security-Policy")).contains("default-src 'self'");
                assertThat(index.bodyAsString()).contains("vendor/uplot/uPlot.iife.min.js")
                        .contains("vendor/sockjs-client/sockjs.min.js")
                        .contains("vendor/vertx-eventbus/vertx-eventbus.js").doesNotContain("https://");
            });
            return Future.all(h.get("/app.js"), h.get("/app.css"), h.get("/vendor/uplot/uPlot.iife.min.js"),
                    h.get("/vendor/uplot/LICENSE"), h.get("/vendor/sockjs-client/LICENSE"),
                    h.get("/vendor/vertx-eventbus/LICENSE"));
        }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
            for (int i = 0; i < all.size(); i++) {
                HttpResponse<Buffer> r = all.resultAt(i);
                assertThat(r.statusCode()).as("asset %d", i).isEqualTo(200);
            }
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("an unknown API path is a JSON 404")
    void unknown(VertxTestContext ctx) {
        h.get("/api/nope").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).getString("error")).isNotBlank();
            ctx.completeNow();
        })));
    }
}
