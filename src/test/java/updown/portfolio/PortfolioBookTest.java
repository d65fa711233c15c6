package updown.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.ControlState;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.LedgerEntry;
import updown.domain.Market;
import updown.domain.MarketEvent.MarketResolved;
import updown.domain.PortfolioSnapshot;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Signal;
import updown.domain.Trade;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.testkit.Trades;

@DisplayName("Portfolio book: the money flow of SPEC §5 and §6")
class PortfolioBookTest {
    private static final Instant T0 = Trades.T0;
    private PortfolioBook book;
    private final List<Trade> trades = new ArrayList<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();
    private long nextId = 1;

    @BeforeEach
    void fund() {
        book = PortfolioBook.rebuild(List.of(), List.of(), null, null);
        LedgerEntry d = book.initialDeposit(Usd.of("1000"), T0);
        book.applyDeposit(d);
        ledger.add(d);
    }

    private Trade open(Trade t) {
        Trade stored = t.withId(nextId++);
        LedgerEntry debit = book.debitFor(stored);
        book.applyOpened(stored, debit);
        trades.add(stored);
        ledger.add(debit);
        return stored;
    }

    private List<Trade> resolve(Market m, Resolution winner, Instant at) {
        List<Trade> settled = new ArrayList<>();
        for (PortfolioBook.PendingSettlement p : book.settlementsFor(
                new MarketResolved(m.id(), m.slug(), winner, "test", at))) {
            book.applySettled(p.settled(), p.credit());
            trades.replaceAll(t -> t.id() == p.settled().id() ? p.settled() : t);
            ledger.add(p.credit());
            settled.add(p.settled());
        }
        return settled;
    }

    /** balance = initial + topups − Σ(amount + fee) + Σ payout, recomputed from the trades alone. */
    private void assertInvariant() {
        Usd expected = Usd.of("1000").plus(book.snapshot(T0).topups());
        for (Trade t : trades) {
            expected = expected.minus(t.totalCost());
            if (t.payout() != null) {
                expected = expected.plus(t.payout());
            }
        }
        assertThat(book.balance()).isEqualTo(expected);
        Usd fromLedger = ledger.stream().map(LedgerEntry::amount).reduce(Usd.ZERO, Usd::plus);
        assertThat(book.balance()).isEqualTo(fromLedger);
    }

    @Test
    @DisplayName("opening a trade debits amount + fee and keeps equity unchanged")
    void openDebitsAmountPlusFee() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        PortfolioSnapshot s = book.snapshot(T0);
        assertThat(s.balance()).isEqualTo(Usd.of("989.65"));
        assertThat(s.equity()).isEqualTo(Usd.of("1000"));
        assertThat(s.openPositions()).isEqualTo(1);
        assertInvariant();
    }

    @Test
    @DisplayName("a winning directional trade pays shares × $1 and pnl = payout − amount − fee")
    void winningDirectional() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        Trade s = resolve(m, Resolution.UP, T0.plusSeconds(400)).get(0);
        assertThat(s.payout()).isEqualTo(Usd.of("20"));
        assertThat(s.pnl()).isEqualTo(Usd.of("9.65"));
        assertThat(book.balance()).isEqualTo(Usd.of("1009.65"));
        assertThat(book.snapshot(T0).wins()).isEqualTo(1);
        assertInvariant();
    }

    @Test
    @DisplayName("a losing directional trade pays nothing and loses amount + fee")
    void losingDirectional() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_DOWN, "0.40", "10", "0.336", T0));
        Trade s = resolve(m, Resolution.UP, T0.plusSeconds(400)).get(0);
        assertThat(s.payout()).isEqualTo(Usd.ZERO);
        assertThat(s.pnl()).isEqualTo(Usd.of("-10.336"));
        assertThat(book.balance()).isEqualTo(Usd.of("989.664"));
        assertThat(book.snapshot(T0).losses()).isEqualTo(1);
        assertInvariant();
    }

    @Test
    @DisplayName("seed bug 1: an arbitrage pays the winning leg's shares, not amount / 2")
    void arbitragePayoutFollowsPrices() {
        Market m = Trades.market(T0);
        open(Trades.arbitrage(m, "0.45", "0.50", "10", "0.1", T0));
        Trade s = resolve(m, Resolution.UP, T0.plusSeconds(400)).get(0);
        // half = 5 at 0.45 → 11.111111 Up shares; the old bot paid 5 (amount / 2) and always lost
        assertThat(s.payout()).isEqualTo(Usd.of("11.111111"));
        assertThat(s.pnl()).isEqualTo(Usd.of("1.011111"));
        assertInvariant();
    }

    @Test
    @DisplayName("an arbitrage whose Down leg wins pays the Down shares")
    void arbitrageDownLegWins() {
        Market m = Trades.market(T0);
        open(Trades.arbitrage(m, "0.40", "0.50", "10", "0", T0));
        Trade s = resolve(m, Resolution.DOWN, T0.plusSeconds(400)).get(0);
        assertThat(s.payout()).isEqualTo(Usd.of("10"));
        assertThat(s.pnl()).isEqualTo(Usd.ZERO);
        assertInvariant();
    }

    @Test
    @DisplayName("seed bug 4: an arbitrage whose Down leg was bought at exactly 0.0 keeps 0.0 as its alt price "
            + "through settlement and is paid its Down shares")
    void altPriceOfExactlyZeroIsAPriceNotAbsence() {
        Market m = Trades.market(T0);
        // Down filled at 0.0 (the venue's ledger can show it; the engine itself refuses zero-priced books):
        // the old bot's `if alt_price:` read this as "no second leg" and settled it as a plain Up bet
        Fill f = new Fill(Direction.ARB, m.upTokenId(), Price.of("0.50"), Shares.of("10"), m.downTokenId(),
                Price.ZERO, Shares.of("7"), Usd.of("5"), Usd.ZERO, null);
        open(Trade.open(m, f, new Signal(Direction.ARB, Ratio.ONE, List.of("arbitrage"), "test", Price.ZERO), T0));
        Trade s = resolve(m, Resolution.DOWN, T0.plusSeconds(400)).get(0);
        assertThat(s.altPrice()).as("0.0 is a price").isNotNull().isEqualTo(Price.ZERO);
        assertThat(s.payout()).as("the Down shares pay").isEqualTo(Usd.of("7"));
        assertThat(s.pnl()).isEqualTo(Usd.of("2"));
        assertInvariant();
    }

    @Test
    @DisplayName("seed bug 2: settlement credits the payout, never amount + pnl, so fees do not drift the balance")
    void settlementCreditsPayoutOnly() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        resolve(m, Resolution.UP, T0.plusSeconds(400));
        Usd wrong = Usd.of("1000").minus(Usd.of("10.35")).plus(Usd.of("10")).plus(Usd.of("9.65"));
        assertThat(book.balance()).isEqualTo(Usd.of("1009.65")).isNotEqualTo(wrong);
        assertInvariant();
    }

    @Test
    @DisplayName("an UNKNOWN resolution settles nothing and the trade stays open")
    void unknownResolutionIsNotALoss() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        assertThat(resolve(m, Resolution.UNKNOWN, T0.plusSeconds(400))).isEmpty();
        PortfolioSnapshot s = book.snapshot(T0);
        assertThat(s.openPositions()).isEqualTo(1);
        assertThat(s.losses()).isZero();
        assertInvariant();
    }

    @Test
    @DisplayName("a resolution that arrives twice settles the trade once")
    void settlesOnce() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        assertThat(resolve(m, Resolution.UP, T0.plusSeconds(400))).hasSize(1);
        assertThat(resolve(m, Resolution.UP, T0.plusSeconds(401))).isEmpty();
        assertThat(book.balance()).isEqualTo(Usd.of("1009.65"));
        assertInvariant();
    }

    @Test
    @DisplayName("in paper mode a fill the balance cannot pay is refused; exactly equal is accepted")
    void balanceBoundaries() {
        book = PortfolioBook.rebuild(List.of(), List.of(), null, null);
        book.applyDeposit(book.initialDeposit(Usd.of("10.35"), T0));
        Trade exact = Trades.directional(Trades.market("a"), Direction.BUY_UP, "0.50", "10", "0.35", T0);
        Trade centShort = Trades.directional(Trades.market("b"), Direction.BUY_UP, "0.50", "10", "0.36", T0);
        assertThat(book.refuseOpen(centShort, true)).contains(ResultCode.INSUFFICIENT_BALANCE);
        assertThat(book.refuseOpen(exact, true)).isEmpty();
        assertThat(book.refuseOpen(centShort, false)).as("live fills are always recorded").isEmpty();
    }

    @Test
    @DisplayName("a second position in the same market is refused in paper mode")
    void onePositionPerMarket() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        Trade again = Trades.directional(m, Direction.BUY_DOWN, "0.50", "10", "0.35", T0);
        assertThat(book.refuseOpen(again, true)).contains(ResultCode.POSITION_ALREADY_OPEN);
        assertThat(book.hasOpenPosition(m.id())).isTrue();
    }

    @Test
    @DisplayName("rebuilding from the ledger and trades gives the same state as living through them")
    void rebuildEqualsLive() {
        Market a = Trades.market(T0);
        Market b = Trades.market(T0.plusSeconds(300));
        open(Trades.directional(a, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        open(Trades.directional(b, Direction.BUY_DOWN, "0.60", "12", "0.30", T0.plusSeconds(300)));
        resolve(a, Resolution.DOWN, T0.plusSeconds(400));
        LedgerEntry top = book.topUp(Usd.of("50"), "owner", T0.plusSeconds(500));
        book.applyDeposit(top);
        ledger.add(top);
        PortfolioBook rebuilt = PortfolioBook.rebuild(trades, ledger, book.control(), null);
        Instant now = T0.plusSeconds(600);
        assertThat(rebuilt.snapshot(now)).isEqualTo(book.snapshot(now));
        assertThat(rebuilt.openTrades()).containsExactlyElementsOf(book.openTrades());
        assertInvariant();
    }

    @Test
    @DisplayName("daily P&L counts settlements of the KST day; a new KST day starts at 15:00 UTC")
    void dailyPnlInKst() {
        Instant beforeMidnightKst = Instant.parse("2026-11-25T14:50:00Z");
        Market m = Trades.market(beforeMidnightKst);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", beforeMidnightKst));
        resolve(m, Resolution.DOWN, Instant.parse("2026-11-25T14:59:59Z"));
        assertThat(book.snapshot(Instant.parse("2026-11-25T14:59:59Z")).todayPnl()).isEqualTo(Usd.of("-10.35"));
        PortfolioSnapshot nextDay = book.snapshot(Instant.parse("2026-11-25T15:00:00Z"));
        assertThat(nextDay.todayPnl()).isEqualTo(Usd.ZERO);
        assertThat(nextDay.day()).hasToString("2026-11-26");
    }

    @Test
    @DisplayName("resuming moves the risk baseline: the peak restarts at current equity, the day's loss at zero")
    void resumeResetsBaseline() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "100", "1.75", T0));
        resolve(m, Resolution.DOWN, T0.plusSeconds(400));
        assertThat(book.snapshot(T0.plusSeconds(401)).todayLoss()).isEqualTo(Usd.of("101.75"));
        book.applyControl(new ControlState(TradingState.BREAKER, "daily loss", T0.plusSeconds(401)));
        book.applyControl(ControlState.running(T0.plusSeconds(500)));
        PortfolioSnapshot s = book.snapshot(T0.plusSeconds(501));
        assertThat(s.todayLoss()).isEqualTo(Usd.ZERO);
        assertThat(s.todayPnl()).isEqualTo(Usd.of("-101.75"));
        assertThat(s.peak()).isEqualTo(s.equity());
        assertThat(s.drawdown().micros()).isZero();
    }

    @Test
    @DisplayName("drawdown is measured on equity, so money in an open bet is not a loss")
    void drawdownUsesEquity() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "500", "0", T0));
        PortfolioSnapshot s = book.snapshot(T0);
        assertThat(s.balance()).isEqualTo(Usd.of("500"));
        assertThat(s.drawdown().micros()).isZero();
        resolve(m, Resolution.DOWN, T0.plusSeconds(400));
        assertThat(book.snapshot(T0).drawdown().format()).isEqualTo("0.50");
    }

    @Test
    @DisplayName("win rate is wins over settled trades and 0 before any settlement")
    void winRate() {
        assertThat(book.snapshot(T0).winRate().micros()).isZero();
        Market a = Trades.market(T0);
        Market b = Trades.market(T0.plusSeconds(300));
        Market c = Trades.market(T0.plusSeconds(600));
        open(Trades.directional(a, Direction.BUY_UP, "0.50", "10", "0", T0));
        open(Trades.directional(b, Direction.BUY_UP, "0.50", "10", "0", T0));
        open(Trades.directional(c, Direction.BUY_UP, "0.50", "10", "0", T0));
        resolve(a, Resolution.UP, T0);
        resolve(b, Resolution.DOWN, T0);
        resolve(c, Resolution.UP, T0);
        assertThat(book.snapshot(T0).winRate().format()).isEqualTo("0.666667");
        assertInvariant();
    }
}
