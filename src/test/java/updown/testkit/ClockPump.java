package updown.testkit;

import io.vertx.core.Vertx;
import java.time.Duration;
import updown.time.VirtualClock;

/**
 * Moves a {@link VirtualClock} forward by a fixed step every few real milliseconds, so timers measured on the bot's
 * clock (retries, staleness, scans) run in a test without sleeping for their real length. Assertions must not depend
 * on how far the clock got, only on the order of what happened.
 */
public final class ClockPump {
    private final Vertx vertx;
    private final long timerId;

    private ClockPump(Vertx vertx, long timerId) {
        this.vertx = vertx;
        this.timerId = timerId;
    }

    public static ClockPump start(Vertx vertx, VirtualClock clock, Duration step, long everyRealMs) {
        long id = vertx.setPeriodic(everyRealMs, t -> clock.advance(step));
        return new ClockPump(vertx, id);
    }

    public void stop() {
        vertx.cancelTimer(timerId);
    }
}
