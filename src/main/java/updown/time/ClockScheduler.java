package updown.time;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers measured on the injected {@link BotClock}, not on the wall clock: a task runs once the bot's clock has
 * reached its due time. One Vert.x timer is armed for the earliest task, with a real delay from
 * {@link BotClock#realDelayMillis}; when it fires early (a scaled clock rounds, a virtual clock has not been advanced
 * yet) it simply re-arms. So a system clock waits the real time, a scaled clock a fraction of it, and a test's
 * {@link updown.time.VirtualClock} runs tasks exactly when the test advances it past their due time.
 *
 * <p>Create it on the owning verticle's context and use it only there. Tasks that throw are logged and dropped;
 * periodic tasks keep their schedule.
 *
 * <p>Which to use: {@code ClockScheduler} for tasks due at an instant of the clock that must run exactly when a
 * (possibly virtual) clock passes it: a silence deadline, an auth timeout, anything a test drives by advancing a
 * {@link VirtualClock}. {@link Timers} for plain periodic and one-shot delays (a tick period, a poll, a retry, a
 * backoff) and for wall-time housekeeping: its real delay is computed once when armed, so on a virtual clock it fires
 * every millisecond rather than when the clock is advanced. This class arms its own single Vert.x timer because its
 * delay depends on the queue (re-armed for the earliest task, polled on a virtual clock).
 */
public final class ClockScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ClockScheduler.class);

    private record Key(Instant due, long id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    private record Task(long id, long periodMs, Runnable body) {
    }

    static final long VIRTUAL_POLL_MS = 5;

    private final Vertx vertx;
    private final BotClock clock;
    private final TreeMap<Key, Task> queue = new TreeMap<>();
    private final Map<Long, Key> keys = new HashMap<>();
    private final java.util.Set<Long> batch = new java.util.HashSet<>();
    private long nextId = 1;
    private long timerId = -1;
    private Instant armedFor;
    private boolean closed;

    public ClockScheduler(Vertx vertx, BotClock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    public BotClock clock() {
        return clock;
    }

    /** Runs {@code body} once, {@code delayMs} of clock time from now. Returns a handle for {@link #cancel}. */
    public long after(long delayMs, Runnable body) {
        return add(Math.max(0, delayMs), 0, body);
    }

    /** Runs {@code body} every {@code periodMs} of clock time, the first time one period from now. */
    public long every(long periodMs, Runnable body) {
        if (periodMs < 1) {
            throw new IllegalArgumentException("period must be >= 1 ms");
        }
        return add(periodMs, periodMs, body);
    }

    public void cancel(long handle) {
        batch.remove(handle);
        Key k = keys.remove(handle);
        if (k != null) {
            queue.remove(k);
        }
    }

    /** Cancels everything; later calls to {@link #after}/{@link #every} are ignored. */
    public void close() {
        closed = true;
        queue.clear();
        keys.clear();
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    public int pending() {
        return queue.size();
    }

    private long add(long delayMs, long periodMs, Runnable body) {
        long id = nextId++;
        if (closed) {
            return id;
        }
        Key key = new Key(clock.instant().plusMillis(delayMs), id);
        queue.put(key, new Task(id, periodMs, body));
        keys.put(id, key);
        arm();
        return id;
    }

    private void arm() {
        if (closed || queue.isEmpty()) {
            return;
        }
        Instant due = queue.firstKey().due();
        if (timerId >= 0 && armedFor != null && !due.isBefore(armedFor)) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        long remaining = Math.max(1, due.toEpochMilli() - clock.instant().toEpochMilli());
        // a virtual clock moves only when told to; polling it every few ms is enough and spares the CPU
        long real = Double.isInfinite(clock.speed()) ? VIRTUAL_POLL_MS : clock.realDelayMillis(remaining);
        armedFor = due;
        timerId = vertx.setTimer(Math.max(1, real), id -> fire());
    }

    private void fire() {
        timerId = -1;
        armedFor = null;
        Instant now = clock.instant();
        // take what is due now; tasks added while these run wait for the next firing (no endless loop on a
        // virtual clock that does not move)
        java.util.List<Task> due = new java.util.ArrayList<>();
        while (!queue.isEmpty() && !queue.firstKey().due().isAfter(now)) {
            Task t = queue.pollFirstEntry().getValue();
            keys.remove(t.id());
            if (t.periodMs() > 0) {
                // no catch-up bursts after a jump of the clock: the next run is one period from now
                Key next = new Key(now.plusMillis(t.periodMs()), t.id());
                queue.put(next, t);
                keys.put(t.id(), next);
            }
            due.add(t);
        }
        batch.clear();
        for (Task t : due) {
            batch.add(t.id());
        }
        for (Task t : due) {
            if (closed || !batch.contains(t.id())) {
                continue;
            }
            try {
                t.body().run();
            } catch (RuntimeException ex) {
                LOG.error("scheduled task failed: {}", ex.toString(), ex);
            }
        }
        batch.clear();
        arm();
    }
}
