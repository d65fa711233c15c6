package updown.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when told to and never backwards: backtests advance it to each replayed event's time,
 * tests advance it by hand. Waiting on it makes no sense, so its real delay is the minimum.
 * Reads are safe from any thread; advance it from one place.
 */
public final class VirtualClock extends BotClock {
    private volatile Instant now;

    public VirtualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves to {@code t}; refuses to go back in time (a replay that did would let a strategy see the future). */
    public void advanceTo(Instant t) {
        if (t.isBefore(now)) {
            throw new IllegalArgumentException("clock cannot go back from " + now + " to " + t);
        }
        now = t;
    }

    public void advance(Duration d) {
        advanceTo(now.plus(d));
    }

    @Override
    public long realDelayMillis(long simulatedMillis) {
        return 1;
    }

    @Override
    public double speed() {
        return Double.POSITIVE_INFINITY;
    }
}
