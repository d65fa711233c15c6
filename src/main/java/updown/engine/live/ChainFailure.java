package updown.engine.live;

/**
 * Why a redeem or merge did not go through, in one line. {@code retry}: worth trying again on the next check (the
 * node was unreachable, rate-limited, fees above the cap, the transaction not yet mined); false when trying again
 * would only burn gas the same way (the transaction reverted on chain).
 */
public class ChainFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retry;

    public ChainFailure(String message, boolean retry) {
        super(message, null, false, false);
        this.retry = retry;
    }

    public boolean retry() {
        return retry;
    }
}
