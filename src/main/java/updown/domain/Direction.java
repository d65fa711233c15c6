package updown.domain;

/** What a signal asks for, and what a trade holds. */
public enum Direction {
    BUY_UP, BUY_DOWN, ARB, SKIP;

    /** The token a directional trade buys; ARB buys both and SKIP buys nothing. */
    public Outcome outcome() {
        return switch (this) {
            case BUY_UP -> Outcome.UP;
            case BUY_DOWN -> Outcome.DOWN;
            default -> throw new IllegalStateException(this + " is not a single-token direction");
        };
    }

    public boolean isTrade() {
        return this != SKIP;
    }
}
