package updown.engine.live;

import java.math.BigInteger;

/**
 * What a submitted call came to: its transaction id and the gas it cost in wei of POL (gas used × effective gas
 * price, from the receipt). A reporting submitter (dry run, manual) answers {@link #NOT_SENT}.
 */
public record ChainReceipt(String txHash, BigInteger gasPaidWei) {
    public static final ChainReceipt NOT_SENT = new ChainReceipt("none", BigInteger.ZERO);

    /** The gas paid in POL with 18 decimals, trailing zeros dropped (for the ledger note; POL is not money here). */
    public String gasPaidPol() {
        return new java.math.BigDecimal(gasPaidWei, 18).stripTrailingZeros().toPlainString();
    }
}
