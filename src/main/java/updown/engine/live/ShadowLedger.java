package updown.engine.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@value #KEEP} paper-vs-live comparisons, in memory only: the shadow never touches the real ledger
 * (nothing here is written anywhere), and a restart starts it empty. Thread-safe (the engine adds, views read).
 */
public final class ShadowLedger {
    public static final int KEEP = 100;
    private final Deque<ShadowTrade> trades = new ArrayDeque<>();

    public synchronized void add(ShadowTrade t) {
        trades.addFirst(t);
        while (trades.size() > KEEP) {
            trades.removeLast();
        }
    }

    /** Newest first, at most {@code limit}. */
    public synchronized List<ShadowTrade> recent(int limit) {
        List<ShadowTrade> out = new ArrayList<>();
        for (ShadowTrade t : trades) {
            if (out.size() >= limit) {
                break;
            }
            out.add(t);
        }
        return out;
    }

    public synchronized int size() {
        return trades.size();
    }
}
