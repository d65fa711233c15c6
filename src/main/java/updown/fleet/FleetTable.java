package updown.fleet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one node has heard from the fleet: each node's latest status with the wall time it arrived, and the latest
 * trades. A node is gone once {@code goneAfterMs} pass without a status from it (a killed JVM says nothing); it comes
 * back as soon as it is heard again. Not thread-safe: the fleet verticle uses it on its own context only.
 */
final class FleetTable {
    static final int MAX_TRADES = 50;

    private final long goneAfterMs;
    private final Map<String, Heard> nodes = new TreeMap<>();
    private final Deque<FleetTrade> trades = new ArrayDeque<>();

    FleetTable(long goneAfterMs) {
        this.goneAfterMs = goneAfterMs;
    }

    private record Heard(NodeStatus status, long atMs) {
    }

    /** A status arrived at wall time {@code nowMs}; an older one than held (reordered) is ignored. */
    void heard(NodeStatus status, long nowMs) {
        Heard held = nodes.get(status.node());
        if (held != null && held.status().sentAtMs() > status.sentAtMs()) {
            return;
        }
        nodes.put(status.node(), new Heard(status, nowMs));
    }

    void trade(FleetTrade trade) {
        trades.addFirst(trade);
        while (trades.size() > MAX_TRADES) {
            trades.removeLast();
        }
    }

    FleetView view(String self, long nowMs) {
        List<FleetView.Node> out = new ArrayList<>();
        for (Heard h : nodes.values()) {
            long silent = Math.max(0, nowMs - h.atMs());
            out.add(new FleetView.Node(h.status(), silent <= goneAfterMs, silent));
        }
        return new FleetView(self, out, new ArrayList<>(trades));
    }
}
