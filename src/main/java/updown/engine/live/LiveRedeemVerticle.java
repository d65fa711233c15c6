package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * Runs the {@link Redeemer} every LIVE_BALANCE_CHECK_MS (bot-clock time), and once at start: resolved winnings are
 * redeemed and ARB pairs merged back to pUSD. A failed cycle (Data API down, unreadable answer) is one log line;
 * the next cycle tries again.
 */
public final class LiveRedeemVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRedeemVerticle.class);

    private final Redeemer redeemer;
    private final BotClock clock;
    private final long intervalMs;
    private Timers timers;
    private long timerId = -1;

    public LiveRedeemVerticle(Redeemer redeemer, BotClock clock, long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be > 0");
        }
        this.redeemer = redeemer;
        this.clock = clock;
        this.intervalMs = intervalMs;
    }

    @Override
    public Future<?> start() {
        timers = new Timers(vertx, clock);
        timerId = timers.every(intervalMs, id -> cycle());
        cycle();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        if (timerId >= 0) {
            timers.cancel(timerId);
        }
        return Future.succeededFuture();
    }

    private void cycle() {
        redeemer.cycle().onFailure(t -> LOG.warn("redeem check failed: {}", t.getMessage()));
    }
}
