package updown.repository;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.function.Supplier;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.Direction;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.Usd;

/**
 * What every {@link Repository} accepts, checked in one place before anything is written, so that SQLite and the
 * in-memory fake refuse exactly the same inputs (with {@link IllegalArgumentException}) and a refused call writes
 * nothing. The SQLite schema repeats the money rules as constraints, as a second line of defence.
 */
final class RepositoryRules {
    /** The paper capital is deposited once; both implementations refuse a second one with this message. */
    static final String SECOND_DEPOSIT = "the initial deposit is already in the ledger";
    private RepositoryRules() {
    }

    /** A new open trade and its debit: the debit is exactly {@code −(amount + fee)} (SPEC §5). */
    static void checkNewTrade(Trade trade, LedgerEntry debit) {
        Objects.requireNonNull(trade, "trade");
        Objects.requireNonNull(debit, "debit");
        require(trade.id() == 0, "a new trade has no id yet, got " + trade.id());
        require(trade.side() != Direction.SKIP, "a SKIP is never a trade");
        require(trade.status() == TradeStatus.OPEN, "a new trade is OPEN, got " + trade.status());
        require(trade.outcome() == null && trade.payout() == null && trade.pnl() == null
                && trade.settledAt() == null, "a new trade has no outcome, payout, pnl or settlement time");
        checkTimes(trade);
        require(debit.kind() == LedgerKind.TRADE_DEBIT, "a trade opens with a TRADE_DEBIT, got " + debit.kind());
        require(debit.seq() == 0, "a new ledger entry has no sequence number yet, got " + debit.seq());
        require(debit.tradeId() == 0, "the debit is linked to the new trade's id, not to " + debit.tradeId());
        Usd expected = trade.totalCost().negate();
        require(debit.amount().equals(expected),
                "the debit must be −(amount + fee) = " + expected + ", got " + debit.amount());
        EpochNanos.of(debit.at());
    }

    /** A settled trade and its credit: the credit is exactly the payout and {@code pnl = payout − amount − fee}. */
    static void checkSettlement(Trade settled, LedgerEntry credit) {
        Objects.requireNonNull(settled, "settled");
        Objects.requireNonNull(credit, "credit");
        require(settled.status() == TradeStatus.SETTLED, "a settled trade is SETTLED, got " + settled.status());
        require(settled.outcome() != null && settled.outcome().isKnown(),
                "a trade settles only on a known winner (UP or DOWN), got " + settled.outcome());
        require(settled.payout() != null && settled.pnl() != null && settled.settledAt() != null,
                "a settled trade has a payout, a pnl and a settlement time");
        require(!settled.payout().isNegative(), "a payout is never negative, got " + settled.payout());
        Usd expectedPnl = settled.payout().minus(settled.totalCost());
        require(settled.pnl().equals(expectedPnl),
                "pnl must be payout − amount − fee = " + expectedPnl + ", got " + settled.pnl());
        checkTimes(settled);
        require(credit.kind() == LedgerKind.SETTLEMENT_CREDIT,
                "a trade settles with a SETTLEMENT_CREDIT, got " + credit.kind());
        require(credit.seq() == 0, "a new ledger entry has no sequence number yet, got " + credit.seq());
        require(credit.tradeId() == 0 || credit.tradeId() == settled.id(),
                "the credit belongs to trade " + settled.id() + ", not to " + credit.tradeId());
        require(credit.amount().equals(settled.payout()),
                "the credit must be the payout " + settled.payout() + ", got " + credit.amount());
        EpochNanos.of(credit.at());
    }

    /** A reversed trade and its credit: the credit gives back exactly {@code amount + fee}; P&amp;L 0, no outcome. */
    static void checkReversal(Trade reversed, LedgerEntry credit) {
        Objects.requireNonNull(reversed, "reversed");
        Objects.requireNonNull(credit, "credit");
        require(reversed.status() == TradeStatus.REVERSED, "a reversed trade is REVERSED, got " + reversed.status());
        require(reversed.outcome() == null && reversed.payout() == null && Usd.ZERO.equals(reversed.pnl())
                && reversed.settledAt() != null, "a reversed trade has no outcome or payout, pnl 0 and a time");
        checkTimes(reversed);
        require(credit.kind() == LedgerKind.TRADE_REVERSAL,
                "a trade is reversed with a TRADE_REVERSAL, got " + credit.kind());
        require(credit.seq() == 0, "a new ledger entry has no sequence number yet, got " + credit.seq());
        require(credit.tradeId() == 0 || credit.tradeId() == reversed.id(),
                "the credit belongs to trade " + reversed.id() + ", not to " + credit.tradeId());
        require(credit.amount().equals(reversed.totalCost()),
                "the reversal must give back amount + fee = " + reversed.totalCost() + ", got " + credit.amount());
        EpochNanos.of(credit.at());
    }

    /**
     * A deposit or top-up (stands alone, never takes money out), or an on-chain REDEEM/MERGE record (stands alone,
     * moves no money: its amount is zero).
     */
    static void checkStandaloneEntry(LedgerEntry entry) {
        Objects.requireNonNull(entry, "entry");
        require(entry.kind() == LedgerKind.INITIAL_DEPOSIT || entry.kind() == LedgerKind.TOPUP
                        || entry.kind().chainMove(),
                "only INITIAL_DEPOSIT, TOPUP, REDEEM and MERGE stand alone; " + entry.kind() + " comes with its trade");
        require(!entry.kind().chainMove() || entry.amount().isZero(),
                "a " + entry.kind() + " changes no balance (amount 0), got " + entry.amount());
        require(entry.seq() == 0, "a new ledger entry has no sequence number yet, got " + entry.seq());
        require(entry.tradeId() == 0, "a " + entry.kind() + " belongs to no trade, got trade " + entry.tradeId());
        require(!entry.amount().isNegative(), "a " + entry.kind() + " is never negative, got " + entry.amount());
        EpochNanos.of(entry.at());
    }

    static void checkControlState(ControlState state) {
        Objects.requireNonNull(state, "state");
        EpochNanos.ofNullable(state.since());
    }

    static void checkDailySnapshot(DailySnapshot s) {
        Objects.requireNonNull(s, "snapshot");
        Objects.requireNonNull(s.day(), "day");
        Objects.requireNonNull(s.balance(), "balance");
        Objects.requireNonNull(s.equity(), "equity");
        Objects.requireNonNull(s.pnl(), "pnl");
        Objects.requireNonNull(s.fees(), "fees");
        require(s.day().getYear() >= 0 && s.day().getYear() <= 9999, "day outside years 0..9999: " + s.day());
        EpochNanos.ofNullable(s.at());
    }

    static void checkPage(int limit, int offset) {
        require(limit >= 0, "limit must be >= 0, got " + limit);
        require(offset >= 0, "offset must be >= 0, got " + offset);
    }

    /**
     * Runs an operation whose argument checks may throw, so that a refused call is a failed future, never an
     * exception thrown at the caller.
     */
    static <T> Future<T> attempt(Supplier<Future<T>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static void checkTimes(Trade t) {
        EpochNanos.of(t.openedAt());
        EpochNanos.ofNullable(t.windowEnd());
        EpochNanos.ofNullable(t.settledAt());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
