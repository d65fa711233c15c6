package updown.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.Bot;
import updown.config.BotConfig;
import updown.engine.Engine;
import updown.logging.LogSetup;
import updown.metrics.MeteredEngine;
import updown.metrics.MetricsSetup;
import updown.metrics.MetricsVerticle;
import updown.metrics.TimedRepository;
import updown.metrics.UpDownMeters;
import updown.repository.PostgresRepository;
import updown.repository.Repository;
import updown.repository.SqliteRepository;
import updown.time.BotClock;

/**
 * Starts the bot on its ledger (SQLite, or PostgreSQL when DB_URL is set) and keeps it running until SIGTERM/SIGINT, then shuts down in order: stop
 * ticking, finish the write in flight, close sockets and the database, exit 0 — within {@link #SHUTDOWN_SECONDS}.
 */
public final class BotRunner {
    static final int SHUTDOWN_SECONDS = 10;
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

    /** Opens the ledger and starts the bot, or fails. */
    public static Future<Running> start(Vertx vertx, BotConfig config, BotClock clock, Engine engine) {
        Optional<UpDownMeters> meters = MetricsSetup.registry(config.metrics()).map(UpDownMeters::new);
        Future<Void> metrics = meters.map(m -> startMetrics(vertx, config, m)).orElse(Future.succeededFuture());
        return metrics.compose(v -> openLedger(vertx, config.storage()))
                .compose(repo -> Bot.start(vertx, new Bot.Parts(config, clock,
                                meters.<Repository>map(m -> new TimedRepository(repo, m)).orElse(repo),
                                meters.map(m -> MeteredEngine.wrap(engine, m)).orElse(engine)))
                        .map(bot -> new Running(bot, repo))
                        .recover(err -> repo.close().transform(ignored -> Future.failedFuture(err))));
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

    /** A started bot and the ledger it writes. */
    public record Running(Bot bot, Repository repository) {
        /** Stops the bot, then closes the database. Never fails. */
        public Future<Void> stop() {
            return bot.stop().transform(ar -> repository.close()).transform(ar -> Future.succeededFuture());
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
    static int runUntil(StopSignal stop, Vertx vertx, BotConfig config, BotClock clock, Engine engine) {
        Running running;
        try {
            running = stop.awaitUnlessStopped(start(vertx, config, clock, engine).toCompletionStage()
                    .toCompletableFuture(), 120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(vertx);
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.error("startup failed: {}", cause.toString());
            closeQuietly(vertx);
            return ExitCodes.FAILURE;
        }
        if (running == null) {
            LOG.info("stop requested while starting: closing");
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

    static void closeQuietly(Vertx vertx) {
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
