package updown.backtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.domain.PortfolioCommand;
import updown.domain.Kst;
import updown.domain.PortfolioSnapshot;
import updown.domain.TraderTicked;
import updown.domain.TradingState;
import updown.record.RecordSource;
import updown.record.TapeRecord;
import updown.strategy.TraderVerticle;
import updown.time.VirtualClock;

/**
 * Feeds a record source to the trader on the virtual clock: each market event is handed to the trader (as its
 * {@link Addresses#MARKET_EVENTS} consumer would get it) once the clock has been moved to its time; at each tick mark
 * the clock moves to the tick's time and the trader runs a tick, and nothing more is read until it completed. The
 * trader is called directly, on the one event loop it shares with this driver: the same calls its bus consumers make,
 * without a bus hop per event (what the trader does inside a tick, portfolio requests included, is unchanged).
 * So when a strategy decides, the source has not even produced anything after that moment: the future is not
 * reachable, and the clock is never ahead of the data.
 *
 * <p>Phases: warm-up (events before {@code from} are given, their ticks are not run: markets, books and candle history
 * build up), trading ({@code from ≤ tick < to}), settling (from the first tick at or after {@code to}: trading is
 * stopped through the portfolio and ticks go on only to settle open trades, until none is left or {@code settleGrace}
 * has passed). Decoding runs here on the event loop; the source's I/O ({@link RecordSource#fill()}) runs on a worker.
 */
final class ReplayVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayVerticle.class);
    /** Records handled before the loop yields the event loop (the trader's deliveries queue behind it). */
    private static final int YIELD_EVERY = 2_048;
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private enum Phase { WARMUP, TRADING, SETTLING }

    private final RecordSource source;
    private final TraderVerticle trader;
    private final VirtualClock clock;
    private final Backtest.Options options;
    private final Backtest.Progress progress;
    private final Instant warmupStart;
    private final Promise<ReplayStats> done = Promise.promise();
    private TapeRecord first;
    private Phase phase = Phase.WARMUP;
    private long events;
    private long skipped;
    private long ticks;
    private long warmupTicks;
    private long opened;
    private Instant firstTick;
    private Instant lastTick;
    private java.time.LocalDate tradingDay;
    private long startNanos;
    private long cpuStart = -1;

    ReplayVerticle(RecordSource source, TraderVerticle trader, TapeRecord first, VirtualClock clock,
                   Backtest.Options options, Backtest.Progress progress) {
        this.source = source;
        this.progress = progress;
        this.trader = trader;
        this.first = first;
        this.clock = clock;
        this.options = options;
        this.warmupStart = options.warmupStart();
    }

    @Override
    public Future<?> start() {
        return Future.succeededFuture();
    }

    /** Runs the whole replay; completes with its statistics. */
    Future<ReplayStats> run() {
        startNanos = System.nanoTime();
        // the driver runs on the trader's context: it calls the trader directly, so they must share its thread
        trader.runsOn().runOnContext(v -> pump());
        return done.future();
    }

    private void pump() {
        if (cpuStart < 0) {
            // one event loop runs the driver, the trader and the portfolio: its CPU time is the replay's
            cpuStart = CPU.getCurrentThreadCpuTime();
        }
        try {
            for (int budget = YIELD_EVERY; budget > 0; budget--) {
                TapeRecord r;
                if (first != null) {
                    r = first;
                    first = null;
                } else {
                    r = source.poll();
                }
                if (r == null) {
                    if (source.exhausted()) {
                        finish();
                    } else {
                        vertx.executeBlocking(() -> {
                            source.fill();
                            return null;
                        }, true).onSuccess(v -> pump()).onFailure(done::tryFail);
                    }
                    return;
                }
                if (r instanceof TapeRecord.Event e) {
                    deliver(e);
                } else if (onTick(((TapeRecord.Tick) r).ticked().at())) {
                    return; // continues when the tick replied
                }
            }
            trader.runsOn().runOnContext(v -> pump());
        } catch (RuntimeException e) {
            done.tryFail(e);
        }
    }

    private void deliver(TapeRecord.Event e) {
        Instant at = e.at();
        if (at.isBefore(warmupStart)) {
            skipped++;
            return;
        }
        advance(at);
        events++;
        trader.accept(e.event());
    }

    private void advance(Instant t) {
        // a record can be a hair older than the one before it (two feeds crossing on the bus): time never goes back
        if (t.isAfter(clock.instant())) {
            clock.advanceTo(t);
        }
    }

    /** Returns true when the tick continues asynchronously (then it pumps on by itself). */
    private boolean onTick(Instant t) {
        if (phase == Phase.WARMUP) {
            if (options.from() != null && t.isBefore(options.from())) {
                warmupTicks++;
                return false;
            }
            phase = Phase.TRADING;
        }
        if (phase == Phase.TRADING && options.to() != null && !t.isBefore(options.to())) {
            phase = Phase.SETTLING;
            advance(t);
            vertx.eventBus().request(Addresses.PORTFOLIO_STOP, new PortfolioCommand.StopTrading("backtest",
                            "the backtest window ended at " + options.to()))
                    .onComplete(ar -> {
                        if (!runTick(t)) {
                            pump();
                        }
                    });
            return true;
        }
        return runTick(t);
    }

    /** Returns true when the tick continues asynchronously. */
    private boolean runTick(Instant t) {
        advance(t);
        if (options.resumeDaily() && phase == Phase.TRADING && !Kst.dayOf(t).equals(tradingDay)) {
            tradingDay = Kst.dayOf(t);
            resumeIfTripped().onComplete(ar -> {
                if (!requestTick(t)) {
                    pump();
                }
            });
            return true;
        }
        return requestTick(t);
    }

    /** A new KST day with the breaker tripped: resume, as the operator would. */
    private io.vertx.core.Future<Void> resumeIfTripped() {
        return vertx.eventBus().request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot())
                .compose(m -> ((PortfolioSnapshot) m.body()).control().state() == TradingState.BREAKER
                        ? vertx.eventBus().request(Addresses.PORTFOLIO_RESUME,
                        new PortfolioCommand.ResumeTrading("backtest")).<Void>mapEmpty()
                        : io.vertx.core.Future.<Void>succeededFuture())
                .recover(err -> io.vertx.core.Future.succeededFuture());
    }

    /**
     * Ticks the trader. Most ticks complete at once (the trader reads the portfolio directly and trades nothing):
     * then the pump goes on in its loop (false) instead of a call deeper per tick; a tick that waits for the
     * portfolio (a trade, a settlement) goes on from its completion (true).
     */
    private boolean requestTick(Instant t) {
        io.vertx.core.Future<TraderTicked> ticked = trader.tick();
        if (ticked.isComplete() && phase != Phase.SETTLING) {
            afterTick(t, ticked);
            return false;
        }
        ticked.onComplete(ar -> {
            afterTick(t, ticked);
            if (phase == Phase.SETTLING) {
                afterSettlingTick(t);
            } else {
                pump();
            }
        });
        return true;
    }

    private void afterTick(Instant t, io.vertx.core.Future<TraderTicked> ar) {
        ticks++;
        if (ticks % Backtest.PROGRESS_EVERY_TICKS == 0) {
            progress.reached(t);
        }
        if (firstTick == null) {
            firstTick = t;
        }
        lastTick = t;
        if (ar.succeeded()) {
            opened += ar.result().tradesOpened();
        } else if (ar.failed()) {
            LOG.warn("replayed tick at {} failed: {}", t, ar.cause().getMessage());
        }
    }

    private void afterSettlingTick(Instant t) {
        if (!t.isBefore(options.to().plus(options.settleGrace()))) {
            finish();
            return;
        }
        vertx.eventBus().request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot()).onComplete(ar -> {
            if (ar.succeeded() && ((PortfolioSnapshot) ar.result().body()).openPositions() == 0) {
                finish();
            } else {
                pump();
            }
        });
    }

    private void finish() {
        done.tryComplete(new ReplayStats(events, skipped, ticks, warmupTicks, opened, firstTick, lastTick,
                null, clock.instant(), System.nanoTime() - startNanos,
                CPU.getCurrentThreadCpuTime() - cpuStart));
    }
}
