package updown.fleet;

/**
 * A trade one node opened or settled, as the fleet view lists it (plain fields: money in micro-dollars, times in
 * epoch milliseconds).
 *
 * @param event      OPENED or SETTLED
 * @param pnlMicros  the settled trade's P&amp;L, 0 while open
 */
public record FleetTrade(String node, String event, long tradeId, String slug, String side, long priceMicros,
                         long amountMicros, long pnlMicros, String status, long atMs) {
    public FleetTrade {
        java.util.Objects.requireNonNull(node, "node");
        java.util.Objects.requireNonNull(event, "event");
        java.util.Objects.requireNonNull(slug, "slug");
        java.util.Objects.requireNonNull(side, "side");
        java.util.Objects.requireNonNull(status, "status");
    }
}
