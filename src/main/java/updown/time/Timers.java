package updown.time;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * The one way production code arms a timer: periodic and one-shot delays measured on the bot's {@link BotClock}, a
 * periodic task on the wall clock for housekeeping that concerns the machine rather than the market, and cancel.
 *
 * <p>A delay on the bot's clock becomes a real Vert.x delay of {@link #realDelayMillis} = {@code
 * max(1, clock.realDelayMillis(ms))}: the wall clock waits the time itself, a {@link ScaledClock} a fraction of it,
 * a {@link VirtualClock} the minimum (1 ms, over and over). The real delay is computed once, when the timer is armed;
 * a periodic timer keeps that real period.
 *
 * <p>Which to use: {@code Timers} for "every N ms" and "in N ms" (a tick period, a poll, a backoff, a retry). {@link
 * ClockScheduler} for tasks due at an instant of the clock that must run only once the clock has passed it, whatever
 * the clock does meanwhile (it re-checks the clock and re-arms; a test's {@link VirtualClock} runs them exactly when
 * advanced past their due time).
 *
 * <p>It holds no state: handlers run on the context that armed them, exactly as with {@link Vertx#setTimer}, and the
 * id they receive is the timer's id, so a handler can cancel its own periodic timer by it (an id stored after
 * arming returns may not be stored yet when the first run comes).
 */
public final class Timers {
    private final Vertx vertx;
    private final BotClock clock;

    public Timers(Vertx vertx, BotClock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    /**
     * For housekeeping where no bot clock is in reach (heap trim): its wall-time methods are all it should use; its
     * clock-time methods would run on the system clock.
     */
    public static Timers ofWallClock(Vertx vertx) {
        return new Timers(vertx, BotClock.system());
    }

    public BotClock clock() {
        return clock;
    }

    /** The real milliseconds a wait of {@code clockMillis} on the bot's clock is armed with: at least 1. */
    public long realDelayMillis(long clockMillis) {
        return Math.max(1, clock.realDelayMillis(clockMillis));
    }

    /** Runs {@code task} every {@code clockMillis} of the bot's clock (the first time one period from now). */
    public long every(long clockMillis, Handler<Long> task) {
        return vertx.setPeriodic(realDelayMillis(clockMillis), task);
    }

    /** Runs {@code task} once, {@code clockMillis} of the bot's clock from now. */
    public long after(long clockMillis, Handler<Long> task) {
        return vertx.setTimer(realDelayMillis(clockMillis), task);
    }

    /**
     * A future that completes {@code clockMillis} of the bot's clock from now: the wait inside a future chain (a
     * retry after 429, the next receipt poll, a pause before asking the venue again).
     */
    public Future<Void> delay(long clockMillis) {
        return vertx.timer(realDelayMillis(clockMillis)).mapEmpty();
    }

    /**
     * As {@link #after}, but never sooner than {@code minRealMillis} of real time: for waits on something outside
     * that a fast clock must not hammer (a network backoff).
     */
    public long afterAtLeastReal(long clockMillis, long minRealMillis, Handler<Long> task) {
        return vertx.setTimer(Math.max(minRealMillis, realDelayMillis(clockMillis)), task);
    }

    /**
     * Runs {@code task} every {@code wallMillis} of real time, whatever the bot's clock does: for housekeeping that is
     * about the machine, not the market (heap trim, tape flush, fleet heartbeat).
     */
    public long everyWallMillis(long wallMillis, Handler<Long> task) {
        return vertx.setPeriodic(wallMillis, task);
    }

    /** Cancels a timer armed here; false if it had already fired (one-shot) or was cancelled. */
    public boolean cancel(long id) {
        return vertx.cancelTimer(id);
    }
}
