package updown.engine.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the venue may be sent a new order now, from what the heartbeat and the matching engine said. No I/O.
 *
 * <ul>
 *   <li><b>Heartbeat</b> (POST /v1/heartbeats, docs.polymarket.com/api-reference/trade/send-heartbeat: without regular
 *   heartbeats the venue cancels the user's open orders): while the last heartbeat failed, no new order.</li>
 *   <li><b>Restart</b> (docs.polymarket.com/trading/matching-engine): during the weekly restart (~90 s) the CLOB
 *   answers HTTP 425 on order endpoints; the advice is exponential backoff from 1–2 s. The gate waits 1 s, 2 s, 4 s…
 *   (at most 30 s) between probes; no order is sent while it waits.</li>
 *   <li><b>Post-only period</b>: after a restart the engine accepts only {@code postOnly} orders (and cancels) for
 *   2 minutes. FOK/FAK orders cannot be post-only, so the gate refuses new orders until the period is over, counted
 *   from the first non-425 answer. A bot that starts (or reconnects) during the period sees no 425, only the venue's
 *   post-only-mode refusal of an order: that refusal opens the same window, counted from the refusal, since when the
 *   period began cannot be known and it lasts at most 2 minutes.</li>
 * </ul>
 */
final class VenueGate {
    static final Duration POST_ONLY_PERIOD = Duration.ofMinutes(2);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private String heartbeatProblem;
    private boolean restarting;
    private Duration backoff = FIRST_BACKOFF;
    private Instant nextProbe = Instant.MIN;
    private Instant postOnlyUntil = Instant.MIN;

    synchronized void heartbeatOk() {
        heartbeatProblem = null;
    }

    synchronized void heartbeatFailed(String reason) {
        heartbeatProblem = reason;
    }

    /** The last heartbeat failed (whatever else holds orders back). */
    synchronized boolean heartbeatFailing() {
        return heartbeatProblem != null;
    }

    /** An HTTP 425 from any order endpoint: the matching engine is restarting; the next probe waits longer. */
    synchronized void restartSeen(Instant now) {
        if (restarting) {
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        } else {
            restarting = true;
            backoff = FIRST_BACKOFF;
        }
        nextProbe = now.plus(backoff);
    }

    /** Any other answer from the venue: a restart in progress is over and its post-only period starts. */
    synchronized void answered(Instant now) {
        if (restarting) {
            restarting = false;
            postOnlyUntil = now.plus(POST_ONLY_PERIOD);
        }
    }

    /** The venue refused an order because it is in its post-only period (a restart we did not see). */
    synchronized void postOnlyRefusal(Instant now) {
        Instant until = now.plus(POST_ONLY_PERIOD);
        if (until.isAfter(postOnlyUntil)) {
            postOnlyUntil = until;
        }
    }

    /** A restart is in progress and its backoff has run out: time to ask the venue again (with a heartbeat). */
    synchronized boolean probeDue(Instant now) {
        return restarting && !now.isBefore(nextProbe);
    }

    synchronized boolean restarting() {
        return restarting;
    }

    /** Why no new order may go out now, or empty. */
    synchronized Optional<String> refusal(Instant now) {
        if (restarting) {
            return Optional.of("matching engine restarting (HTTP 425); next try after " + nextProbe);
        }
        if (now.isBefore(postOnlyUntil)) {
            return Optional.of("post-only period after a matching-engine restart until " + postOnlyUntil
                    + " (FOK/FAK orders cannot be post-only)");
        }
        if (heartbeatProblem != null) {
            return Optional.of("heartbeat failing (" + heartbeatProblem + "); no new orders");
        }
        return Optional.empty();
    }
}
