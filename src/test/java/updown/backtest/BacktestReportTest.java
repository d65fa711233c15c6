package updown.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Market;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.repository.StoredState;
import updown.testkit.TestConfig;
import updown.testkit.Trades;

@DisplayName("Backtest report: P&L, drawdown, Sharpe per window, exposure and groups from a hand-checked ledger")
class BacktestReportTest {
    private static final Instant T0 = Instant.parse("2026-05-12T00:00:00Z"); // 09:00 KST

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    @DisplayName("one win, one loss, one open trade over three windows")
    void handChecked() {
        Market m1 = Trades.market(T0);
        Market m2 = Trades.market(T0.plusSeconds(300));
        Market m3 = Trades.market(T0.plusSeconds(600));
        Trade a = Trades.directional(m1, Direction.BUY_UP, "0.50", "10", "0.2", at(60)).withId(1)
                .settled(Resolution.UP, Usd.of("20"), at(420));
        Trade b = Trades.arbitrage(m2, "0.45", "0.50", "10", "0.2", at(360)).withId(2)
                .settled(Resolution.DOWN, Usd.ZERO, at(720));
        Trade c = Trades.directional(m3, Direction.BUY_DOWN, "0.40", "10", "0.2", at(780)).withId(3);
        List<LedgerEntry> ledger = List.of(
                new LedgerEntry(1, LedgerKind.INITIAL_DEPOSIT, Usd.of("1000"), 0, T0, "initial balance"),
                new LedgerEntry(2, LedgerKind.TRADE_DEBIT, Usd.of("-10.2"), 1, at(60), ""),
                new LedgerEntry(3, LedgerKind.TRADE_DEBIT, Usd.of("-10.2"), 2, at(360), ""),
                new LedgerEntry(4, LedgerKind.SETTLEMENT_CREDIT, Usd.of("20"), 1, at(420), ""),
                new LedgerEntry(5, LedgerKind.SETTLEMENT_CREDIT, Usd.ZERO, 2, at(720), ""),
                new LedgerEntry(6, LedgerKind.TRADE_DEBIT, Usd.of("-10.2"), 3, at(780), ""));
        StoredState state = new StoredState(List.of(a, b, c), ledger, null, null);
        ReplayStats stats = new ReplayStats(10, 0, 180, 0, 3, T0, at(900), T0, at(900), 1, 1);
        String text = CanonicalLedger.text(state);
        BacktestRun run = new BacktestRun(TestConfig.defaults(), Backtest.Options.all(), state, stats, text,
                CanonicalLedger.sha256(text));

        BacktestReport.Summary s = BacktestReport.of(run);
        assertThat(s.windows()).isEqualTo(3);
        assertThat(s.trades()).isEqualTo(3);
        assertThat(s.settled()).isEqualTo(2);
        assertThat(s.open()).isEqualTo(1);
        assertThat(s.wins()).isEqualTo(1);
        assertThat(s.losses()).isEqualTo(1);
        assertThat(s.pnl()).isEqualTo(Usd.of("-0.4"));
        assertThat(s.fees()).isEqualTo(Usd.of("0.6"));
        assertThat(s.finalBalance()).isEqualTo(Usd.of("989.4"));
        assertThat(s.finalEquity()).isEqualTo(Usd.of("999.6"));
        assertThat(s.maxDrawdown()).isEqualTo(Usd.of("10.2"));
        assertThat(s.maxDrawdownPct()).isCloseTo(10.2 / 1009.8, within(1e-12));
        // windows: +9.8, -10.2, 0 → mean -0.1333, sample sd 10.0007
        assertThat(s.sharpePerWindow()).isCloseTo(-0.4 / 3 / Math.sqrt((Math.pow(9.8 + 0.4 / 3, 2)
                + Math.pow(-10.2 + 0.4 / 3, 2) + Math.pow(0.4 / 3, 2)) / 2), within(1e-9));
        // open [60, 720] ∪ [780, 900] of [0, 900]; 10.2 held for 840 s
        assertThat(s.exposure()).isCloseTo(780.0 / 900, within(1e-12));
        assertThat(s.averageDeployed()).isEqualTo(Usd.of("9.52"));
        assertThat(s.bySource()).containsExactly(
                new BacktestReport.Group("arbitrage", 1, 0, 1, Usd.of("-10.2"), Usd.of("0.2")),
                new BacktestReport.Group("directional+orderbook_imbalance", 2, 1, 0, Usd.of("9.8"), Usd.of("0.4")));
        assertThat(s.byHourKst()).containsExactly(
                new BacktestReport.Group("09", 3, 1, 1, Usd.of("-0.4"), Usd.of("0.6")));
        assertThat(s.byMarket()).as("every trade here is a btc-5m window")
                .containsExactly(new BacktestReport.Group("btc-5m", 3, 1, 1, Usd.of("-0.4"), Usd.of("0.6")));
        assertThat(ReportFiles.json(s)).containsKey("by_market");
        assertThat(ReportFiles.text(s, null)).hasSizeLessThan(40).anyMatch(l -> l.contains("50.0 %"));
        assertThat(updown.portfolio.EquityPoints.of(state)).extracting(p -> p.balance().format())
                .containsExactly("1000.00", "1009.80", "999.60");
    }

    @Test
    @DisplayName("the canonical ledger escapes text, writes null as \\N and changes with any field")
    void canonicalLedger() {
        Trade t = Trades.directional(Trades.market(T0), Direction.BUY_UP, "0.5", "10", "0.2", at(1)).withId(1);
        LedgerEntry e = new LedgerEntry(1, LedgerKind.INITIAL_DEPOSIT, Usd.of("1000"), 0, T0, "tab\there\nand \\");
        String text = CanonicalLedger.text(new StoredState(List.of(t), List.of(e), null, null));
        assertThat(text.lines().toList()).hasSize(3).first().isEqualTo(CanonicalLedger.HEADER);
        assertThat(text).contains("E\t1\tINITIAL_DEPOSIT\t1000000000\t0\t2026-05-12T00:00:00Z\ttab\\there\\nand \\\\\n");
        assertThat(text.lines().skip(2).findFirst().orElseThrow()).contains("\tOPEN\t\\N\t\\N\t\\N\t");
        String other = CanonicalLedger.text(new StoredState(List.of(t.withId(2)), List.of(e), null, null));
        assertThat(CanonicalLedger.sha256(other)).isNotEqualTo(CanonicalLedger.sha256(text));
    }
}
