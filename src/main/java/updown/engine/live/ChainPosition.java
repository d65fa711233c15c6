package updown.engine.live;

import updown.domain.Usd;

/**
 * One row of the Data API's {@code GET /positions?user=} answer, reduced to what redeeming and merging need.
 *
 * @param asset        the outcome token id
 * @param conditionId  the market's CTF condition (bytes32, 0x + 64 hex)
 * @param sizeMicros   tokens held, 6-decimal units (the same units as pUSD and {@code domain.Shares})
 * @param curPrice     the token's current price in micro-units (1 000 000 = a resolved winner, 0 = a loser)
 * @param outcomeIndex 0 or 1 (index set 1 or 2)
 * @param redeemable   the market is resolved and the position can be redeemed
 * @param mergeable    the wallet holds the opposite outcome of the same condition too
 * @param negativeRisk a neg-risk market (redeemed through the Neg Risk Adapter, not handled here)
 */
public record ChainPosition(String asset, String conditionId, long sizeMicros, long curPrice, int outcomeIndex,
                            boolean redeemable, boolean mergeable, boolean negativeRisk) {

    /** What redeeming this position returns: size × current price (a winner's price is 1). */
    public Usd redeemValue() {
        return Usd.ofMicros(java.math.BigInteger.valueOf(sizeMicros).multiply(java.math.BigInteger.valueOf(curPrice))
                .divide(java.math.BigInteger.valueOf(1_000_000L)).longValueExact());
    }
}
