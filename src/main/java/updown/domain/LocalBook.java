package updown.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A mutable order book for one token, kept from a snapshot plus level changes. Levels are keyed by numeric price
 * (the wire spells one price several ways: "0.5", "0.50"), so a change always lands on the level it names.
 * Owned by one component at a time; not thread-safe.
 */
public final class LocalBook {
    private final String tokenId;
    private final Side bids = Side.bestIsHighest();
    private final Side asks = Side.bestIsLowest();
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
        load(bids, newBids);
        load(asks, newAsks);
        if (newTickSize != null) {
            tickSize = newTickSize;
        }
        hash = newHash == null ? "" : newHash;
        updatedAt = at;
        hasSnapshot = true;
    }

    private static void load(Side side, List<Level> levels) {
        side.clear();
        if (levels instanceof Levels l) {
            // no Level made per level: the arrays are read as they are (put keeps the book's order and rules)
            for (int i = 0, n = l.size(); i < n; i++) {
                put(side, l.priceMicros(i), l.sizeMicros(i));
            }
            return;
        }
        for (Level l : levels) {
            put(side, l.price().micros(), l.size().micros());
        }
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

    private static void put(Side side, long price, long size) {
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
        return bids.count == 0 ? null : Price.ofMicros(bids.prices[0]);
    }

    public Price bestAsk() {
        return asks.count == 0 ? null : Price.ofMicros(asks.prices[0]);
    }

    /** An immutable copy, best levels first, at most {@code maxLevels} per side. */
    public OrderBook snapshot(int maxLevels) {
        return new OrderBook(tokenId, levels(bids, maxLevels), levels(asks, maxLevels), tickSize, hash, updatedAt);
    }

    public OrderBook snapshot() {
        return snapshot(Integer.MAX_VALUE);
    }

    private static List<Level> levels(Side side, int max) {
        return Levels.of(side.prices, side.sizes, Math.min(side.count, max));
    }

    /**
     * One side's levels as parallel arrays sorted best first (bids by descending price, asks ascending): a sorted map
     * of price to size without a boxed key, value and entry per level (books are rebuilt from every snapshot).
     */
    private static final class Side {
        private final boolean descending;
        long[] prices = new long[16];
        long[] sizes = new long[16];
        int count;

        private Side(boolean descending) {
            this.descending = descending;
        }

        /** Bids: the highest price first. */
        static Side bestIsHighest() {
            return new Side(true);
        }

        /** Asks: the lowest price first. */
        static Side bestIsLowest() {
            return new Side(false);
        }

        void clear() {
            count = 0;
        }

        /** Index of {@code price}, or −(insertion point) − 1. */
        private int find(long price) {
            // a snapshot lists its levels in book order: the common case appends after the last one
            if (count == 0 || before(prices[count - 1], price)) {
                return -count - 1;
            }
            int lo = 0;
            int hi = count - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long p = prices[mid];
                if (p == price) {
                    return mid;
                }
                if (before(p, price)) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -lo - 1;
        }

        /** Whether price a comes before price b on this side. */
        private boolean before(long a, long b) {
            return descending ? a > b : a < b;
        }

        void put(long price, long size) {
            int i = find(price);
            if (i >= 0) {
                sizes[i] = size;
                return;
            }
            int at = -i - 1;
            if (count == prices.length) {
                prices = Arrays.copyOf(prices, count * 2);
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            System.arraycopy(prices, at, prices, at + 1, count - at);
            System.arraycopy(sizes, at, sizes, at + 1, count - at);
            prices[at] = price;
            sizes[at] = size;
            count++;
        }

        void remove(long price) {
            int i = find(price);
            if (i < 0) {
                return;
            }
            System.arraycopy(prices, i + 1, prices, i, count - i - 1);
            System.arraycopy(sizes, i + 1, sizes, i, count - i - 1);
            count--;
        }
    }

    /** Same levels on both sides (hash and times ignored): used by the REST cross-check. */
    public boolean sameLevelsAs(OrderBook other) {
        OrderBook mine = snapshot();
        return mine.bids().equals(other.bids()) && mine.asks().equals(other.asks());
    }
}
