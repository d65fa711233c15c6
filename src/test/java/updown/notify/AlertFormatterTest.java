package updown.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.ControlState;
import updown.domain.Direction;
import updown.domain.PortfolioEvent;
import updown.domain.Resolution;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.testkit.TestConfig;

@DisplayName("Alerts: what each event says, escaped, in KST")
class AlertFormatterTest {

    @Test
    @DisplayName("a trade alert names market, side, price, amount, fee, confidence, sources and the KST time")
    void trade() {
        var t = Samples.openTrade(17, "btc-updown-5m-1778584200", Direction.BUY_UP, List.of("directional", "obi"));
        Outgoing.Text m = AlertFormatter.tradeExecuted(new PortfolioEvent.TradeExecuted(t, Samples.snapshot("989.83")));
        assertThat(m.html()).contains("<b>BUY UP</b> #17", "btc-updown-5m-1778584200", "Price 0.52",
                "Shares 19.230769", "Amount $10.00", "Fee $0.17", "Confidence 72.0%", "Sources directional, obi",
                "Balance $989.83", "20:11:05 KST", "Window ends 20:15:00 KST");
        assertThat(m.batch().kind()).isEqualTo(AlertFormatter.TRADES);
        assertThat(m.batch().line()).contains("#17", "BUY UP", "@0.52", "$10.00", "directional, obi")
                .doesNotContain("\n");
    }

    @Test
    @DisplayName("trade and settlement alerts name the market series first (eth-15m), then its window's slug")
    void alertsNameTheMarket() {
        var t = Samples.openTrade(18, "eth-updown-15m-1766972400", Direction.BUY_DOWN, List.of("directional"));
        Outgoing.Text m = AlertFormatter.tradeExecuted(new PortfolioEvent.TradeExecuted(t, Samples.snapshot("989.83")));
        assertThat(m.html()).contains("#18 · <b>eth-15m</b> eth-updown-15m-1766972400");
        assertThat(m.batch().line()).contains("<b>eth-15m</b>");
    }

    @Test
    @DisplayName("market titles and sources with markup characters are escaped")
    void escaping() {
        var t = Samples.openTrade(1, "btc <b>up</b> & down", Direction.BUY_DOWN, List.of("<script>", "a&b"));
        String html = AlertFormatter.tradeExecuted(new PortfolioEvent.TradeExecuted(t, Samples.snapshot("1"))).html();
        assertThat(html).contains("btc &lt;b&gt;up&lt;/b&gt; &amp; down", "&lt;script&gt;, a&amp;b")
                .doesNotContain("<script>", "<b>up</b>");
        String breaker = AlertFormatter.breakerTripped(new PortfolioEvent.BreakerTripped("loss > $50 <today>",
                Samples.snapshot("900"))).html();
        assertThat(breaker).contains("loss &gt; $50 &lt;today&gt;");
    }

    @Test
    @DisplayName("an arbitrage shows both legs")
    void arb() {
        String html = AlertFormatter.tradeExecuted(new PortfolioEvent.TradeExecuted(Samples.arbTrade(3),
                Samples.snapshot("990"))).html();
        assertThat(html).contains("<b>ARB</b>", "Up 0.48 × 10.416666", "Down 0.49 × 10.204081");
    }

    @Test
    @DisplayName("a settlement says won or lost, the outcome, payout, P&L and the new balance")
    void settlement() {
        var open = Samples.openTrade(17, "btc-updown-5m-1778584200", Direction.BUY_UP, List.of("directional"));
        String won = AlertFormatter.tradeSettled(new PortfolioEvent.TradeSettled(
                Samples.settled(open, Resolution.UP, "19.230769"), Samples.snapshot("1009.06"))).html();
        assertThat(won).contains("✅ <b>WON +$9.060769</b> #17", "Outcome UP", "Payout $19.230769",
                "P&amp;L +$9.060769", "Balance $1009.06", "Win rate 55.0% (11W/9L)");
        String lost = AlertFormatter.tradeSettled(new PortfolioEvent.TradeSettled(
                Samples.settled(open, Resolution.DOWN, "0"), Samples.snapshot("979.83"))).html();
        assertThat(lost).contains("❌ <b>LOST -$10.17</b>", "Outcome DOWN", "Payout $0.00");
    }

    @Test
    @DisplayName("stop and resume alerts say who and what state came before")
    void stateChanges() {
        var stop = new PortfolioEvent.TradingStateChanged(new ControlState(TradingState.STOPPED, "maintenance",
                Samples.T0), TradingState.RUNNING, "dashboard", Samples.snapshot("1000"));
        assertThat(AlertFormatter.tradingStateChanged(stop).html())
                .contains("Trading stopped</b> by dashboard: maintenance", "20:10:00 KST");
        var resume = new PortfolioEvent.TradingStateChanged(ControlState.running(Samples.T0), TradingState.BREAKER,
                "dashboard", Samples.snapshot("1000"));
        assertThat(AlertFormatter.tradingStateChanged(resume).html()).contains("Trading resumed</b> by dashboard",
                "(was BREAKER)");
    }

    @Test
    @DisplayName("the daily summary has the day's trades, win rate, P&L, fees and balance")
    void daily() {
        var e = new PortfolioEvent.DayClosed(LocalDate.of(2026, 5, 12), 12, 7, 5, Usd.of("12.3"), Usd.of("1.2"),
                Usd.of("1012.3"), Samples.snapshot("1012.30"), Samples.T0);
        assertThat(AlertFormatter.dayClosed(e).html()).contains("Daily summary</b> 2026-05-12 (KST)", "Trades 12",
                "Won 7", "Lost 5", "Win rate 58.3%", "P&amp;L +$12.30", "Fees $1.20", "Balance $1012.30");
    }

    @Test
    @DisplayName("the startup alert has mode, capital, sizing, strategies and the current snapshot")
    void startup() {
        var config = TestConfig.with(Map.of("SIZING_MODE", "percent"));
        String html = AlertFormatter.startup(config, Samples.snapshot("1000"), null, Samples.T0).html();
        assertThat(html).contains("UpDown started</b> · PAPER", "Capital $1000.00",
                "Sizing: 2.0% of balance × confidence, min $5.00", "directional EMA 3/8", "orderbook imbalance 0.20",
                "arbitrage margin 0.02", "Balance $1000.00", "Trading: RUNNING", "2026-05-12 20:10:00 KST");
        String fixed = AlertFormatter.startup(TestConfig.defaults(), null, "STORAGE_FAILED", Samples.T0).html();
        assertThat(fixed).contains("Sizing: fixed $10.00 per trade", "snapshot unavailable (STORAGE_FAILED)");
        assertThat(AlertFormatter.startup(TestConfig.defaults(), null, "x", Samples.T0).keyboard())
                .isEqualTo(Keyboard.main());
    }

    @Test
    @DisplayName("a live start announces itself loudly, with the caps and whether it is a dry run")
    void liveStartupIsLoud() {
        var live = TestConfig.with(Map.of("TRADING_MODE", "live", "LIVE_DRY_RUN", "true"));
        String html = AlertFormatter.startup(live, null, "x", Samples.T0).html();
        assertThat(html).contains("LIVE TRADING: REAL MONEY", "dry run", "Caps: $25.00 per order, $200.00 per day");
        String paper = AlertFormatter.startup(TestConfig.defaults(), null, "x", Samples.T0).html();
        assertThat(paper).doesNotContain("LIVE TRADING");
    }
}
