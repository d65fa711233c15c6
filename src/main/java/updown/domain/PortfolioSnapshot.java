package updown.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the portfolio looks like at one moment; published after every change and answered on request.
 *
 * @param balance     cash: the sum of the ledger
 * @param peak        highest equity seen (equity = balance + open exposure at cost)
 * @param openExposure amount + fee of the open positions (what they cost; marked at cost, not at market)
 * @param todayPnl   realised P&amp;L of settlements on the current KST day
 * @param todayLoss  sum of the losing settlements' P&amp;L on the current KST day, as a non-negative amount
 */
public record PortfolioSnapshot(
        Usd balance,
        Usd peak,
        Usd realizedPnl,
        Usd totalFees,
        Usd topups,
        int wins,
        int losses,
        int openPositions,
        Usd openExposure,
        LocalDate day,
        Usd todayPnl,
        Usd todayLoss,
        int todayTrades,
        ControlState control,
        Instant at) {

    /** Wins over settled trades, 0 when nothing settled yet. */
    public Ratio winRate() {
        int settled = wins + losses;
        return settled == 0 ? Ratio.ZERO : Ratio.ofMicros(Micros.mulDiv(wins, Micros.ONE, settled));
    }

    /** Cash plus open positions at cost: capital deployed in a bet is not a loss until the bet settles. */
    public Usd equity() {
        return balance.plus(openExposure);
    }

    /**
     * Whether (peak − equity) / peak ≥ limit, decided exactly (no rounding of the quotient, so a loss one micro-dollar
     * short of the limit never trips it).
     */
    public boolean drawdownAtLeast(Ratio limit) {
        long eq = equity().micros();
        if (peak.micros() <= 0 || eq >= peak.micros()) {
            return limit.micros() <= 0;
        }
        java.math.BigInteger lost = java.math.BigInteger.valueOf(peak.micros() - eq)
                .multiply(java.math.BigInteger.valueOf(Micros.ONE));
        java.math.BigInteger threshold = java.math.BigInteger.valueOf(limit.micros())
                .multiply(java.math.BigInteger.valueOf(peak.micros()));
        return lost.compareTo(threshold) >= 0;
    }

    /** Fraction of the peak lost: (peak − equity) / peak, 0 when at or above the peak (rounded, for display). */
    public Ratio drawdown() {
        long eq = equity().micros();
        if (peak.micros() <= 0 || eq >= peak.micros()) {
            return Ratio.ZERO;
        }
        return Ratio.ofMicros(Micros.mulDiv(peak.micros() - eq, Micros.ONE, peak.micros()));
    }
}
