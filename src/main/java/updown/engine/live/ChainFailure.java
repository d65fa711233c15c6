package updown.engine.live;

/**
 * Why a redeem or merge did not go through, in one line. {@code retry}: worth trying again on the next check (the
 * node was unreachable, rate-limited, fees above the cap, the transaction not yet mined); false when trying again
 * would only burn gas the same way (the transaction reverted on chain).
 */
public class ChainFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retry;

    /** Whether the next check may try the call again. */
    enum Retry { NEXT_CHECK, NEVER }

    ChainFailure(String message, Retry retry) {
        super(message, null, false, false);
        this.retry = retry == Retry.NEXT_CHECK;
    }

    /** A failure worth trying again on the next check. */
    public static ChainFailure retryable(String message) {
        return new ChainFailure(message, Retry.NEXT_CHECK);
    }

    /** A failure that trying again would only repeat (a reverted transaction). */
    public static ChainFailure permanent(String message) {
        return new ChainFailure(message, Retry.NEVER);
    }

    public boolean retry() {
        return retry;
    }
}
