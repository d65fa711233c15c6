package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.domain.WalletBalance;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * Reads the live wallet from the venue every LIVE_BALANCE_CHECK_MS (bot-clock time) and publishes each successful
 * reading as a {@link WalletBalance} on {@link Addresses#LIVE_WALLET}, so the portfolio and the dashboard can show the
 * wallet (the truth in live mode, SPEC §9) beside the bot's own record and report the drift. A failed reading is one
 * log line and no message: nothing stale is ever published.
 */
public final class LiveWalletVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(LiveWalletVerticle.class);

    private final WalletSource wallet;
    private final BotClock clock;
    private final long intervalMs;
    private Timers timers;
    private long timerId = -1;
    private boolean checking;

    public LiveWalletVerticle(WalletSource wallet, BotClock clock, long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be > 0");
        }
        this.wallet = wallet;
        this.clock = clock;
        this.intervalMs = intervalMs;
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        timers = new Timers(vertx, clock);
        timerId = timers.every(intervalMs, id -> check());
        // the first reading is part of start-up: deployment completes once it is published (or logged as failed)
        return check();
    }

    @Override
    public Future<?> stop() {
        if (timerId >= 0) {
            timers.cancel(timerId);
        }
        return Future.succeededFuture();
    }

    /** One reading; skipped while the previous one is still running (a slow venue never piles up requests). */
    Future<Void> check() {
        if (checking) {
            return Future.succeededFuture();
        }
        checking = true;
        return wallet.walletBalance().transform(ar -> {
            checking = false;
            if (ar.succeeded()) {
                vertx.eventBus().publish(Addresses.LIVE_WALLET, ar.result());
            } else {
                LOG.warn("live wallet check failed: {}", ar.cause().getMessage());
            }
            return Future.succeededFuture();
        });
    }
}
