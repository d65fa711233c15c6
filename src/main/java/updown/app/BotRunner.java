package updown.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.engine.Engine;
import updown.logging.LogSetup;
import updown.metrics.MeteredEngine;
import updown.metrics.MetricsSetup;
import updown.metrics.MetricsVerticle;
import updown.metrics.TimedRepository;
import updown.metrics.UpDownMeters;
import updown.repository.LedgerWriterLock;
import updown.repository.PostgresRepository;
import updown.repository.Repository;
import updown.repository.SqliteRepository;
import updown.time.BotClock;

/**
 * Starts the bot on its ledger (SQLite, or PostgreSQL when DB_URL is set) and keeps it running until SIGTERM/SIGINT,
 * then shuts down in order: stop ticking, finish the write in flight, close sockets and the database (and give up
 * the ledger's writer lock), exit 0 — within {@link #SHUTDOWN_SECONDS}.
 */
public final class BotRunner {
    static final int SHUTDOWN_SECONDS = 10;
    /** How long a standby waits for the writer lock: as good as forever (a finite number keeps the deadline sane). */
    private static final long STANDBY_DAYS = 36_500;
    private static final Logger LOG = LoggerFactory.getLogger(BotRunner.class);

    private BotRunner() {
    }

    /**
     * Adds the rolling log files under DATA_DIR/logs ({@code updown.log}, {@code audit.log}) and registers the
     * configured secrets with every appender's masking layout; call before the first logger is used.
     */
    public static void prepareLogging(BotConfig config) {
        LogSetup.install(config);
    }

    /**
     * The Vert.x the service runs on. Vert.x's defaults are sized for servers: 2 event loops per core and 20 worker
     * plus 20 internal blocking threads, each started on first use and kept for good (a day of ledger writes and tape
     * flushes starts all 40). The bot has a handful of verticles and short blocking jobs (SQLite on its one
     * connection, tape and health-file writes), so fewer threads do the same work and each one not started is a
     * stack and a malloc arena less in the resident set (issue 15: eight markets within 200 MB with JVM defaults).
     */
    public static VertxOptions serviceOptions() {
        return new VertxOptions()
                .setEventLoopPoolSize(Math.min(SERVICE_EVENT_LOOPS, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
                .setWorkerPoolSize(SERVICE_BLOCKING_THREADS)
                .setInternalBlockingPoolSize(SERVICE_BLOCKING_THREADS);
    }

    /** Event loops of the service: the trader, the feeds and the dashboard share them (see {@link #serviceOptions}). */
    static final int SERVICE_EVENT_LOOPS = 2;
    /** Worker and internal blocking threads of the service, each. */
    static final int SERVICE_BLOCKING_THREADS = 4;

    /** Opens the ledger (waiting for its writer lock on PostgreSQL) and starts the bot, or fails. */
    public static Future<Running> start(Vertx vertx, BotConfig config, BotClock clock, Engine engine) {
        return claimLedger(vertx, config, new AtomicBoolean())
                .compose(claim -> start(vertx, config, clock, engine, claim));
    }

    /**
     * What must be in hand before the bot starts: /metrics served (a standby shows it is waiting), and with
     * PostgreSQL the ledger's writer lock, which a standby waits for as long as another node holds it. Once
     * {@code stopping} is set, the lock's connection closing is this process shutting down, not a lost lock.
     */
    static Future<LedgerClaim> claimLedger(Vertx vertx, BotConfig config, AtomicBoolean stopping) {
        Optional<UpDownMeters> meters = MetricsSetup.registry(config.metrics()).map(UpDownMeters::new);
        Future<Void> metrics = meters.map(m -> startMetrics(vertx, config, m)).orElse(Future.succeededFuture());
        if (!config.storage().usesPostgres()) {
            meters.ifPresent(m -> m.writer(true));
            return metrics.map(v -> new LedgerClaim(meters, Optional.empty(), stopping));
        }
        return metrics.compose(v -> LedgerWriterLock.acquire(vertx, config.storage().dbUrl().reveal(), () -> {
            if (!stopping.get()) {
                haltOnLostLock();
            }
        })).map(lock -> {
            meters.ifPresent(m -> m.writer(true));
            return new LedgerClaim(meters, Optional.of(lock), stopping);
        });
    }

    /**
     * The writer lock's connection dropped: another node may be writing this ledger already. Stop at once, before
     * the portfolio can commit anything more; a supervisor's restart brings this node back as a standby.
     */
    private static void haltOnLostLock() {
        LOG.error("exiting now so that two nodes never write one ledger");
        Runtime.getRuntime().halt(ExitCodes.FAILURE);
    }

    /** The meters (when METRICS_ENABLED) and the writer lock (PostgreSQL) a node holds before it starts. */
    public record LedgerClaim(Optional<UpDownMeters> meters, Optional<LedgerWriterLock> lock,
                              AtomicBoolean stopping) {
        public Future<Void> release() {
            stopping.set(true);
            return lock.map(LedgerWriterLock::release).orElse(Future.succeededFuture());
        }
    }

    private static Future<Running> start(Vertx vertx, BotConfig config, BotClock clock, Engine engine,
                                         LedgerClaim claim) {
        Optional<UpDownMeters> meters = claim.meters();
        return openLedger(vertx, config.storage())
                .compose(repo -> Bot.start(vertx, new Bot.Parts(config, clock,
                                meters.<Repository>map(m -> new TimedRepository(repo, m)).orElse(repo),
                                meters.map(m -> MeteredEngine.wrap(engine, m)).orElse(engine)))
                        .map(bot -> new Running(bot, repo, claim))
                        .recover(err -> repo.close().transform(ignored -> Future.failedFuture(err))))
                .recover(err -> claim.release().transform(ignored -> Future.failedFuture(err)));
    }

    /** Serves /metrics; a view, not a reason to stop trading: a taken port is one clear line, and the bot goes on. */
    private static Future<Void> startMetrics(Vertx vertx, BotConfig config, UpDownMeters meters) {
        return vertx.deployVerticle(new MetricsVerticle(config.metrics(), (PrometheusMeterRegistry) meters.registry(),
                        meters))
                .<Void>mapEmpty()
                .recover(err -> {
                    LOG.error("metrics not served on {}:{}: {}; trading goes on without them",
                            config.metrics().host(), config.metrics().port(), err.getMessage());
                    return Future.succeededFuture();
                });
    }

    /** The PostgreSQL ledger when DB_URL is set, else the SQLite file; not yet initialised (the portfolio does). */
    static Future<Repository> openLedger(Vertx vertx, BotConfig.Storage storage) {
        if (!storage.usesPostgres()) {
            return SqliteRepository.open(vertx, storage.dbPath()).map(repo -> repo);
        }
        try {
            PostgresRepository repo = PostgresRepository.open(vertx, storage.dbUrl().reveal());
            LOG.info("ledger: PostgreSQL at {}", repo.where());
            return Future.succeededFuture(repo);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    /** A started bot, the ledger it writes and what it claimed for it. */
    public record Running(Bot bot, Repository repository, LedgerClaim claim) {
        /** Stops the bot, closes the database, then gives up the writer lock (a standby takes over). Never fails. */
        public Future<Void> stop() {
            return bot.stop().transform(ar -> repository.close()).transform(ar -> claim.release())
                    .transform(ar -> Future.succeededFuture());
        }
    }

    /** Runs until the JVM is asked to stop (SIGTERM/SIGINT); returns the exit code. */
    public static int runUntilSignal(Vertx vertx, BotConfig config, BotClock clock, Engine engine) {
        return runUntil(StopSignal.onTermOrInt(), vertx, config, clock, engine);
    }

    /**
     * Starts the bot and runs it until {@code stop} is requested, then stops it in order within
     * {@value #SHUTDOWN_SECONDS} s; returns the exit code. A stop requested while the bot is still starting ends
     * the start (Vert.x is closed: sockets, timers, the database pool) and also exits 0.
     */
    public static int runUntil(StopSignal stop, Vertx vertx, BotConfig config, BotClock clock, Engine engine) {
        AtomicBoolean stopping = new AtomicBoolean();
        LedgerClaim claim = null;
        Running running;
        try {
            // a standby waits here, unbounded, while another node holds the ledger's writer lock; the start after
            // it has the usual 120 s
            claim = stop.awaitUnlessStopped(claimLedger(vertx, config, stopping).toCompletionStage()
                    .toCompletableFuture(), STANDBY_DAYS, TimeUnit.DAYS);
            running = claim == null ? null : stop.awaitUnlessStopped(start(vertx, config, clock, engine, claim)
                    .toCompletionStage().toCompletableFuture(), 120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.set(true);
            releaseQuietly(claim);
            closeQuietly(vertx);
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.error("startup failed: {}", ErrorLine.describe(cause));
            stopping.set(true);
            releaseQuietly(claim);
            closeQuietly(vertx);
            return ExitCodes.FAILURE;
        }
        if (running == null) {
            LOG.info("stop requested while starting: closing");
            stopping.set(true);
            releaseQuietly(claim);
            closeQuietly(vertx);
            LOG.info("stopped");
            return ExitCodes.OK;
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("shutting down");
        // one budget for the whole stop, so the process is gone within SHUTDOWN_SECONDS even if a step hangs:
        // the bot and the ledger get most of it, closing Vert.x (sockets, pools) the rest, 1 s left for the exit
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_SECONDS - 1);
        try {
            running.stop().toCompletionStage().toCompletableFuture()
                    .get(deadline - System.nanoTime() - TimeUnit.SECONDS.toNanos(2), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown did not finish cleanly: {}", e.toString());
        }
        closeQuietly(vertx, Math.max(TimeUnit.MILLISECONDS.toNanos(500), deadline - System.nanoTime()));
        LOG.info("stopped");
        return ExitCodes.OK;
    }

    /** Gives up a writer lock taken for a start that did not happen, so closing Vert.x is not a lost lock. */
    private static void releaseQuietly(LedgerClaim claim) {
        if (claim == null) {
            return;
        }
        try {
            claim.release().toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("writer lock release: {}", e.toString());
        }
    }

    public static void closeQuietly(Vertx vertx) {
        closeQuietly(vertx, TimeUnit.SECONDS.toNanos(3));
    }

    private static void closeQuietly(Vertx vertx, long timeoutNanos) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            LOG.debug("vertx close: {}", e.toString());
        }
    }
}
