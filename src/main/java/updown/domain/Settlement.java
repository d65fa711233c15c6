package updown.domain;

/** The settlement arithmetic of SPEC §5, in one place. */
public final class Settlement {
    private Settlement() {
    }

    /**
     * What a trade pays once its market resolved: winning shares × $1, losers 0. ARB holds both tokens, so exactly
     * one leg pays. An UNKNOWN resolution pays nothing and must not be settled at all.
     */
    public static Usd payout(Trade trade, Resolution winner) {
        if (!winner.isKnown()) {
            throw new IllegalArgumentException("an unknown resolution is not settled");
        }
        return switch (trade.side()) {
            case BUY_UP -> winner == Resolution.UP ? trade.shares().payoutIfWon() : Usd.ZERO;
            case BUY_DOWN -> winner == Resolution.DOWN ? trade.shares().payoutIfWon() : Usd.ZERO;
            case ARB -> winner == Resolution.UP
                    ? trade.shares().payoutIfWon()
                    : (trade.altShares() == null ? Usd.ZERO : trade.altShares().payoutIfWon());
            case SKIP -> throw new IllegalStateException("a SKIP is never a trade");
        };
    }
}
