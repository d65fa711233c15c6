package updown.market;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.domain.LocalBook;
import updown.domain.MarketEvent;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.net.Counters;

/**
 * The books of the tokens we follow and the watchdog's verdict on each, as pure state: every method takes the
 * clock's "now" and returns the {@link MarketEvent}s to publish, in order. Health is fail-closed: a book becomes
 * stale when it has had no evidence of being current (a websocket event for it, or a REST answer) for longer than
 * BOOK_STALE_MS, when a REST cross-check disagrees with it, when the venue has no book for it, or when the socket
 * is down and the REST fallback failed; only a whole snapshot (websocket {@code book} or REST resync) makes it
 * fresh again. One log line per transition, never per event.
 */
final class BookKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(BookKeeper.class);

    enum Health { UNKNOWN, FRESH, STALE }

    /** Where a whole book came from; a REST cross-check that disagrees marks the book stale before replacing it. */
    enum Source { WEBSOCKET, REST_RESYNC, REST_CHECK }

    private static final class TokenState {
        final LocalBook book;
        final Instant followedAt;
        Instant lastEvidence;
        long serverTimeMs;
        Health health = Health.UNKNOWN;
        Instant lastResyncAttempt;

        TokenState(String token, Instant now) {
            this.book = new LocalBook(token);
            this.followedAt = now;
        }
    }

    private final long staleMs;
    private final Counters counters;
    private final Map<String, TokenState> states = new LinkedHashMap<>();

    BookKeeper(long staleMs, Counters counters) {
        this.staleMs = staleMs;
        this.counters = counters;
    }

    Set<String> followed() {
        return java.util.Collections.unmodifiableSet(states.keySet());
    }

    boolean follows(String token) {
        return states.containsKey(token);
    }

    Health health(String token) {
        TokenState s = states.get(token);
        return s == null ? Health.UNKNOWN : s.health;
    }

    /** A copy of a followed book, best first; null when not followed. */
    OrderBook book(String token) {
        TokenState s = states.get(token);
        return s == null ? null : s.book.snapshot();
    }

    boolean hasSnapshot(String token) {
        TokenState s = states.get(token);
        return s != null && s.book.hasSnapshot();
    }

    /** Starts following a token (its market's tick until a book says otherwise). Returns false if already followed. */
    boolean follow(String token, Price marketTick, Instant now) {
        if (states.containsKey(token)) {
            return false;
        }
        TokenState s = new TokenState(token, now);
        if (marketTick != null) {
            s.book.applyTickSize(marketTick, now);
        }
        states.put(token, s);
        return true;
    }

    /** Stops following; the last word on the token is "stale", so nobody trades on the leftover book. */
    List<MarketEvent> unfollow(String token, String reason, Instant now) {
        TokenState s = states.remove(token);
        if (s == null || s.health == Health.STALE) {
            return List.of();
        }
        return List.of(new MarketEvent.BookHealth(token, true, reason, now));
    }

    /** A whole book from the websocket or REST. */
    List<MarketEvent> onBook(RestBook b, Source source, Instant now) {
        TokenState s = states.get(b.tokenId());
        if (s == null) {
            counters.inc("book.unfollowed-token");
            return List.of();
        }
        if (b.noBook()) {
            return stale(s, "no book on the venue", now);
        }
        if (source != Source.WEBSOCKET && s.book.hasSnapshot() && b.serverTimeMs() > 0
                && b.serverTimeMs() < s.serverTimeMs) {
            // the REST answer predates what the socket already told us: inconclusive, keep ours
            counters.inc("book.rest-older-than-ws");
            return List.of();
        }
        List<MarketEvent> out = new ArrayList<>(3);
        OrderBook incoming = new OrderBook(b.tokenId(), b.bids(), b.asks(),
                b.tickSize() != null ? b.tickSize() : s.book.snapshot(0).tickSize(), b.hash(), now);
        boolean had = s.book.hasSnapshot();
        boolean same = had && s.book.sameLevelsAs(incoming) && incoming.tickSize().equals(s.book.snapshot(0).tickSize());
        if (source == Source.REST_CHECK && had && !same) {
            counters.inc("book.cross-check-disagreed");
            out.addAll(stale(s, "REST cross-check disagrees with the websocket book", now));
        }
        s.book.applySnapshot(b.bids(), b.asks(), incoming.tickSize(), b.hash(), now);
        if (!same) {
            counters.inc("book.snapshots");
            out.add(new MarketEvent.BookSnapshot(b.tokenId(), incoming.bids(), incoming.asks(), incoming.tickSize(),
                    b.hash(), now));
        }
        s.serverTimeMs = Math.max(s.serverTimeMs, b.serverTimeMs());
        s.lastEvidence = now;
        out.addAll(fresh(s, source == Source.WEBSOCKET ? "websocket snapshot" : "resynced from REST", now));
        return out;
    }

    /**
     * Level changes. A change for a token without a snapshot yet is dropped (the snapshot will carry it). Changes
     * keep a stale book current but do not make it fresh: only a whole snapshot does.
     */
    List<MarketEvent> onChanges(ClobWsEvent.PriceChange pc, Instant now) {
        List<MarketEvent> out = new ArrayList<>(pc.changes().size());
        for (ClobWsEvent.Change c : pc.changes()) {
            TokenState s = states.get(c.tokenId());
            if (s == null) {
                counters.inc("book.unfollowed-token");
                continue;
            }
            s.lastEvidence = now;
            if (!s.book.applyChange(c.side(), c.price(), c.size(), now)) {
                counters.inc("book.change-before-snapshot");
                continue;
            }
            s.serverTimeMs = Math.max(s.serverTimeMs, pc.serverTimeMs());
            counters.inc("book.changes");
            out.add(new MarketEvent.BookLevelChanged(c.tokenId(), c.side(), c.price(), c.size(), now));
        }
        return out;
    }

    List<MarketEvent> onTickSize(ClobWsEvent.TickSizeChange t, Instant now) {
        TokenState s = states.get(t.tokenId());
        if (s == null) {
            return List.of();
        }
        s.lastEvidence = now;
        s.book.applyTickSize(t.newTickSize(), now);
        return List.of(new MarketEvent.TickSizeChanged(t.tokenId(), t.newTickSize(), now));
    }

    /** A websocket event proving the token's feed alive without changing its book (best_bid_ask, last trade). */
    void onAlive(String token, Instant now) {
        TokenState s = states.get(token);
        if (s != null) {
            s.lastEvidence = now;
        }
    }

    /** The venue has no book for the token (REST 404 or the all-zero-hash placeholder). */
    List<MarketEvent> onNoBook(String token, String detail, Instant now) {
        TokenState s = states.get(token);
        return s == null ? List.of() : stale(s, "no book on the venue (" + detail + ")", now);
    }

    /** The socket is down and the REST fallback for this token failed too. */
    List<MarketEvent> onFallbackFailed(String token, String detail, Instant now) {
        TokenState s = states.get(token);
        return s == null ? List.of() : stale(s, "socket down and REST fallback failed (" + detail + ")", now);
    }

    /** Marks every silent book stale. */
    List<MarketEvent> watchdog(Instant now) {
        List<MarketEvent> out = new ArrayList<>();
        for (TokenState s : states.values()) {
            Instant since = s.lastEvidence != null ? s.lastEvidence : s.followedAt;
            long silentMs = Duration.between(since, now).toMillis();
            if (silentMs > staleMs && s.health != Health.STALE) {
                out.addAll(stale(s, (s.lastEvidence == null ? "no snapshot yet after " : "no book update for ")
                        + silentMs + " ms", now));
            }
        }
        return out;
    }

    /** Tokens that need a REST resync now: stale ones, at most once per {@code minGapMs} each. */
    List<String> dueForResync(Instant now, long minGapMs) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, TokenState> e : states.entrySet()) {
            TokenState s = e.getValue();
            if (s.health == Health.STALE && (s.lastResyncAttempt == null
                    || Duration.between(s.lastResyncAttempt, now).toMillis() >= minGapMs)) {
                s.lastResyncAttempt = now;
                out.add(e.getKey());
            }
        }
        return out;
    }

    private List<MarketEvent> stale(TokenState s, String reason, Instant now) {
        if (s.health == Health.STALE) {
            return List.of();
        }
        s.health = Health.STALE;
        counters.inc("book.stale-transitions");
        LOG.warn("book {} stale: {}", shortId(s.book.tokenId()), reason);
        return List.of(new MarketEvent.BookHealth(s.book.tokenId(), true, reason, now));
    }

    private List<MarketEvent> fresh(TokenState s, String reason, Instant now) {
        if (s.health == Health.FRESH) {
            return List.of();
        }
        Health was = s.health;
        s.health = Health.FRESH;
        counters.inc("book.fresh-transitions");
        if (was == Health.STALE) {
            LOG.info("book {} fresh again: {}", shortId(s.book.tokenId()), reason);
        } else {
            LOG.debug("book {} fresh: {}", shortId(s.book.tokenId()), reason);
        }
        return List.of(new MarketEvent.BookHealth(s.book.tokenId(), false, reason, now));
    }

    static String shortId(String token) {
        return token.length() <= 12 ? token : token.substring(0, 6) + "…" + token.substring(token.length() - 4);
    }
}
