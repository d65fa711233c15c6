package updown.synthetic;

import java.util.NoSuchElementException;
import updown.domain.Levels;

/**
 * One side of a simulated book while it is built: the size (micro-shares) at each tick 1..99 of 0.01, and which ticks
 * hold one as two 64-bit words, so that clearing, counting and listing the levels cost one step per level, not one per
 * tick (a replay builds four sides at every tick). Scratch of one thread: reused, never shared.
 */
final class TickSizes {
    /** Ticks 0..127 fit in the two words; a book uses 1..99. */
    private static final int MAX_TICK = 127;

    private final long[] sizes = new long[MAX_TICK + 1];
    private long low;   // ticks 0..63
    private long high;  // ticks 64..127

    /** Empties the side (only the ticks that hold a size are touched). */
    TickSizes clear() {
        for (long w = low; w != 0; w &= w - 1) {
            sizes[Long.numberOfTrailingZeros(w)] = 0;
        }
        for (long w = high; w != 0; w &= w - 1) {
            sizes[64 + Long.numberOfTrailingZeros(w)] = 0;
        }
        low = 0;
        high = 0;
        return this;
    }

    long get(int tick) {
        return sizes[tick];
    }

    /** Sets the size at {@code tick}; 0 removes the level. */
    void put(int tick, long size) {
        sizes[tick] = size;
        long bit = 1L << (tick & 63);
        if (tick < 64) {
            low = size != 0 ? low | bit : low & ~bit;
        } else {
            high = size != 0 ? high | bit : high & ~bit;
        }
    }

    boolean isEmpty() {
        return low == 0 && high == 0;
    }

    /** The lowest tick with a level. */
    int lowest() {
        if (low != 0) {
            return Long.numberOfTrailingZeros(low);
        }
        if (high != 0) {
            return 64 + Long.numberOfTrailingZeros(high);
        }
        throw new NoSuchElementException("empty side");
    }

    /** Removes every level at {@code tick} and above. */
    void clearFrom(int tick) {
        long lowMask = tick >= 64 ? 0 : -1L << tick;
        long highMask = tick <= 64 ? -1L : -1L << (tick - 64);
        remove(lowMask, highMask);
    }

    /** Removes every level below {@code tick}. */
    void clearBelow(int tick) {
        long lowMask = tick >= 64 ? -1L : (1L << tick) - 1;
        long highMask = tick <= 64 ? 0 : (1L << (tick - 64)) - 1;
        remove(lowMask, highMask);
    }

    /** Removes the levels whose ticks are set in the two masks. */
    private void remove(long lowMask, long highMask) {
        for (long w = low & lowMask; w != 0; w &= w - 1) {
            sizes[Long.numberOfTrailingZeros(w)] = 0;
        }
        for (long w = high & highMask; w != 0; w &= w - 1) {
            sizes[64 + Long.numberOfTrailingZeros(w)] = 0;
        }
        low &= ~lowMask;
        high &= ~highMask;
    }

    /** Into {@code into} (cleared first): this side reflected through 1.00, each tick t moved to {@code total − t}. */
    void mirrorInto(TickSizes into, int total) {
        into.clear();
        for (long w = low; w != 0; w &= w - 1) {
            int t = Long.numberOfTrailingZeros(w);
            into.put(total - t, sizes[t]);
        }
        for (long w = high; w != 0; w &= w - 1) {
            int t = 64 + Long.numberOfTrailingZeros(w);
            into.put(total - t, sizes[t]);
        }
    }

    /**
     * The levels, priced {@code tick × microsPerTick}: ascending by tick (asks, best first) or descending (bids, best
     * first).
     */
    Levels levels(long microsPerTick, boolean descending) {
        int n = Long.bitCount(low) + Long.bitCount(high);
        long[] prices = new long[n];
        long[] out = new long[n];
        int i = descending ? n - 1 : 0;
        int step = descending ? -1 : 1;
        // ascending over the set bits; written from the back when the list is descending
        for (long w = low; w != 0; w &= w - 1) {
            int t = Long.numberOfTrailingZeros(w);
            prices[i] = t * microsPerTick;
            out[i] = sizes[t];
            i += step;
        }
        for (long w = high; w != 0; w &= w - 1) {
            int t = 64 + Long.numberOfTrailingZeros(w);
            prices[i] = t * microsPerTick;
            out[i] = sizes[t];
            i += step;
        }
        return Levels.wrap(prices, out);
    }
}
