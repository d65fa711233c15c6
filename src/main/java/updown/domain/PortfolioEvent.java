package updown.domain;

import java.time.Instant;
import java.time.LocalDate;

/** What the portfolio announces after the change is stored (never before). */
public sealed interface PortfolioEvent {
    PortfolioSnapshot snapshot();

    record TradeExecuted(Trade trade, PortfolioSnapshot snapshot) implements PortfolioEvent {
    }

    record TradeSettled(Trade trade, PortfolioSnapshot snapshot) implements PortfolioEvent {
    }

    record BreakerTripped(String reason, PortfolioSnapshot snapshot) implements PortfolioEvent {
    }

    /** A manual stop or a resume (after a stop or a breaker trip). */
    record TradingStateChanged(ControlState control, TradingState previous, String by, PortfolioSnapshot snapshot)
            implements PortfolioEvent {
    }

    record ToppedUp(Usd amount, String by, PortfolioSnapshot snapshot) implements PortfolioEvent {
    }

    /** The KST day ended: its totals, stored as the daily snapshot. */
    record DayClosed(LocalDate day, int trades, int wins, int losses, Usd pnl, Usd fees, Usd balance,
                     PortfolioSnapshot snapshot, Instant at) implements PortfolioEvent {
        public Ratio winRate() {
            int settled = wins + losses;
            return settled == 0 ? Ratio.ZERO : Ratio.ofMicros(Micros.mulDiv(wins, Micros.ONE, settled));
        }
    }
}
