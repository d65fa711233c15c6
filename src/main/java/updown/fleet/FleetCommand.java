package updown.fleet;

/** Stop or resume trading on every node; each node's portfolio records {@code by} and {@code reason}. */
public record FleetCommand(Action action, String by, String reason) {
    public enum Action { STOP, RESUME }

    public FleetCommand {
        java.util.Objects.requireNonNull(action, "action");
        by = by == null ? "" : by;
        reason = reason == null ? "" : reason;
    }
}
