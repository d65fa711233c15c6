package updown.domain;

import java.time.Instant;
import java.util.Objects;

/** The trading switch as persisted, so a stop or a tripped breaker survives a restart until resumed. */
public record ControlState(TradingState state, String reason, Instant since) {
    public ControlState {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    public static ControlState running(Instant since) {
        return new ControlState(TradingState.RUNNING, "", since);
    }

    public boolean allowsTrading() {
        return state == TradingState.RUNNING;
    }
}
