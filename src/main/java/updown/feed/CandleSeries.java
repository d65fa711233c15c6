package updown.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import updown.domain.Candle;

/**
 * The closed 1-minute candles, keyed by open time: a candle is accepted only as the direct successor of the last
 * one (no duplicate, no gap), and the history is bounded. Pure state.
 */
final class CandleSeries {
    static final long MINUTE_MS = 60_000L;

    enum Fit { DUPLICATE, NEXT, GAP, FIRST }

    private final int capacity;
    private final TreeMap<Long, Candle> closed = new TreeMap<>();
    private long lastOpenMs = Long.MIN_VALUE;

    CandleSeries(int capacity) {
        this.capacity = capacity;
    }

    /** How a closed candle relates to what we hold. */
    Fit fit(Candle c) {
        long open = c.openTime().toEpochMilli();
        if (lastOpenMs == Long.MIN_VALUE) {
            return Fit.FIRST;
        }
        if (open <= lastOpenMs) {
            return Fit.DUPLICATE;
        }
        return open == lastOpenMs + MINUTE_MS ? Fit.NEXT : Fit.GAP;
    }

    /** Stores a closed candle newer than the last one (callers check {@link #fit} first). */
    void append(Candle c) {
        long open = c.openTime().toEpochMilli();
        if (open <= lastOpenMs) {
            throw new IllegalArgumentException("candle at " + c.openTime() + " is not after the last one");
        }
        closed.put(open, c);
        lastOpenMs = open;
        while (closed.size() > capacity) {
            closed.pollFirstEntry();
        }
    }

    boolean isEmpty() {
        return lastOpenMs == Long.MIN_VALUE;
    }

    /** Open time of the newest closed candle, or {@link Long#MIN_VALUE} when there is none. */
    long lastOpenMs() {
        return lastOpenMs;
    }

    /** Oldest first. */
    List<Candle> history() {
        return new ArrayList<>(closed.values());
    }
}
