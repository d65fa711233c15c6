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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.TraderTicked;
import updown.domain.Usd;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("GET /health")
class DashboardHealthTest {
    private static final long MAX_AGE_MS = 120_000;
    private final VirtualClock clock = new VirtualClock(Samples.START);
    private FakePortfolio portfolio;
    private FakeTrader trader;
    private DashboardHarness h;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext ctx) {
        portfolio = new FakePortfolio(clock, Usd.of("1000"));
        trader = new FakeTrader(Samples.markets(Samples.START));
        DashboardHarness.start(vertx, DashboardHarness.config(""), clock, List.of(portfolio, trader))
                .onComplete(ctx.succeeding(harness -> {
                    h = harness;
                    ctx.completeNow();
                }));
    }

    private Future<JsonObject> tick(TraderTicked t) {
        return h.tickSeen(t, () -> trader.tick(t));
    }

    private static String check(HttpResponse<Buffer> r, String id) {
        JsonArray checks = r.bodyAsJsonObject().getJsonArray("checks");
        for (int i = 0; i < checks.size(); i++) {
            JsonObject c = checks.getJsonObject(i);
            if (id.equals(c.getString("id"))) {
                return c.getString("status");
            }
        }
        throw new AssertionError("no check " + id + " in " + r.bodyAsString());
    }

    private static void assertHealth(HttpResponse<Buffer> r, int status, String trader, String storage,
                                     String feeds) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo(status == 200 ? "UP" : "DOWN");
        assertThat(check(r, "trader")).as("trader").isEqualTo(trader);
        assertThat(check(r, "storage")).as("storage").isEqualTo(storage);
        assertThat(check(r, "feeds")).as("feeds").isEqualTo(feeds);
    }

    @Test
    @DisplayName("is down before the first tick, up after a fresh one, down once it is older than HEALTH_MAX_AGE_MS")
    void tickAge(VertxTestContext ctx) {
        h.get("/health")
                .compose(r -> {
                    ctx.verify(() -> assertHealth(r, 503, "DOWN", "UP", "DOWN"));
                    return tick(Samples.freshTick(clock.instant()));
                })
                .compose(x -> h.get("/health"))
                .compose(r -> {
                    ctx.verify(() -> {
                        assertHealth(r, 200, "UP", "UP", "UP");
                        JsonObject data = r.bodyAsJsonObject().getJsonArray("checks").getJsonObject(0)
                                .getJsonObject("data");
                        assertThat(data.getLong("maxAgeMs")).isEqualTo(MAX_AGE_MS);
                    });
                    clock.advance(Duration.ofMillis(MAX_AGE_MS));
                    return h.get("/health");
                })
                .compose(r -> {
                    ctx.verify(() -> assertHealth(r, 200, "UP", "UP", "UP"));
                    clock.advance(Duration.ofMillis(1));
                    return h.get("/health");
                })
                .compose(r -> {
                    ctx.verify(() -> assertHealth(r, 503, "DOWN", "UP", "UP"));
                    return tick(Samples.freshTick(clock.instant()));
                })
                .compose(x -> h.get("/health"))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertHealth(r, 200, "UP", "UP", "UP");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("is down while the BTC feed is stale or every book is stale, and up again when they recover")
    void feeds(VertxTestContext ctx) {
        Instant now = clock.instant();
        tick(new TraderTicked(now, 2, 1, false, 0, 900))
                .compose(x -> h.get("/health"))
                .compose(r -> {
                    ctx.verify(() -> {
                        assertHealth(r, 503, "UP", "UP", "DOWN");
                        assertThat(r.bodyAsString()).contains("the price feed is stale");
                    });
                    return tick(new TraderTicked(now.plusSeconds(5), 2, 4, true, 0, 900));
                })
                .compose(x -> h.get("/health"))
                .compose(r -> {
                    ctx.verify(() -> {
                        assertHealth(r, 503, "UP", "UP", "DOWN");
                        assertThat(r.bodyAsString()).contains("order books");
                    });
                    return tick(new TraderTicked(now.plusSeconds(10), 2, 3, true, 0, 900));
                })
                .compose(x -> h.get("/health"))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertHealth(r, 200, "UP", "UP", "UP");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("is down while the portfolio's storage check fails")
    void storage(VertxTestContext ctx) {
        tick(Samples.freshTick(clock.instant()))
                .compose(x -> {
                    portfolio.failStorage(true);
                    return h.get("/health");
                })
                .compose(r -> {
                    ctx.verify(() -> {
                        assertHealth(r, 503, "UP", "DOWN", "UP");
                        assertThat(r.bodyAsString()).contains("database is locked");
                    });
                    portfolio.failStorage(false);
                    return h.get("/health");
                })
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertHealth(r, 200, "UP", "UP", "UP");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a late, older heartbeat does not replace a newer one")
    void lateTick(VertxTestContext ctx) {
        Instant now = clock.instant();
        clock.advance(Duration.ofSeconds(200));
        tick(new TraderTicked(now.plusSeconds(200), 1, 0, true, 0, 1))
                .compose(x -> {
                    // the old tick still triggers a markets push; by then the dashboard has taken it in
                    TraderTicked old = new TraderTicked(now, 1, 0, true, 0, 1);
                    return h.nextMessage(updown.bus.Addresses.DASHBOARD_MARKETS, j -> true, () -> trader.tick(old));
                })
                .compose(markets -> {
                    ctx.verify(() -> assertThat(markets.getJsonObject("feeds").getString("lastTickAt"))
                            .isEqualTo(now.plusSeconds(200).toString()));
                    return Future.succeededFuture();
                })
                .compose(x -> h.get("/health"))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertHealth(r, 200, "UP", "UP", "UP");
                    ctx.completeNow();
                })));
    }
}
