package updown.fleet;

import java.util.List;

/**
 * One node as the fleet sees it, published by the node on the fleet bus every heartbeat and after each change. Plain
 * fields only (money in integer micro-dollars, times in epoch milliseconds), so it reads the same in every JVM.
 *
 * @param node           the node's name (CLUSTER_NODE_NAME, or host:port)
 * @param markets        what this node trades (its MARKETS)
 * @param mode           PAPER or LIVE
 * @param balanceMicros  cash in the node's own ledger
 * @param equityMicros   cash plus open positions at cost
 * @param tradingState   RUNNING, STOPPED or BREAKER
 * @param reason         why it is not RUNNING (empty when it is)
 * @param openPositions  positions waiting for their window to resolve
 * @param settled        wins plus losses so far
 * @param lastTickMs     the bot's time of its last trader tick, 0 before the first
 * @param sentAtMs       wall time the node sent this status
 */
public record NodeStatus(String node, List<String> markets, String mode, long balanceMicros, long equityMicros,
                         String tradingState, String reason, int openPositions, int settled, long lastTickMs,
                         long sentAtMs) {
    public NodeStatus {
        java.util.Objects.requireNonNull(node, "node");
        java.util.Objects.requireNonNull(mode, "mode");
        java.util.Objects.requireNonNull(tradingState, "tradingState");
        markets = markets == null ? List.of() : List.copyOf(markets);
        reason = reason == null ? "" : reason;
    }
}
