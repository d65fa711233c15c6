package updown.fleet;

import java.util.List;

/**
 * The fleet as one node sees it: every node it has heard from (itself included), alive or gone, and the latest
 * trades of all of them, newest first. A local reply on the bot's bus, never sent between nodes.
 *
 * @param self   this node's name
 * @param nodes  by name
 */
public record FleetView(String self, List<Node> nodes, List<FleetTrade> trades) {
    public FleetView {
        nodes = List.copyOf(nodes);
        trades = List.copyOf(trades);
    }

    /** A node's last status and whether it is still heard: gone after {@code silentMs} without a status. */
    public record Node(NodeStatus status, boolean alive, long silentMs) {
    }

    public long alive() {
        return nodes.stream().filter(Node::alive).count();
    }
}
