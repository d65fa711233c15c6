package updown.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
@DisplayName("Timers")
class TimersTest {
    private static final Instant START = Instant.parse("2026-05-12T11:00:00Z");
    /** Vert.x may run a timer a hair before its nominal delay when it rounds to its clock; never by this much. */
    private static final long SLACK_MS = 5;

    @Test
    @DisplayName("arms a wait on the bot's clock with max(1, clock.realDelayMillis(ms)) real milliseconds")
    void realDelayFollowsTheClock(Vertx vertx) {
        assertThat(new Timers(vertx, new ScaledClock(START, 60)).realDelayMillis(60_000)).isEqualTo(1_000);
        assertThat(new Timers(vertx, new ScaledClock(START, 60)).realDelayMillis(10)).isEqualTo(1);
        assertThat(new Timers(vertx, new ScaledClock(START, 60)).realDelayMillis(0)).isEqualTo(1);
        assertThat(new Timers(vertx, new VirtualClock(START)).realDelayMillis(300_000)).isEqualTo(1);
        assertThat(new Timers(vertx, BotClock.system()).realDelayMillis(2_500)).isEqualTo(2_500);
        assertThat(Timers.ofWallClock(vertx).realDelayMillis(0)).isEqualTo(1);
    }

    @Test
    @DisplayName("runs a one-shot after the scaled real delay, handing the handler its own timer id")
    void oneShotOnAScaledClock(Vertx vertx, VertxTestContext ctx) {
        Timers timers = new Timers(vertx, new ScaledClock(START, 100)); // 5 s of clock time = 50 real ms
        long armed = System.nanoTime();
        long[] id = new long[1];
        id[0] = timers.after(5_000, fired -> ctx.verify(() -> {
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - armed);
            assertThat(elapsedMs).isGreaterThanOrEqualTo(50 - SLACK_MS);
            assertThat(fired).isEqualTo(id[0]);
            assertThat(timers.cancel(fired)).as("a fired one-shot is gone").isFalse();
            ctx.completeNow();
        }));
    }

    @Test
    @DisplayName("cancels a one-shot before it fires: it never runs, and a second cancel finds nothing")
    void cancelsAOneShot(Vertx vertx, VertxTestContext ctx) {
        Timers timers = new Timers(vertx, new ScaledClock(START, 100));
        AtomicInteger ran = new AtomicInteger();
        long id = timers.after(3_000, x -> ran.incrementAndGet()); // 30 real ms
        assertThat(timers.cancel(id)).isTrue();
        assertThat(timers.cancel(id)).isFalse();
        // a later timer on the same event loop: by the time it runs, the cancelled one would have run first
        timers.after(6_000, x -> ctx.verify(() -> {
            assertThat(ran).hasValue(0);
            ctx.completeNow();
        }));
    }

    @Test
    @DisplayName("lets a periodic handler cancel itself by the id it is given, and then it runs no more")
    void periodicCancelsItselfById(Vertx vertx, VertxTestContext ctx) {
        Timers timers = new Timers(vertx, new VirtualClock(START)); // a virtual clock: every real millisecond
        AtomicInteger runs = new AtomicInteger();
        Checkpoint cancelled = ctx.checkpoint();
        vertx.runOnContext(v -> timers.every(1_000, id -> {
            if (runs.incrementAndGet() == 3) {
                ctx.verify(() -> assertThat(timers.cancel(id)).isTrue());
                // same event loop, 20 real ms later: a periodic still armed would have run again meanwhile
                Timers.ofWallClock(vertx).after(20, later -> ctx.verify(() -> {
                    assertThat(runs).hasValue(3);
                    cancelled.flag();
                }));
            }
        }));
    }

    @Test
    @DisplayName("floors a backoff at its real minimum even when the bot's clock would wait less")
    void realFloor(Vertx vertx, VertxTestContext ctx) {
        Timers timers = new Timers(vertx, new VirtualClock(START));
        long armed = System.nanoTime();
        timers.afterAtLeastReal(1_000, 40, id -> ctx.verify(() -> {
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - armed)).isGreaterThanOrEqualTo(40 - SLACK_MS);
            ctx.completeNow();
        }));
    }

    @Test
    @DisplayName("runs wall-time housekeeping on the wall clock, whatever the bot's clock does")
    void wallTimeIgnoresTheBotClock(Vertx vertx, VertxTestContext ctx) {
        Timers timers = new Timers(vertx, new VirtualClock(START)); // clock-time waits would be 1 ms
        long armed = System.nanoTime();
        timers.everyWallMillis(40, id -> ctx.verify(() -> {
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - armed)).isGreaterThanOrEqualTo(40 - SLACK_MS);
            assertThat(timers.cancel(id)).isTrue();
            ctx.completeNow();
        }));
    }
}
