package updown.sim.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.repository.StoredState;
import updown.testkit.Trades;

@DisplayName("The simulate summary adds up, and says so loudly when its ledger does not")
class SimulationReportTest {
    static final Instant T = Trades.T0;
    /** Trade #1 is an earlier run's, open when this run started; #2..#4 are this run's. */
    final Trade earlier = trade(1, 0, "10", "0.5");
    final Trade lost = trade(2, 1, "20", "1");
    final Trade stillOpen = trade(3, 2, "5", "0.2");
    final Trade unknown = trade(4, 3, "6", "0.3");
    final List<String> printed = new ArrayList<>();

    static Trade trade(long id, int window, String amount, String fee) {
        return Trades.directional(Trades.market(T.plusSeconds(300L * window)), Direction.BUY_UP, "0.4", amount, fee, T)
                .withId(id);
    }

    static LedgerEntry entry(long seq, LedgerKind kind, String amount, long tradeId) {
        return new LedgerEntry(seq, kind, Usd.of(amount), tradeId, T, "");
    }

    /** The ledger of a continued data folder; {@code earlierPayout} is what the credit of trade #1 says. */
    StoredState ledger(String earlierPayout) {
        List<Trade> trades = List.of(earlier.settled(Resolution.UP, Usd.of("25"), T),
                lost.settled(Resolution.DOWN, Usd.ZERO, T), stillOpen, unknown);
        List<LedgerEntry> entries = List.of(
                entry(1, LedgerKind.INITIAL_DEPOSIT, "1000", 0),
                entry(2, LedgerKind.TRADE_DEBIT, "-10.5", 1),
                // this run from here on
                entry(3, LedgerKind.TRADE_DEBIT, "-21", 2),
                entry(4, LedgerKind.SETTLEMENT_CREDIT, earlierPayout, 1),
                entry(5, LedgerKind.TOPUP, "100", 0),
                entry(6, LedgerKind.SETTLEMENT_CREDIT, "0", 2),
                entry(7, LedgerKind.TRADE_DEBIT, "-5.2", 3),
                entry(8, LedgerKind.TRADE_DEBIT, "-6.3", 4));
        return new StoredState(trades, entries, null, null);
    }

    SimulationReport.Summary close(StoredState s) {
        Set<String> resolved = Set.of(earlier.slug(), lost.slug(), unknown.slug());
        return new SimulationReport().close(s, 2, 2, 4, resolved::contains, printed::add);
    }

    @Test
    @DisplayName("start 989.50 + open at start 10.50 + top-ups 100 + realised P&L -6.50 - open at cost 11.50 = final"
            + " balance 1082 (the ledger's sum); equity 1093.50; an open trade on a resolved market is unknown, one"
            + " on an unresolved market still open")
    void addsUp() {
        SimulationReport.Summary s = close(ledger("25"));

        assertThat(s.trades()).as("this run's trades").isEqualTo(3);
        assertThat(s.startingBalance()).isEqualTo(Usd.of("989.5"));
        assertThat(s.openAtStart()).isEqualTo(Usd.of("10.5"));
        assertThat(s.topUps()).isEqualTo(Usd.of("100"));
        assertThat(s.pnl()).as("+14.50 on the earlier trade, -21 on the lost one").isEqualTo(Usd.of("-6.5"));
        assertThat(s.fees()).as("fees of this run's trades").isEqualTo(Usd.of("1.5"));
        assertThat(s.openAtCost()).isEqualTo(Usd.of("11.5"));
        assertThat(s.finalBalance()).isEqualTo(Usd.of("1082"));
        assertThat(s.equity()).isEqualTo(Usd.of("1093.5"));
        assertThat(s.wins()).isEqualTo(1);
        assertThat(s.losses()).isEqualTo(1);
        assertThat(s.stillOpen()).isEqualTo(1);
        assertThat(s.unknown()).isEqualTo(1);
        assertThat(s.addsUp()).isTrue();
        assertThat(s.lines()).contains("adds up           yes",
                "final balance     1082.00  = starting balance + open at start + top-ups + realised P&L - open at cost",
                "equity            1093.50  = final balance + open at cost");
        assertThat(s.toJson()).containsEntry("still_open", 1).containsEntry("unknown", 1)
                .containsEntry("open_at_cost", "11.50").containsEntry("equity", "1093.50")
                .containsEntry("adds_up", true);
        assertThat(printed).as("one line per trade of this run and per settlement of it")
                .hasSize(4).anyMatch(l -> l.startsWith("SETTLE  #2 "));
    }

    @Test
    @DisplayName("a credit that is not the trade's payout: the summary says NO, by how much, and addsUp() is false")
    void doesNotAddUp() {
        SimulationReport.Summary s = close(ledger("24"));

        assertThat(s.addsUp()).isFalse();
        assertThat(s.finalBalance()).isEqualTo(Usd.of("1081"));
        assertThat(s.lines()).contains("adds up           NO: the ledger holds 1081.00, its trades give 1082.00"
                + " (off by -1.00)");
        assertThat(s.toJson()).containsEntry("adds_up", false);
    }
}
