package updown.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.testkit.Await;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ClockSchedulerTest {

    @Test
    @DisplayName("tasks run when the bot's clock reaches their due time, in due order, periodic ones without bursts")
    void runsOnTheBotClock(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-05-12T11:00:00Z"));
        List<String> ran = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<ClockScheduler> s = new java.util.concurrent.atomic.AtomicReference<>();
        long[] cancelled = new long[1];
        vertx.runOnContext(v -> {
            ClockScheduler sched = new ClockScheduler(vertx, clock);
            sched.after(2_000, () -> ran.add("b@2s"));
            sched.after(1_000, () -> ran.add("a@1s"));
            cancelled[0] = sched.after(1_500, () -> ran.add("cancelled"));
            sched.every(1_000, () -> ran.add("tick"));
            sched.cancel(cancelled[0]);
            // published last: the test thread must not move the clock while tasks are still being added
            s.set(sched);
        });
        Await.until(vertx, () -> s.get() != null)
                .compose(v -> {
                    ctx.verify(() -> assertThat(ran).isEmpty()); // nothing runs while the clock stands still
                    clock.advance(Duration.ofMillis(1_000));
                    return Await.until(vertx, () -> ran.size() >= 2);
                })
                .compose(v -> {
                    ctx.verify(() -> assertThat(ran).containsExactly("a@1s", "tick"));
                    clock.advance(Duration.ofMinutes(10)); // a jump: each task runs once, no catch-up burst
                    return Await.until(vertx, () -> ran.size() >= 4);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(ran).containsExactly("a@1s", "tick", "b@2s", "tick");
                    vertx.runOnContext(x -> {
                        s.get().close();
                        ctx.verify(() -> assertThat(s.get().pending()).isZero());
                        ctx.completeNow();
                    });
                })));
    }

    @Test
    @DisplayName("a task that throws is logged and the schedule goes on")
    void throwingTask(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-05-12T11:00:00Z"));
        List<String> ran = new CopyOnWriteArrayList<>();
        vertx.runOnContext(v -> {
            ClockScheduler s = new ClockScheduler(vertx, clock);
            s.every(100, () -> {
                ran.add("x");
                throw new IllegalStateException("boom (expected by the test)");
            });
            clock.advance(Duration.ofMillis(100));
        });
        Await.until(vertx, () -> ran.size() == 1)
                .compose(v -> {
                    clock.advance(Duration.ofMillis(100));
                    return Await.until(vertx, () -> ran.size() == 2);
                })
                .onComplete(ctx.succeedingThenComplete());
    }
}
