package updown.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The one queue every outgoing message passes through. Pure: time comes in as arguments, nothing is sent here.
 *
 * <ul>
 *   <li>At most {@code maxPerMinute} send attempts in any rolling minute (Telegram allows 20 per group chat).</li>
 *   <li>Replies to commands go before queued alerts (someone is waiting for them); within a lane, order is kept.</li>
 *   <li>When alerts back up, a batchable alert (a trade, a settlement) joins the batch of the same kind at the tail
 *       instead of queueing alone, so a burst becomes a few messages and nothing is lost.</li>
 *   <li>A 429 stops the whole queue until its {@code retry_after} has passed; unreachable Telegram is retried with
 *       backoff; a refused HTML message is resent once as plain text.</li>
 *   <li>If the queue still overflows its capacity, the oldest alert is dropped and the next alert says how many
 *       were dropped (never silently).</li>
 * </ul>
 * Single-threaded: the driver calls it from one event loop.
 */
final class OutboundQueue {
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final int MAX_SERVER_ERRORS = 5;
    /** Keep merged messages well under Telegram's 4096 characters (room for the header and a drop note). */
    static final int MAX_BATCH_CHARS = Html.MAX_MESSAGE - 300;

    enum Lane { REPLY, ALERT }

    /** What the driver should do now. */
    sealed interface Step {
        /** Nothing to send. */
        record Idle() implements Step {
        }

        /** A send is in flight; wait for its result. */
        record Busy() implements Step {
        }

        /** Something is queued but may not go before {@code until}. */
        record Wait(Instant until) implements Step {
        }

        /** Send this now and report the result with {@link #delivered} or {@link #failed}. */
        record Send(Outgoing payload, int alerts) implements Step {
        }
    }

    /** What a failure led to, for one log line. */
    record Outcome(Action action, Instant retryAt, int lostAlerts) {
    }

    enum Action { RETRY, RETRY_AS_PLAIN_TEXT, DROPPED }

    private static final class Entry {
        final Lane lane;
        final Outgoing single;
        final List<Outgoing.Batchable> lines = new ArrayList<>();
        int chars;
        boolean plain;
        int serverErrors;
        int dropNote;

        Entry(Lane lane, Outgoing single) {
            this.lane = lane;
            this.single = single;
            if (single instanceof Outgoing.Text t && t.batch() != null && lane == Lane.ALERT) {
                lines.add(t.batch());
                chars = t.batch().line().length();
            }
        }

        String batchKind() {
            return lines.isEmpty() ? null : lines.get(0).kind();
        }

        int alerts() {
            return Math.max(1, lines.size());
        }
    }

    private final int maxPerMinute;
    private final int batchWhenPending;
    private final int capacity;
    private final Deque<Entry> replies = new ArrayDeque<>();
    private final Deque<Entry> alerts = new ArrayDeque<>();
    private final Deque<Instant> attempts = new ArrayDeque<>();
    private Entry inFlight;
    private Instant blockedUntil;
    private int consecutiveFailures;
    private int dropped;

    /**
     * @param maxPerMinute     send attempts allowed per rolling minute
     * @param batchWhenPending a batchable alert joins the tail batch once this many messages are waiting
     * @param capacity         most messages held; beyond it the oldest alert is dropped (and announced)
     */
    OutboundQueue(int maxPerMinute, int batchWhenPending, int capacity) {
        if (maxPerMinute < 1 || batchWhenPending < 1 || capacity < 2) {
            throw new IllegalArgumentException("bad queue limits");
        }
        this.maxPerMinute = maxPerMinute;
        this.batchWhenPending = batchWhenPending;
        this.capacity = capacity;
    }

    /** Queues a message; returns how many alerts had to be dropped to stay within capacity (normally 0). */
    int offer(Outgoing message, Lane lane) {
        if (lane == Lane.ALERT && message instanceof Outgoing.Text t && t.batch() != null && joinTail(t.batch())) {
            return 0;
        }
        (lane == Lane.REPLY ? replies : alerts).addLast(new Entry(lane, message));
        int lost = 0;
        while (pending() > capacity) {
            int n = dropOldest();
            if (n == 0) {
                break;
            }
            lost += n;
        }
        dropped += lost;
        return lost;
    }

    private boolean joinTail(Outgoing.Batchable b) {
        Entry tail = alerts.peekLast();
        if (tail == null || tail == inFlight || !b.kind().equals(tail.batchKind())) {
            return false;
        }
        if (pending() < batchWhenPending || tail.chars + 1 + b.line().length() > MAX_BATCH_CHARS) {
            return false;
        }
        tail.lines.add(b);
        tail.chars += 1 + b.line().length();
        return true;
    }

    private int dropOldest() {
        for (Deque<Entry> lane : List.of(alerts, replies)) {
            Iterator<Entry> it = lane.iterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (e != inFlight) {
                    it.remove();
                    return e.alerts() + e.dropNote;
                }
            }
        }
        return 0;
    }

    /** Messages waiting, the one in flight included. */
    int pending() {
        return replies.size() + alerts.size();
    }

    /** Alerts dropped for capacity and not yet announced. */
    int droppedUnannounced() {
        return dropped;
    }

    /** Decides what may be sent at {@code now}. A {@link Step.Send} counts against the rolling minute at once. */
    Step next(Instant now) {
        if (inFlight != null) {
            return new Step.Busy();
        }
        if (replies.isEmpty() && alerts.isEmpty()) {
            return new Step.Idle();
        }
        if (blockedUntil != null && now.isBefore(blockedUntil)) {
            return new Step.Wait(blockedUntil);
        }
        while (!attempts.isEmpty() && !attempts.peekFirst().plus(WINDOW).isAfter(now)) {
            attempts.removeFirst();
        }
        if (attempts.size() >= maxPerMinute) {
            return new Step.Wait(attempts.peekFirst().plus(WINDOW));
        }
        Entry head = replies.isEmpty() ? alerts.peekFirst() : replies.peekFirst();
        inFlight = head;
        attempts.addLast(now);
        return new Step.Send(render(head), head.alerts());
    }

    private Outgoing render(Entry e) {
        if (e.single instanceof Outgoing.Photo p) {
            return p;
        }
        Outgoing.Text t = (Outgoing.Text) e.single;
        String html;
        Keyboard keyboard = t.keyboard();
        if (e.lines.size() > 1) {
            StringBuilder b = new StringBuilder();
            b.append("<b>").append(e.lines.size()).append(' ').append(Html.escape(e.lines.get(0).title()))
                    .append("</b>");
            for (Outgoing.Batchable line : e.lines) {
                b.append('\n').append(line.line());
            }
            html = b.toString();
            keyboard = null;
        } else {
            html = t.html();
        }
        if (e.lane == Lane.ALERT && e.dropNote == 0 && dropped > 0) {
            e.dropNote = dropped;
            dropped = 0;
        }
        if (e.dropNote > 0) {
            html = "⚠️ " + e.dropNote + " older alert(s) were dropped while Telegram was unreachable.\n" + html;
        }
        if (e.plain) {
            html = Html.escape(Html.toPlain(html));
        }
        return new Outgoing.Text(html, keyboard, null);
    }

    /** The message in flight arrived. */
    void delivered() {
        if (inFlight == null) {
            return;
        }
        (inFlight.lane == Lane.REPLY ? replies : alerts).remove(inFlight);
        inFlight = null;
        consecutiveFailures = 0;
    }

    /** The message in flight failed at {@code now}; decides when (and whether) it is tried again. */
    Outcome failed(SendFailure failure, Instant now) {
        Entry e = inFlight;
        if (e == null) {
            return new Outcome(Action.RETRY, now, 0);
        }
        inFlight = null;
        switch (failure.kind()) {
            case RETRY_AFTER -> {
                Duration wait = failure.retryAfter().isNegative() || failure.retryAfter().isZero()
                        ? Duration.ofSeconds(1) : failure.retryAfter();
                blockedUntil = now.plus(wait);
                return new Outcome(Action.RETRY, blockedUntil, 0);
            }
            case UNREACHABLE -> {
                return backOff(now);
            }
            case SERVER_ERROR -> {
                e.serverErrors++;
                if (e.serverErrors >= MAX_SERVER_ERRORS) {
                    return drop(e, now);
                }
                return backOff(now);
            }
            case REJECTED -> {
                if (e.single instanceof Outgoing.Text && !e.plain) {
                    e.plain = true;
                    return new Outcome(Action.RETRY_AS_PLAIN_TEXT, now, 0);
                }
                return drop(e, now);
            }
            default -> throw new IllegalStateException(failure.kind().toString());
        }
    }

    private Outcome backOff(Instant now) {
        consecutiveFailures++;
        long seconds = 1L << Math.min(consecutiveFailures - 1, 6);
        Duration wait = Duration.ofSeconds(seconds);
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        blockedUntil = now.plus(wait);
        return new Outcome(Action.RETRY, blockedUntil, 0);
    }

    private Outcome drop(Entry e, Instant now) {
        (e.lane == Lane.REPLY ? replies : alerts).remove(e);
        // an announcement of earlier drops that did not get through is owed to the next alert
        dropped += e.dropNote;
        return new Outcome(Action.DROPPED, now, e.alerts());
    }
}
