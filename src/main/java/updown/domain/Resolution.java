package updown.domain;

/** How a market resolved. UNKNOWN is its own state: not yet determinable, never a loss. */
public enum Resolution {
    UP, DOWN, UNKNOWN;

    public boolean isKnown() {
        return this != UNKNOWN;
    }

    public static Resolution of(Outcome outcome) {
        return outcome == Outcome.UP ? UP : DOWN;
    }
}
