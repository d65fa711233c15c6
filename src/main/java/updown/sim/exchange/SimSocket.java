package updown.sim.exchange;

import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.synthetic.fault.Malformer;
import updown.synthetic.fault.Venue;

/**
 * One accepted websocket of a simulated venue, with the fault behaviour every venue shares: a frozen socket stays
 * open and swallows every frame (data and PONG alike) until its freeze ends; a dropped one is closed. Counts what it
 * sent so tests can see silence. Used only on the exchange's event loop.
 */
final class SimSocket {
    private static final Logger LOG = LoggerFactory.getLogger(SimSocket.class);

    private final ServerWebSocket ws;
    private final Venue venue;
    private final Instant openedAt;
    private final SimStats stats;
    private Instant frozenUntil;
    private String lastFrame;
    private boolean closed;

    SimSocket(ServerWebSocket ws, Venue venue, Instant openedAt, SimStats stats) {
        this.ws = ws;
        this.venue = venue;
        this.openedAt = openedAt;
        this.stats = stats;
    }

    Instant openedAt() {
        return openedAt;
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** Silent until {@code until} (exclusive). */
    void freeze(Instant until) {
        frozenUntil = until;
    }

    /** When the last freeze of this socket ends (null if it was never frozen). */
    Instant frozenUntil() {
        return frozenUntil;
    }

    boolean frozenAt(Instant now) {
        return frozenUntil != null && now.isBefore(frozenUntil);
    }

    /** Sends a text frame unless frozen or closed; returns whether it went out. */
    boolean send(String frame, Instant now) {
        if (closed || frozenAt(now)) {
            return false;
        }
        LOG.debug("{} → {}", venue.wireName(), frame);
        ws.writeTextMessage(frame);
        lastFrame = frame;
        stats.frameSent(venue);
        return true;
    }

    /** Sends a corrupted copy of the last frame (or of an empty object) as an extra frame. */
    void sendCorrupted(long hash, Instant now) {
        String base = lastFrame != null ? lastFrame : "{\"event_type\":\"book\"}";
        String bad = Malformer.corrupt(base, hash);
        if (!closed && !frozenAt(now)) {
            LOG.debug("{} → (malformed) {}", venue.wireName(), bad);
            ws.writeTextMessage(bad);
            stats.frameSent(venue);
        }
    }

    void ping(Instant now) {
        if (!closed && !frozenAt(now)) {
            ws.writePing(io.vertx.core.buffer.Buffer.buffer("sim"));
        }
    }

    /** Closes the socket from the server side (a drop, or the end of a connection's life). */
    void close(short code, String reason) {
        if (!closed) {
            closed = true;
            ws.close(code, reason);
        }
    }
}
