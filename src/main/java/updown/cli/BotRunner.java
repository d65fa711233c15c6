package updown.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.Bot;
import updown.config.BotConfig;
import updown.engine.Engine;
import updown.logging.LogSetup;
import updown.repository.SqliteRepository;
import updown.time.BotClock;

/**
 * Starts the bot on the SQLite ledger and keeps it running until SIGTERM/SIGINT, then shuts down in order: stop
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

    /** Opens the ledger and starts the bot, or fails. */
    public static Future<Running> start(Vertx vertx, BotConfig config, BotClock clock, Engine engine) {
        return SqliteRepository.open(vertx, config.storage().dbPath())
                .compose(repo -> Bot.start(vertx, new Bot.Parts(config, clock, repo, engine))
                        .map(bot -> new Running(bot, repo))
                        .recover(err -> repo.close().transform(ignored -> Future.failedFuture(err))));
    }

    /** A started bot and the ledger it writes. */
    public record Running(Bot bot, SqliteRepository repository) {
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
            LOG.error("startup failed: {}", Cli.describe(cause));
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
