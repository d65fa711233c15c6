package updown.record;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.MarketEvent;
import updown.domain.TraderTicked;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * Writes the trader's input to the tape under DATA_DIR/tape (format: {@link TapeFormat}): every market event in the
 * order the trader folded it into its view and a mark after every tick (both from {@link Addresses#TRADER_TAPE}), so
 * a backtest can give the same code the same input at the same moments.
 *
 * <p>Records are collected on the event loop and handed to a worker in batches (every {@value #FLUSH_INTERVAL_MS} ms
 * of wall-clock time, at {@value #FLUSH_RECORDS} records, and on undeploy); the file I/O runs in ordered
 * {@code executeBlocking} calls, never on the event loop. Segments older than RECORD_RETENTION_DAYS are deleted at
 * start and when the UTC day changes. A disk problem never stops the bot: the batch is dropped, one line is logged
 * when writing starts failing and one when it works again.
 */
public final class RecorderVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(RecorderVerticle.class);
    /**
     * Wall-clock flush interval. Deliberately not scaled by the bot's clock: it bounds how much a crash can lose,
     * which is a matter of real time, and a scaled clock would turn it into thousands of tiny writes.
     */
    static final long FLUSH_INTERVAL_MS = 200;
    static final int FLUSH_RECORDS = 8_192;
    /** Records waiting for the disk beyond which new ones are dropped (a stuck disk must not exhaust memory). */
    static final long MAX_WAITING = 1_000_000;

    private final Path dir;
    private final int retentionDays;
    private final BotClock clock;
    private final TapeWriter writer;
    private List<TapeRecord> pending = new ArrayList<>();
    private MessageConsumer<Object> consumer;
    private Timers timers;
    private long timerId = -1;
    private long waiting;
    private LocalDate retentionDay;
    private boolean failing;
    private boolean droppingLogged;
    private Future<Void> lastWrite = Future.succeededFuture();
    private volatile long written;
    private volatile long dropped;

    public RecorderVerticle(BotConfig config, BotClock clock) {
        this(config.storage().tapeDir(), config.recorder().retentionDays(), clock);
    }

    public RecorderVerticle(Path tapeDir, int retentionDays, BotClock clock) {
        this.dir = tapeDir;
        this.retentionDays = retentionDays;
        this.clock = clock;
        this.writer = new TapeWriter(tapeDir);
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        retentionDay = TapeFormat.utcDate(clock.instant());
        LocalDate today = retentionDay;
        Future<Integer> prepared = vertx.executeBlocking(() -> {
            Files.createDirectories(dir);
            return TapeFiles.deleteOlderThan(dir, today, retentionDays);
        }, true).recover(err -> {
            // recording is an aid, not a reason to stay down: writes will log their own failures
            LOG.error("tape: cannot prepare {}: {}", dir, err.toString());
            return Future.succeededFuture(0);
        });
        return prepared.compose(n -> {
            consumer = vertx.eventBus().consumer(Addresses.TRADER_TAPE, this::onRecord);
            timers = new Timers(vertx, clock);
            timerId = timers.everyWallMillis(FLUSH_INTERVAL_MS, id -> flush());
            return consumer.completion();
        }).onSuccess(v -> LOG.info("recording the trader's input to {} (kept {} days)", dir, retentionDays));
    }

    private void onRecord(Message<Object> message) {
        TapeRecord record;
        if (message.body() instanceof MarketEvent e) {
            record = new TapeRecord.Event(e);
        } else if (message.body() instanceof TraderTicked t) {
            record = new TapeRecord.Tick(t);
        } else {
            return;
        }
        if (waiting + pending.size() >= MAX_WAITING) {
            dropped++;
            if (!droppingLogged) {
                droppingLogged = true;
                LOG.error("tape: {} records wait for the disk; dropping new ones until it catches up", waiting);
            }
            return;
        }
        pending.add(record);
        if (pending.size() >= FLUSH_RECORDS) {
            flush();
        }
    }

    /** Hands what is pending to the worker; completes when it is written (or dropped after an error). */
    Future<Void> flush() {
        LocalDate today = TapeFormat.utcDate(clock.instant());
        boolean prune = !today.equals(retentionDay);
        retentionDay = today;
        if (pending.isEmpty() && !prune) {
            return lastWrite;
        }
        List<TapeRecord> batch = pending;
        pending = new ArrayList<>();
        waiting += batch.size();
        lastWrite = vertx.<Void>executeBlocking(() -> {
            if (!batch.isEmpty()) {
                writer.append(batch);
            }
            if (prune) {
                TapeFiles.deleteOlderThan(dir, today, retentionDays);
            }
            return null;
        }, true).transform(ar -> {
            waiting -= batch.size();
            if (waiting < MAX_WAITING / 2) {
                droppingLogged = false;
            }
            if (ar.succeeded()) {
                written += batch.size();
                if (failing) {
                    failing = false;
                    LOG.info("tape: writing to {} works again", dir);
                }
            } else {
                dropped += batch.size();
                if (!failing) {
                    failing = true;
                    LOG.error("tape: cannot write to {} ({}); records are dropped until it works",
                            dir, ar.cause().toString());
                }
            }
            return Future.<Void>succeededFuture();
        });
        return lastWrite;
    }

    /** Records written to the tape so far. */
    public long written() {
        return written;
    }

    /** Records lost (disk errors, or too many waiting for the disk). */
    public long dropped() {
        return dropped;
    }

    @Override
    public Future<?> stop() {
        if (timerId >= 0) {
            timers.cancel(timerId);
        }
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        return unregistered.transform(ar -> flush())
                .compose(v -> vertx.executeBlocking(() -> {
                    writer.close();
                    return null;
                }, true))
                .onSuccess(v -> LOG.info("tape closed: {} records written, {} dropped", written, dropped))
                .recover(err -> {
                    LOG.warn("tape: closing failed: {}", err.toString());
                    return Future.succeededFuture();
                });
    }
}
