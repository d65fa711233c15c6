package updown.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.Kst;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.MarketEvent.MarketResolved;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.Settlement;
import updown.domain.Trade;
import updown.domain.TradingState;
import updown.domain.Usd;

/**
 * The portfolio's state as a pure, single-threaded state machine: the verticle persists each change first and then
 * applies it here. Rebuilt on boot by replaying the ledger and the trades (never from a snapshot), so state after a
 * crash equals state before it.
 *
 * <p>Risk baseline: when trading (re)starts (first boot, or a resume) the peak and the day's loss are measured from
 * that moment, so a resumed bot is not tripped again at once by the loss it was resumed after.
 */
public final class PortfolioBook {
    private Usd balance = Usd.ZERO;
    private Usd topups = Usd.ZERO;
    private Usd realizedPnl = Usd.ZERO;
    private Usd totalFees = Usd.ZERO;
    private Usd peak = Usd.ZERO;
    private int wins;
    private int losses;
    private final Map<Long, Trade> open = new LinkedHashMap<>();
    private final Map<String, Long> openByMarket = new HashMap<>();
    /** "REDEEM &lt;condition&gt;" / "MERGE &lt;condition&gt;" of every chain move booked (the note starts with it). */
    private final java.util.Set<String> chainMoves = new java.util.HashSet<>();
    private final TreeMap<LocalDate, DayTotals> days = new TreeMap<>();
    /** Realised P&L per KST day counted since the risk baseline (what the daily-loss limit looks at). */
    private final Map<LocalDate, Usd> pnlSinceBaseline = new HashMap<>();
    private ControlState control = new ControlState(TradingState.RUNNING, "", Instant.EPOCH);
    private LocalDate lastClosedDay;
    private boolean initialized;

    /** Mutable per-day totals; never leaves this class (see {@link #dayTotals(LocalDate)}). */
    private static final class DayTotals {
        int opened;
        int wins;
        int losses;
        Usd pnl = Usd.ZERO;
        Usd fees = Usd.ZERO;
    }

    /** A settlement ready to persist: the settled trade and its credit entry. */
    public record PendingSettlement(Trade settled, LedgerEntry credit) {
    }

    // ------------------------------------------------------------------------------------------------ rebuild

    /**
     * Replays what the repository holds. Trades and ledger entries are applied in time order, interleaved, so the
     * peak is the real historical peak of equity.
     */
    public static PortfolioBook rebuild(List<Trade> trades, List<LedgerEntry> ledger, ControlState control,
                                        LocalDate lastClosedDay) {
        PortfolioBook book = new PortfolioBook();
        Map<Long, Trade> byId = new HashMap<>();
        for (Trade t : trades) {
            byId.put(t.id(), t);
        }
        book.lastClosedDay = lastClosedDay;
        Instant firstEntry = ledger.isEmpty() ? Instant.EPOCH : ledger.get(0).at();
        book.control = control != null ? control : ControlState.running(firstEntry);
        for (LedgerEntry e : ledger) {
            switch (e.kind()) {
                case INITIAL_DEPOSIT, TOPUP -> book.applyDeposit(e);
                case TRADE_DEBIT -> {
                    Trade t = byId.get(e.tradeId());
                    if (t == null) {
                        throw new IllegalStateException("ledger entry " + e.seq() + " debits unknown trade "
                                + e.tradeId());
                    }
                    Trade asOpened = t.isOpen() ? t : reopen(t);
                    book.applyOpened(asOpened, e);
                }
                case SETTLEMENT_CREDIT -> {
                    Trade t = byId.get(e.tradeId());
                    if (t == null || t.isOpen()) {
                        throw new IllegalStateException("ledger entry " + e.seq() + " credits a trade that is not"
                                + " settled: " + e.tradeId());
                    }
                    book.applySettled(t, e);
                }
                case TRADE_REVERSAL -> {
                    Trade t = byId.get(e.tradeId());
                    if (t == null || t.status() != updown.domain.TradeStatus.REVERSED) {
                        throw new IllegalStateException("ledger entry " + e.seq() + " reverses a trade that is not"
                                + " reversed: " + e.tradeId());
                    }
                    book.applyReversed(t, e);
                }
                case REDEEM, MERGE -> book.applyChainMove(e);
            }
        }
        book.initialized = !ledger.isEmpty();
        return book;
    }

    private static Trade reopen(Trade settled) {
        return new Trade(settled.id(), settled.marketId(), settled.slug(), settled.side(), settled.tokenId(),
                settled.price(), settled.altTokenId(), settled.altPrice(), settled.shares(), settled.altShares(),
                settled.amount(), settled.fee(), updown.domain.TradeStatus.OPEN, null, null, null, settled.sources(),
                settled.confidence(), settled.windowEnd(), settled.openedAt(), null, settled.externalId());
    }

    /** False until the initial deposit has been written. */
    public boolean initialized() {
        return initialized;
    }

    // ---------------------------------------------------------------------------------------------- commands

    /** The initial deposit of an empty ledger. */
    public LedgerEntry initialDeposit(Usd amount, Instant at) {
        return LedgerEntry.of(LedgerKind.INITIAL_DEPOSIT, amount, 0, at, "initial balance");
    }

    public LedgerEntry topUp(Usd amount, String by, Instant at) {
        return LedgerEntry.of(LedgerKind.TOPUP, amount, 0, at, "top-up by " + by);
    }

    /**
     * Checks a fill before it is stored. {@code strict} (paper) refuses a fill the balance cannot pay or a second
     * position in one market; live fills already happened at the venue and are always recorded.
     */
    public Optional<ResultCode> refuseOpen(Trade trade, boolean strict) {
        if (!strict) {
            return Optional.empty();
        }
        if (openByMarket.containsKey(trade.marketId())) {
            return Optional.of(ResultCode.POSITION_ALREADY_OPEN);
        }
        if (trade.totalCost().greaterThan(balance)) {
            return Optional.of(ResultCode.INSUFFICIENT_BALANCE);
        }
        return Optional.empty();
    }

    public LedgerEntry debitFor(Trade trade) {
        return LedgerEntry.of(LedgerKind.TRADE_DEBIT, trade.totalCost().negate(), trade.id(), trade.openedAt(),
                trade.side() + " " + trade.slug());
    }

    /**
     * The settlements a resolution causes: every open trade of that market, each exactly once. An UNKNOWN resolution
     * settles nothing (the trade stays open and is checked again).
     */
    public List<PendingSettlement> settlementsFor(MarketResolved resolution) {
        List<PendingSettlement> out = new ArrayList<>();
        if (!resolution.winner().isKnown()) {
            return out;
        }
        for (Trade t : open.values()) {
            if (t.marketId().equals(resolution.marketId()) || t.slug().equals(resolution.slug())) {
                Usd payout = Settlement.payout(t, resolution.winner());
                Trade settled = t.settled(resolution.winner(), payout, resolution.at());
                LedgerEntry credit = LedgerEntry.of(LedgerKind.SETTLEMENT_CREDIT, payout, t.id(), resolution.at(),
                        "settled " + resolution.winner() + " " + t.slug());
                out.add(new PendingSettlement(settled, credit));
            }
        }
        return out;
    }

    /**
     * The reversal of the open trade whose venue order id is {@code orderId} (a fill's {@code externalId} lists its
     * order ids, comma-separated for ARB): the trade undone and its cost credited back. Empty when no open trade
     * carries that order (never booked, already settled or already reversed).
     */
    public Optional<PendingSettlement> reversalFor(String orderId, String reason, Instant at) {
        for (Trade t : open.values()) {
            if (t.externalId() != null && List.of(t.externalId().split(",")).contains(orderId)) {
                Trade reversed = t.reversed(at);
                LedgerEntry credit = LedgerEntry.of(LedgerKind.TRADE_REVERSAL, t.totalCost(), t.id(), at,
                        "reversed " + t.slug() + ": " + reason);
                return Optional.of(new PendingSettlement(reversed, credit));
            }
        }
        return Optional.empty();
    }

    /**
     * The record of a redeem or merge done on chain. Zero amount: the tokens it turned into pUSD are the ones a
     * trade's SETTLEMENT_CREDIT pays (a redeem: the winning side; a merge of an ARB pair: the pair, whose winning
     * leg the settlement pays at resolution), so booking their value again would count it twice. The note keeps
     * what happened: condition, transaction, pUSD value, gas paid in POL.
     */
    public LedgerEntry chainMoveFor(LedgerKind kind, String conditionId, Usd value, String txHash, String gasPol,
                                    Instant at) {
        if (!kind.chainMove()) {
            throw new IllegalArgumentException("not a chain move: " + kind);
        }
        return LedgerEntry.of(kind, Usd.ZERO, 0, at, conditionId + " tx " + txHash + ": " + value + " pUSD, gas "
                + gasPol + " POL");
    }

    /** Whether a redeem or merge of this condition is booked already. */
    public boolean hasChainMove(LedgerKind kind, String conditionId) {
        return chainMoves.contains(kind + " " + conditionId);
    }

    /** Every booked chain move's key, "REDEEM &lt;condition&gt;" or "MERGE &lt;condition&gt;". */
    public java.util.Set<String> chainMoves() {
        return java.util.Set.copyOf(chainMoves);
    }

    // -------------------------------------------------------------------------------------- apply (after store)

    /** A redeem or merge record: no balance change, remembered so the condition is never sent again. */
    public void applyChainMove(LedgerEntry entry) {
        String note = entry.note();
        int space = note.indexOf(' ');
        chainMoves.add(entry.kind() + " " + (space < 0 ? note : note.substring(0, space)));
    }

    public void applyDeposit(LedgerEntry entry) {
        balance = balance.plus(entry.amount());
        if (entry.kind() == LedgerKind.TOPUP) {
            topups = topups.plus(entry.amount());
        }
        initialized = true;
        updatePeak(entry.at());
    }

    public void applyOpened(Trade trade, LedgerEntry debit) {
        balance = balance.plus(debit.amount());
        open.put(trade.id(), trade);
        openByMarket.put(trade.marketId(), trade.id());
        DayTotals d = day(Kst.dayOf(trade.openedAt()));
        d.opened++;
        d.fees = d.fees.plus(trade.fee());
        totalFees = totalFees.plus(trade.fee());
        updatePeak(debit.at());
    }

    public void applySettled(Trade settled, LedgerEntry credit) {
        if (open.remove(settled.id()) == null) {
            return;
        }
        openByMarket.remove(settled.marketId());
        balance = balance.plus(credit.amount());
        realizedPnl = realizedPnl.plus(settled.pnl());
        LocalDate day = Kst.dayOf(settled.settledAt());
        DayTotals d = day(day);
        d.pnl = d.pnl.plus(settled.pnl());
        if (settled.isWin()) {
            wins++;
            d.wins++;
        } else {
            losses++;
            d.losses++;
        }
        if (!settled.settledAt().isBefore(control.since())) {
            pnlSinceBaseline.merge(day, settled.pnl(), Usd::plus);
        }
        updatePeak(credit.at());
    }

    /** A trade undone: its cost comes back, it is no longer open, and it counts as neither a win nor a loss. */
    public void applyReversed(Trade reversed, LedgerEntry credit) {
        if (open.remove(reversed.id()) == null) {
            return;
        }
        openByMarket.remove(reversed.marketId());
        balance = balance.plus(credit.amount());
        DayTotals d = day(Kst.dayOf(reversed.openedAt()));
        d.fees = d.fees.minus(reversed.fee());
        totalFees = totalFees.minus(reversed.fee());
        updatePeak(credit.at());
    }

    /**
     * A new trading switch. Starting to trade again moves the risk baseline: the peak restarts from the current
     * equity and the day's loss is counted from now.
     */
    public void applyControl(ControlState next) {
        boolean restarting = next.state() == TradingState.RUNNING && control.state() != TradingState.RUNNING;
        control = next;
        if (restarting) {
            peak = equity();
            pnlSinceBaseline.clear();
        }
    }

    public void applyDayClosed(LocalDate day) {
        if (lastClosedDay == null || day.isAfter(lastClosedDay)) {
            lastClosedDay = day;
        }
    }

    private void updatePeak(Instant at) {
        if (at.isBefore(control.since()) && control.state() == TradingState.RUNNING) {
            // before the current baseline: history, not the peak the breaker measures from
            peak = equity();
            return;
        }
        Usd eq = equity();
        if (eq.greaterThan(peak)) {
            peak = eq;
        }
    }

    private DayTotals day(LocalDate d) {
        return days.computeIfAbsent(d, k -> new DayTotals());
    }

    // ------------------------------------------------------------------------------------------------ reads

    public Usd balance() {
        return balance;
    }

    public Usd equity() {
        return balance.plus(openExposure());
    }

    private Usd openExposure() {
        Usd sum = Usd.ZERO;
        for (Trade t : open.values()) {
            sum = sum.plus(t.totalCost());
        }
        return sum;
    }

    public Collection<Trade> openTrades() {
        List<Trade> list = new ArrayList<>(open.values());
        list.sort(Comparator.comparingLong(Trade::id));
        return list;
    }

    public boolean hasOpenPosition(String marketId) {
        return openByMarket.containsKey(marketId);
    }

    public ControlState control() {
        return control;
    }

    public LocalDate lastClosedDay() {
        return lastClosedDay;
    }

    public PortfolioSnapshot snapshot(Instant now) {
        LocalDate today = Kst.dayOf(now);
        DayTotals d = days.getOrDefault(today, new DayTotals());
        Usd sinceBaseline = pnlSinceBaseline.getOrDefault(today, Usd.ZERO);
        Usd todayLoss = sinceBaseline.isNegative() ? sinceBaseline.negate() : Usd.ZERO;
        return new PortfolioSnapshot(balance, peak, realizedPnl, totalFees, topups, wins, losses, open.size(),
                openExposure(), today, d.pnl, todayLoss, d.opened, control, now);
    }

    /** The closing numbers of a KST day. */
    public DailySnapshot dayTotals(LocalDate day, Instant at) {
        DayTotals d = days.getOrDefault(day, new DayTotals());
        return new DailySnapshot(day, balance, equity(), d.pnl, d.fees, d.opened, d.wins, d.losses, at);
    }
}
