package updown.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import updown.domain.ControlState;
import updown.domain.Direction;
import updown.domain.Kst;
import updown.domain.PortfolioSnapshot;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.TradingState;
import updown.domain.Usd;

/** Domain records for notifier tests. 2026-05-12T11:10:00Z is 20:10 KST. */
final class Samples {
    static final Instant T0 = Instant.parse("2026-05-12T11:10:00Z");

    private Samples() {
    }

    static PortfolioSnapshot snapshot(String balance) {
        return snapshot(balance, ControlState.running(T0), T0);
    }

    static PortfolioSnapshot snapshot(String balance, ControlState control, Instant at) {
        return new PortfolioSnapshot(Usd.of(balance), Usd.of("1000"), Usd.of("12.30"), Usd.of("1.20"), Usd.ZERO,
                11, 9, 1, Usd.of("10.17"), Kst.dayOf(at), Usd.of("3.50"), Usd.of("6.00"), 4, control, at);
    }

    static ControlState breaker(String reason) {
        return new ControlState(TradingState.BREAKER, reason, T0);
    }

    static ControlState stopped(String reason) {
        return new ControlState(TradingState.STOPPED, reason, T0);
    }

    static Trade openTrade(long id, String slug, Direction side, List<String> sources) {
        return new Trade(id, "m" + id, slug, side, "111", Price.of("0.52"), null, null, Shares.of("19.230769"),
                null, Usd.of("10"), Usd.of("0.17"), TradeStatus.OPEN, null, null, null, sources, Ratio.of("0.72"),
                T0.plusSeconds(300), T0.plusSeconds(65), null, null);
    }

    static Trade arbTrade(long id) {
        return new Trade(id, "m" + id, "btc-updown-5m-1778584200", Direction.ARB, "111", Price.of("0.48"), "222",
                Price.of("0.49"), Shares.of("10.416666"), Shares.of("10.204081"), Usd.of("10"), Usd.of("0.35"),
                TradeStatus.OPEN, null, null, null, List.of("arbitrage"), Ratio.ONE, T0.plusSeconds(300),
                T0.plusSeconds(65), null, null);
    }

    static Trade settled(Trade open, Resolution winner, String payout) {
        return open.settled(winner, Usd.of(payout), T0.plusSeconds(330));
    }

    static LocalDate today() {
        return Kst.dayOf(T0);
    }
}
