package updown.web;

import updown.domain.TraderTicked;

/** The newest trader heartbeat seen; read by the health checks and the status API. */
final class LastTick {
    private volatile TraderTicked last;

    /** Keeps {@code tick} unless a newer one is already held (a late delivery must not make the bot look older). */
    void offer(TraderTicked tick) {
        TraderTicked current = last;
        if (current == null || !tick.at().isBefore(current.at())) {
            last = tick;
        }
    }

    /** Null until the first tick. */
    TraderTicked get() {
        return last;
    }
}
