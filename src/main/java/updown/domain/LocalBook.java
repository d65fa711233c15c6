package updown.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mutable order book for one token, kept from a snapshot plus level changes. Levels are keyed by numeric price
 * (the wire spells one price several ways: "0.5", "0.50"), so a change always lands on the level it names.
 * Owned by one component at a time; not thread-safe.
 */
public final class LocalBook {
    private final String tokenId;
    private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private Price tickSize = Price.of("0.01");
    private String hash = "";
    private Instant updatedAt;
    private boolean hasSnapshot;

    public LocalBook(String tokenId) {
        this.tokenId = tokenId;
    }

    public String tokenId() {
        return tokenId;
    }

    /** Replaces the whole book. Zero-size levels are dropped. */
    public void applySnapshot(List<Level> newBids, List<Level> newAsks, Price newTickSize, String newHash,
                              Instant at) {
        bids.clear();
        asks.clear();
        for (Level l : newBids) {
            put(bids, l.price().micros(), l.size().micros());
        }
        for (Level l : newAsks) {
            put(asks, l.price().micros(), l.size().micros());
        }
        if (newTickSize != null) {
            tickSize = newTickSize;
        }
        hash = newHash == null ? "" : newHash;
        updatedAt = at;
        hasSnapshot = true;
    }

    /** Sets the total size at one level; size 0 removes it. Ignored until a snapshot has arrived. */
    public boolean applyChange(BookSide side, Price price, Shares size, Instant at) {
        if (!hasSnapshot) {
            return false;
        }
        put(side == BookSide.BID ? bids : asks, price.micros(), size.micros());
        updatedAt = at;
        return true;
    }

    public void applyTickSize(Price newTickSize, Instant at) {
        tickSize = newTickSize;
        updatedAt = at;
    }

    /** Marks the book as seen now without a change (e.g. a heartbeat proved the feed alive). */
    public void touch(Instant at) {
        updatedAt = at;
    }

    private static void put(Map<Long, Long> side, long price, long size) {
        if (size <= 0) {
            side.remove(price);
        } else {
            side.put(price, size);
        }
    }

    public boolean hasSnapshot() {
        return hasSnapshot;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String hash() {
        return hash;
    }

    public Price bestBid() {
        return bids.isEmpty() ? null : Price.ofMicros(bids.firstKey());
    }

    public Price bestAsk() {
        return asks.isEmpty() ? null : Price.ofMicros(asks.firstKey());
    }

    /** An immutable copy, best levels first, at most {@code maxLevels} per side. */
    public OrderBook snapshot(int maxLevels) {
        return new OrderBook(tokenId, levels(bids, maxLevels), levels(asks, maxLevels), tickSize, hash, updatedAt);
    }

    public OrderBook snapshot() {
        return snapshot(Integer.MAX_VALUE);
    }

    private static List<Level> levels(TreeMap<Long, Long> side, int max) {
        List<Level> out = new ArrayList<>(Math.min(side.size(), max));
        for (Map.Entry<Long, Long> e : side.entrySet()) {
            if (out.size() >= max) {
                break;
            }
            out.add(new Level(Price.ofMicros(e.getKey()), Shares.ofMicros(e.getValue())));
        }
        return out;
    }

    /** Same levels on both sides (hash and times ignored): used by the REST cross-check. */
    public boolean sameLevelsAs(OrderBook other) {
        OrderBook mine = snapshot();
        return mine.bids().equals(other.bids()) && mine.asks().equals(other.asks());
    }
}
