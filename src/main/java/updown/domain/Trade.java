package updown.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One position the bot took, as the ledger stores it.
 *
 * <p>Money rules (SPEC §5): on entry the balance is debited {@code amount + fee}; on settlement it is credited
 * {@code payout} = winning shares × $1, and {@code pnl = payout − amount − fee}.
 *
 * @param id         ledger id (0 before the repository assigned one)
 * @param side       BUY_UP, BUY_DOWN or ARB
 * @param price      fill price of the main leg (the Up leg for ARB)
 * @param altPrice   fill price of the Down leg for ARB; null when absent (0.0 is a price)
 * @param shares     shares of the main leg
 * @param altShares  shares of the Down leg for ARB, null otherwise
 * @param outcome    null while open; UP or DOWN once settled
 * @param payout     null while open
 * @param pnl        null while open
 */
public record Trade(
        long id,
        String marketId,
        String slug,
        Direction side,
        String tokenId,
        Price price,
        String altTokenId,
        Price altPrice,
        Shares shares,
        Shares altShares,
        Usd amount,
        Usd fee,
        TradeStatus status,
        Resolution outcome,
        Usd payout,
        Usd pnl,
        List<String> sources,
        Ratio confidence,
        Instant windowEnd,
        Instant openedAt,
        Instant settledAt,
        String externalId) {

    public Trade {
        Objects.requireNonNull(marketId, "marketId");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        sources = sources == null ? List.of() : List.copyOf(sources);
        confidence = confidence == null ? Ratio.ZERO : confidence;
    }

    /** A new open trade from an engine fill. */
    public static Trade open(Market market, Fill fill, Signal signal, Instant openedAt) {
        return new Trade(0, market.id(), market.slug(), fill.side(), fill.tokenId(), fill.price(), fill.altTokenId(),
                fill.altPrice(), fill.shares(), fill.altShares(), fill.amount(), fill.fee(), TradeStatus.OPEN, null,
                null, null, signal.sources(), signal.confidence(), market.windowEnd(), openedAt, null,
                fill.externalId());
    }

    /** The market series of this trade ({@code eth-15m}), read from its slug; null for a slug of another shape. */
    public MarketKey marketKey() {
        return MarketKey.fromSlug(slug).orElse(null);
    }

    public boolean isOpen() {
        return status == TradeStatus.OPEN;
    }

    public boolean isArbitrage() {
        return side == Direction.ARB;
    }

    public Usd totalCost() {
        return amount.plus(fee);
    }

    public Trade withId(long newId) {
        return new Trade(newId, marketId, slug, side, tokenId, price, altTokenId, altPrice, shares, altShares, amount,
                fee, status, outcome, payout, pnl, sources, confidence, windowEnd, openedAt, settledAt, externalId);
    }

    public Trade settled(Resolution winner, Usd newPayout, Instant at) {
        Usd newPnl = newPayout.minus(amount).minus(fee);
        return new Trade(id, marketId, slug, side, tokenId, price, altTokenId, altPrice, shares, altShares, amount,
                fee, TradeStatus.SETTLED, winner, newPayout, newPnl, sources, confidence, windowEnd, openedAt, at,
                externalId);
    }

    /**
     * The trade undone: the venue reported its fill FAILED on chain, so nothing was bought. Its cost comes back
     * (credited by a TRADE_REVERSAL entry), P&amp;L 0, no outcome or payout; {@code settledAt} is when it was undone.
     */
    public Trade reversed(Instant at) {
        return new Trade(id, marketId, slug, side, tokenId, price, altTokenId, altPrice, shares, altShares, amount,
                fee, TradeStatus.REVERSED, null, null, Usd.ZERO, sources, confidence, windowEnd, openedAt, at,
                externalId);
    }

    /** Won = settled with a positive P&amp;L. */
    public boolean isWin() {
        return status == TradeStatus.SETTLED && pnl != null && pnl.isPositive();
    }
}
