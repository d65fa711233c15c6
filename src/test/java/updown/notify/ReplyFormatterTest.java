package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.PortfolioCommand;
import updown.domain.Resolution;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.Usd;

@DisplayName("Command answers: status, history, P&L, prompts")
class ReplyFormatterTest {

    @Test
    @DisplayName("/status shows trading state, balance, win rate and open positions")
    void status() {
        String html = ReplyFormatter.status(Samples.snapshot("989.83", Samples.breaker("drawdown 21%"), Samples.T0),
                Samples.T0);
        assertThat(html).contains("Trading: BREAKER TRIPPED (drawdown 21%) since 20:10:00 KST", "Balance $989.83",
                "Equity $1000.00", "Win rate 55.0% (11W/9L)", "Open positions 1 ($10.17 at cost)",
                "Today (2026-05-12)");
    }

    @Test
    @DisplayName("/history lists trades newest first with result; 50 trades split into valid parts")
    void history() {
        List<Trade> trades = new ArrayList<>();
        for (int i = 50; i >= 1; i--) {
            Trade t = Samples.openTrade(i, "btc-updown-5m-1778584200", Direction.BUY_UP, List.of("directional"));
            trades.add(i % 2 == 0 ? Samples.settled(t, Resolution.UP, "19.230769") : t);
        }
        String html = ReplyFormatter.history(new PortfolioCommand.TradePage(trades, 123));
        assertThat(html).contains("Last 50 trade(s)</b> of 123", "#50 05-12 20:11 BUY UP @0.52 $10.00 → WON +$9.060769",
                "#49 05-12 20:11 BUY UP @0.52 $10.00 → OPEN");
        List<String> parts = Html.split(html, Html.MAX_MESSAGE);
        assertThat(String.join("\n", parts)).isEqualTo(html);
        assertThat(ReplyFormatter.history(new PortfolioCommand.TradePage(List.of(), 0))).contains("No trades");
    }

    @Test
    @DisplayName("/pnl lists today, 7 days, 30 days and all time with returns on capital")
    void pnl() {
        var report = PnlReport.of(Samples.today(), Samples.snapshot("1002.13"), List.of());
        assertThat(ReplyFormatter.pnl(report)).contains("Today: +$3.50", "7 days: +$3.50", "30 days: +$3.50",
                "All time: +$12.30 (1.2%)", "11W/9L", "capital put in: $1000.00");
    }

    @Test
    @DisplayName("prompts and failures are plain sentences")
    void prompts() {
        assertThat(ReplyFormatter.confirmTopUp(Usd.of("100"), Samples.snapshot("900")))
                .contains("Add <b>$100.00</b>", "$900.00 → $1000.00");
        assertThat(ReplyFormatter.failed("stop", ResultCode.ALREADY_STOPPED)).contains("already stopped");
        assertThat(ReplyFormatter.help(Usd.of("10000"))).contains("/topup [amount]", "$10000.00", "/history N");
    }
}
