package updown.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import updown.domain.Direction;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.Settlement;
import updown.domain.Shares;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.Usd;

/** Trades and ledger entries as the portfolio would hand them to a repository. */
public final class TestTrades {
    /** A time with nanoseconds, so a lossy time column would show. */
    public static final Instant T0 = Instant.parse("2026-05-12T10:01:02.123456789Z");
    public static final Instant WINDOW_END = Instant.parse("2026-05-12T10:05:00Z");
    /** A real-length CLOB token id (a 77-digit decimal string). */
    public static final String UP_TOKEN =
            "71321045679252212594626385532706912750332728571942532289631379312455583992563";

    private TestTrades() {
    }

    /** A BUY_UP of $10 at 0.515 with a Polymarket-style fee, two agreeing strategies. */
    public static Trade directional(String marketId, Instant openedAt) {
        Price price = Price.of("0.515");
        Usd amount = Usd.of("10");
        return new Trade(0, marketId, "btc-updown-5m-1778580000", Direction.BUY_UP, UP_TOKEN, price, null, null,
                amount.sharesAt(price), null, amount, Usd.of("0.121359"), TradeStatus.OPEN, null, null, null,
                List.of("directional", "orderbook_imbalance"), Ratio.of("0.734512"), WINDOW_END, openedAt, null,
                "paper-" + openedAt.toEpochMilli());
    }

    public static Trade directional() {
        return directional("0xmarket-1", T0);
    }

    /** An ARB of $20: $10 on each side at 0.48 (Up) and 0.49 (Down), the Down price carried with the trade. */
    public static Trade arbitrage(String marketId, Instant openedAt) {
        Usd half = Usd.of("10");
        Price up = Price.of("0.48");
        Price down = Price.of("0.49");
        return new Trade(0, marketId, "btc-updown-5m-1778580300", Direction.ARB, "tok-up", up, "tok-down", down,
                half.sharesAt(up), half.sharesAt(down), Usd.of("20"), Usd.of("0.20"), TradeStatus.OPEN, null, null,
                null, List.of("arbitrage"), Ratio.ONE, WINDOW_END.plus(Duration.ofMinutes(5)), openedAt, null, null);
    }

    public static Trade arbitrage() {
        return arbitrage("0xmarket-arb", T0);
    }

    /** The same trade with another alt price and alt shares (null = absent). */
    public static Trade withAltLeg(Trade t, Price altPrice, Shares altShares) {
        return new Trade(t.id(), t.marketId(), t.slug(), t.side(), t.tokenId(), t.price(), t.altTokenId(), altPrice,
                t.shares(), altShares, t.amount(), t.fee(), t.status(), t.outcome(), t.payout(), t.pnl(),
                t.sources(), t.confidence(), t.windowEnd(), t.openedAt(), t.settledAt(), t.externalId());
    }

    public static Trade withSources(Trade t, List<String> sources, Ratio confidence) {
        return new Trade(t.id(), t.marketId(), t.slug(), t.side(), t.tokenId(), t.price(), t.altTokenId(),
                t.altPrice(), t.shares(), t.altShares(), t.amount(), t.fee(), t.status(), t.outcome(), t.payout(),
                t.pnl(), sources, confidence, t.windowEnd(), t.openedAt(), t.settledAt(), t.externalId());
    }

    public static Trade withMoney(Trade t, Usd amount, Usd fee, Shares shares) {
        return new Trade(t.id(), t.marketId(), t.slug(), t.side(), t.tokenId(), t.price(), t.altTokenId(),
                t.altPrice(), shares, t.altShares(), amount, fee, t.status(), t.outcome(), t.payout(), t.pnl(),
                t.sources(), t.confidence(), t.windowEnd(), t.openedAt(), t.settledAt(), t.externalId());
    }

    public static Trade withTimes(Trade t, Instant openedAt, Instant windowEnd) {
        return new Trade(t.id(), t.marketId(), t.slug(), t.side(), t.tokenId(), t.price(), t.altTokenId(),
                t.altPrice(), t.shares(), t.altShares(), t.amount(), t.fee(), t.status(), t.outcome(), t.payout(),
                t.pnl(), t.sources(), t.confidence(), windowEnd, openedAt, t.settledAt(), t.externalId());
    }

    /** The debit the portfolio writes on entry: −(amount + fee). */
    public static LedgerEntry debitFor(Trade t) {
        return LedgerEntry.of(LedgerKind.TRADE_DEBIT, t.totalCost().negate(), 0, t.openedAt(), "open " + t.slug());
    }

    /** The trade settled on a winner, with the payout of SPEC §5. */
    public static Trade settle(Trade stored, Resolution winner, Instant at) {
        return stored.settled(winner, Settlement.payout(stored, winner), at);
    }

    /** The credit the portfolio writes on settlement: the payout. */
    public static LedgerEntry creditFor(Trade settled) {
        return LedgerEntry.of(LedgerKind.SETTLEMENT_CREDIT, settled.payout(), 0, settled.settledAt(),
                "settle " + settled.slug() + " " + settled.outcome());
    }

    public static LedgerEntry deposit(String dollars) {
        return LedgerEntry.of(LedgerKind.INITIAL_DEPOSIT, Usd.of(dollars), 0, T0.minusSeconds(60), "initial balance");
    }

    public static LedgerEntry topUp(String dollars, Instant at) {
        return LedgerEntry.of(LedgerKind.TOPUP, Usd.of(dollars), 0, at, "/topup " + dollars);
    }
}
