package updown.domain;

import java.util.Objects;

/**
 * What an engine executed. For a directional trade only the main leg is set; for ARB the main leg is Up and the
 * alt leg Down. {@code amount} is the cash paid for shares (both legs), {@code fee} the taker fees on top.
 *
 * @param altPrice   Down fill price of an arbitrage, null for a directional trade (0.0 is a real price, never
 *                   "missing")
 * @param externalId the venue's order/trade id for live fills, null on paper
 */
public record Fill(Direction side, String tokenId, Price price, Shares shares, String altTokenId, Price altPrice,
                   Shares altShares, Usd amount, Usd fee, String externalId) {

    public Fill {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(fee, "fee");
        if (side == Direction.SKIP) {
            throw new IllegalArgumentException("a fill cannot be SKIP");
        }
    }

    /** Cash that leaves the balance on entry: amount + fee. */
    public Usd totalCost() {
        return amount.plus(fee);
    }
}
