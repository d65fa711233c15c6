package updown.backtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.config.TradingMode;
import updown.engine.PaperEngine;
import updown.portfolio.PortfolioVerticle;
import updown.record.RecordSource;
import updown.record.TapeRecord;
import updown.repository.InMemoryRepository;
import updown.strategy.Decider;
import updown.strategy.TraderVerticle;
import updown.time.VirtualClock;

/**
 * Replays a record source (a tape, or the simulated market) through the bot's own trading code: the
 * {@link PortfolioVerticle} on an {@link InMemoryRepository}, the {@link TraderVerticle} (no timer, no health file)
 * with the {@link PaperEngine} and the {@link Decider} from the settings, all on a {@link VirtualClock} that starts at
 * the first record given and moves only with the records. No wall-clock waits, no network, no files written.
 */
public final class Backtest {

    /**
     * What part of the source trades.
     *
     * @param from        first tick that may trade (null: the first tick of the source)
     * @param to          first tick that may not (null: trade to the end of the source); after it ticks only settle
     * @param warmup      how long before {@code from} events are given to build up markets, books and candles
     * @param settleGrace how long after {@code to} ticks go on to settle open trades
     * @param resumeDaily resume trading at the first tick of each KST day if the circuit breaker tripped (as an
     *                    operator sending /resume every morning would); off, a tripped breaker halts the rest of the
     *                    run, exactly as in the bot
     */
    public record Options(Instant from, Instant to, Duration warmup, Duration settleGrace, boolean resumeDaily) {
        public Options {
            Objects.requireNonNull(warmup, "warmup");
            Objects.requireNonNull(settleGrace, "settleGrace");
            if (from != null && to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("--to " + to + " must be after --from " + from);
            }
        }

        /** The whole source. */
        public static Options all() {
            return new Options(null, null, Duration.ZERO, Duration.ofHours(1), false);
        }

        /** A trading window with the warm-up the settings need and the default settle grace. */
        public static Options window(BotConfig config, Instant from, Instant to, boolean resumeDaily) {
            return new Options(from, to, warmupFor(config), DEFAULT_SETTLE_GRACE, resumeDaily);
        }

        /** Events before this are not given (the instant before everything when there is no {@code from}). */
        public Instant warmupStart() {
            return from == null ? Instant.MIN : from.minus(warmup);
        }

        /** Warm-up long enough for the settings' candle history, and at least two hours (markets are listed ahead). */
        public static Duration warmupFor(BotConfig config) {
            Duration candles = Duration.ofMinutes(config.market().candleHistory() + 10L);
            return candles.compareTo(Duration.ofHours(2)) > 0 ? candles : Duration.ofHours(2);
        }
    }

    /** How long after --to ticks go on, only to settle what is still open. */
    public static final Duration DEFAULT_SETTLE_GRACE = Duration.ofMinutes(30);

    private Backtest() {
    }

    /** A Vert.x for one replay: one event loop (every bus hop stays on one thread), one worker for the source's I/O. */
    public static Vertx newVertx() {
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(
                        TimeUnit.SECONDS));
    }

    /**
     * Told where the replay has got to (the virtual clock at a tick), every {@link #PROGRESS_EVERY_TICKS} ticks, on
     * the replay's event loop: keep it quick (a progress line decides there whether to redraw).
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = at -> { };

        void reached(Instant at);
    }

    /** How often {@link Progress} is told (ticks). */
    public static final int PROGRESS_EVERY_TICKS = 1_024;

    /** Replays {@code source} with the Decider of the settings. The source is closed at the end. */
    public static Future<BacktestRun> run(Vertx vertx, BotConfig config, RecordSource source, Options options) {
        return run(vertx, config, Decider.fromConfig(config), source, options);
    }

    /**
     * Replays {@code source} deciding with {@code decider}. Refuses live settings: a backtest only ever trades paper.
     * The source is closed at the end; the verticles are undeployed.
     */
    public static Future<BacktestRun> run(Vertx vertx, BotConfig config, Decider decider, RecordSource source,
                                          Options options) {
        return run(vertx, config, decider, source, options, Progress.NONE);
    }

    /** As {@link #run(Vertx, BotConfig, Decider, RecordSource, Options)}, telling {@code progress} as it goes. */
    public static Future<BacktestRun> run(Vertx vertx, BotConfig config, Decider decider, RecordSource source,
                                          Options options, Progress progress) {
        if (config.mode() != TradingMode.PAPER) {
            return Future.failedFuture(new IllegalArgumentException("a backtest trades paper only (TRADING_MODE="
                    + config.mode() + ")"));
        }
        LocalRecordCodec.register(vertx.eventBus());
        Instant warmupStart = options.warmupStart();
        Future<Optional<TapeRecord>> first = vertx.executeBlocking(() -> {
            for (TapeRecord r = source.next(); r != null; r = source.next()) {
                if (!r.at().isBefore(warmupStart)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        });
        return first.compose(f -> {
            if (f.isEmpty()) {
                return Future.failedFuture(new IllegalArgumentException("nothing to replay"
                        + (options.from() == null ? "" : " at or after " + warmupStart)));
            }
            return replay(vertx, config, decider, source, options, f.get(), progress);
        }).transform(ar -> vertx.executeBlocking(() -> {
            source.close();
            return null;
        }).transform(closed -> ar.succeeded() ? Future.succeededFuture(ar.result())
                : Future.failedFuture(ar.cause())));
    }

    private static Future<BacktestRun> replay(Vertx vertx, BotConfig config, Decider decider, RecordSource source,
                                              Options options, TapeRecord first, Progress progress) {
        VirtualClock clock = new VirtualClock(first.at());
        InMemoryRepository repository = new InMemoryRepository();
        List<String> deployed = new ArrayList<>();
        PortfolioVerticle portfolio = new PortfolioVerticle(config, clock, repository,
                PortfolioVerticle.Admission.STRICT);
        // the trader reads the portfolio directly each tick (same event loop: Backtest.newVertx has one)
        TraderVerticle trader = new TraderVerticle(config, clock, PaperEngine.fromConfig(config), decider,
                TraderVerticle.Ticking.ON_CALL, TraderVerticle.Hooks.BACKTEST, portfolio.reads());
        ReplayVerticle driver = new ReplayVerticle(source, trader, first, clock, options, progress);
        Future<ReplayStats> ran = deploy(vertx, deployed, portfolio)
                .compose(v -> deploy(vertx, deployed, trader))
                .compose(v -> deploy(vertx, deployed, driver))
                .compose(v -> driver.run())
                .map(s -> new ReplayStats(s.events(), s.skippedEvents(), s.ticks(), s.warmupTicks(), s.tradesOpened(),
                        s.firstTick(), s.lastTick(), first.at(), s.clockEnd(), s.wallNanos(), s.cpuNanos()));
        return ran.compose(stats -> repository.load().map(state -> {
            String text = CanonicalLedger.text(state);
            return new BacktestRun(config, options, state, stats, text, CanonicalLedger.sha256(text));
        })).transform(ar -> undeployAll(vertx, deployed).transform(v -> ar.succeeded()
                ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause())));
    }

    private static Future<Void> deploy(Vertx vertx, List<String> deployed, io.vertx.core.Deployable verticle) {
        return vertx.deployVerticle(verticle).map(id -> {
            deployed.add(id);
            return null;
        });
    }

    private static Future<Void> undeployAll(Vertx vertx, List<String> deployed) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = deployed.size() - 1; i >= 0; i--) {
            String id = deployed.get(i);
            chain = chain.transform(ar -> vertx.undeploy(id));
        }
        return chain.transform(ar -> Future.succeededFuture());
    }
}
