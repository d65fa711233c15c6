package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.engine.live.LiveKit.DOWN;
import static updown.engine.live.LiveKit.UP;
import static updown.engine.live.LiveKit.book;
import static updown.engine.live.LiveKit.buyUp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.Level;
import updown.domain.ResultCode;
import updown.engine.Execution;
import updown.testkit.FakeClobTrading;
import updown.testkit.FakeClobTrading.Fault;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 90, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
@DisplayName("Heartbeats, matching-engine restarts (HTTP 425) and the post-only period")
class HeartbeatAndRestartTest {
    private VirtualClock clock;
    private FakeClobTrading fake;
    private LiveEngine engine;

    @BeforeEach
    void startFake(Vertx vertx, VertxTestContext ctx) {
        clock = LiveKit.clock();
        LiveKit.fake(vertx, clock).onComplete(ctx.succeeding(f -> {
            fake = f;
            fake.asks(UP, Level.of("0.50", "100"));
            fake.asks(DOWN, Level.of("0.45", "100"));
            ctx.completeNow();
        }));
    }

    @AfterEach
    void stop(VertxTestContext ctx) {
        if (engine != null) {
            engine.close();
        }
        fake.stop().onComplete(ctx.succeedingThenComplete());
    }

    private Future<LiveEngine> engine(Vertx vertx) {
        return LiveEngine.create(vertx, LiveKit.config(fake, Map.of()), clock).onSuccess(e -> engine = e);
    }

    private Future<Execution> order() {
        return engine.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "100"))));
    }

    private static Execution.Rejected rejected(Execution e) {
        assertThat(e).as("execution %s", e).isInstanceOf(Execution.Rejected.class);
        return (Execution.Rejected) e;
    }

    @Test
    @DisplayName("the engine beats at start and before every order, chaining each heartbeat_id")
    void heartbeatsChain(Vertx vertx, VertxTestContext ctx) {
        engine(vertx).compose(e -> order()).compose(x -> order()).onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
            assertThat(ex).isInstanceOf(Execution.Filled.class);
            assertThat(fake.heartbeats()).isEqualTo(3);
            assertThat(fake.problems()).isEmpty();
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("a failing heartbeat stops new orders (nothing sent) until a heartbeat answers again")
    void failingHeartbeatBlocksOrders(Vertx vertx, VertxTestContext ctx) {
        engine(vertx).compose(e -> {
            fake.fault("POST /v1/heartbeats", Fault.serverError());
            return order();
        }).compose(first -> {
            ctx.verify(() -> {
                assertThat(rejected(first).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
                assertThat(rejected(first).reason()).contains("heartbeat failing");
                assertThat(fake.acceptedOrders()).isEmpty();
            });
            return order();
        }).onComplete(ctx.succeeding(second -> ctx.verify(() -> {
            assertThat(second).isInstanceOf(Execution.Filled.class);
            assertThat(fake.acceptedOrders()).hasSize(1);
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("HTTP 425 on an order: not placed; the engine backs off 1 s, 2 s…, then respects 2 minutes post-only")
    void restartThenPostOnly(Vertx vertx, VertxTestContext ctx) {
        engine(vertx).compose(e -> {
            fake.fault("POST /order", Fault.restarting());
            return order();
        }).compose(first -> {
            ctx.verify(() -> {
                assertThat(rejected(first).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
                assertThat(rejected(first).reason()).contains("HTTP 425");
            });
            int beats = fake.heartbeats();
            // within the first backoff second: refused without asking the venue
            clock.advance(Duration.ofMillis(500));
            return order().map(x -> {
                ctx.verify(() -> {
                    assertThat(rejected(x).reason()).contains("restarting");
                    assertThat(fake.heartbeats()).isEqualTo(beats);
                });
                return x;
            });
        }).compose(x -> {
            // backoff over: the probe heartbeat gets 425 again, so the next wait doubles
            fake.fault("POST /v1/heartbeats", Fault.restarting());
            clock.advance(Duration.ofMillis(600));
            return order();
        }).compose(x -> {
            ctx.verify(() -> assertThat(rejected(x).reason()).contains("restarting"));
            clock.advance(Duration.ofMillis(1500));
            return order().map(y -> {
                ctx.verify(() -> assertThat(rejected(y).reason()).as("2 s backoff not over").contains("restarting"));
                return y;
            });
        }).compose(x -> {
            clock.advance(Duration.ofMillis(600));
            // the venue is back: the probe answers, and the post-only period begins
            return order();
        }).compose(x -> {
            Instant back = clock.instant();
            ctx.verify(() -> {
                assertThat(rejected(x).reason()).contains("post-only period");
                assertThat(fake.acceptedOrders()).isEmpty();
            });
            clock.advance(VenueGate.POST_ONLY_PERIOD.minusSeconds(1));
            return order().map(y -> {
                ctx.verify(() -> assertThat(rejected(y).reason()).contains("post-only"));
                return back;
            });
        }).compose(back -> {
            clock.advance(Duration.ofSeconds(1));
            return order();
        }).onComplete(ctx.succeeding(last -> ctx.verify(() -> {
            assertThat(last).isInstanceOf(Execution.Filled.class);
            assertThat(fake.acceptedOrders()).hasSize(1);
            assertThat(fake.problems()).isEmpty();
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("a post-only refusal without a 425 seen (started mid-period) holds new orders for the 2-minute period")
    void postOnlyRefusalOpensThePeriod(Vertx vertx, VertxTestContext ctx) {
        engine(vertx).compose(e -> {
            fake.fault("POST /order", Fault.postOnly());
            return order();
        }).compose(first -> {
            ctx.verify(() -> {
                assertThat(rejected(first).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
                assertThat(fake.hits("POST /order")).isEqualTo(1);
            });
            clock.advance(VenueGate.POST_ONLY_PERIOD.minusSeconds(1));
            return order();
        }).compose(second -> {
            ctx.verify(() -> {
                assertThat(rejected(second).reason()).contains("post-only period");
                assertThat(fake.hits("POST /order")).as("refused by the gate, not sent").isEqualTo(1);
            });
            clock.advance(Duration.ofSeconds(1));
            return order();
        }).onComplete(ctx.succeeding(last -> ctx.verify(() -> {
            assertThat(last).isInstanceOf(Execution.Filled.class);
            assertThat(fake.hits("POST /order")).isEqualTo(2);
            assertThat(fake.acceptedOrders()).hasSize(1);
            ctx.completeNow();
        })));
    }
}
