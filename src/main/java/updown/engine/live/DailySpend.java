package updown.engine.live;

import java.time.LocalDate;
import updown.domain.Kst;
import updown.domain.Usd;
import updown.time.BotClock;

/**
 * LIVE_MAX_DAILY_USD bookkeeping: pUSD committed to live orders during the current KST day. An order's maker amount
 * is reserved before it is sent and stays counted unless the venue certainly did not fill it; a fill replaces the
 * reservation by what was actually spent. Fees are not counted (the cap is on order notional). At startup the engine
 * seeds today's figure from the venue's own trade history, so a restart does not reset the cap.
 * Thread-safe (the engine reads it from other threads for reporting).
 */
final class DailySpend {
    private final Usd cap;
    private final BotClock clock;
    private LocalDate day;
    private Usd used = Usd.ZERO;

    DailySpend(Usd cap, BotClock clock) {
        this.cap = cap;
        this.clock = clock;
        this.day = Kst.dayOf(clock.instant());
    }

    private synchronized void roll() {
        LocalDate today = Kst.dayOf(clock.instant());
        if (!today.equals(day)) {
            day = today;
            used = Usd.ZERO;
        }
    }

    synchronized boolean fits(Usd more) {
        roll();
        return !used.plus(more).greaterThan(cap);
    }

    synchronized void add(Usd amount) {
        roll();
        used = used.plus(amount);
    }

    synchronized void release(Usd amount) {
        roll();
        used = Usd.max(Usd.ZERO, used.minus(amount));
    }

    synchronized Usd used() {
        roll();
        return used;
    }

    Usd cap() {
        return cap;
    }
}
