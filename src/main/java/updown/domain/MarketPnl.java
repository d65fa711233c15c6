package updown.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trades grouped by market series ({@code btc-5m}, {@code eth-15m}): count, open, wins, losses, realized P&amp;L and
 * the cost still at risk in open positions. The one grouping behind {@code trades}, Telegram /pnl and /status, the
 * dashboard and the backtest report. Trades whose slug names no series are grouped under {@value #OTHER}.
 */
public record MarketPnl(String market, int trades, int open, int wins, int losses, Usd pnl, Usd fees,
                        Usd openCost) {
    public static final String OTHER = "other";

    /** Per market, sorted by market key. */
    public static Map<String, MarketPnl> of(Collection<Trade> trades) {
        Map<String, MarketPnl> out = new TreeMap<>();
        for (Trade t : trades) {
            String key = t.marketKey() == null ? OTHER : t.marketKey().toString();
            MarketPnl m = out.getOrDefault(key, new MarketPnl(key, 0, 0, 0, 0, Usd.ZERO, Usd.ZERO, Usd.ZERO));
            out.put(key, m.plus(t));
        }
        return new LinkedHashMap<>(out);
    }

    private MarketPnl plus(Trade t) {
        boolean settled = t.status() == TradeStatus.SETTLED;
        return new MarketPnl(market, trades + 1, open + (settled ? 0 : 1),
                wins + (settled && t.pnl().isPositive() ? 1 : 0),
                losses + (settled && !t.pnl().isPositive() ? 1 : 0),
                settled ? pnl.plus(t.pnl()) : pnl, fees.plus(t.fee()),
                settled ? openCost : openCost.plus(t.totalCost()));
    }

    /** One line: {@code eth-15m  12 trades (1 open)  7W 4L  P&L +3.21}. */
    public String line() {
        return market + "  " + trades + " trades" + (open > 0 ? " (" + open + " open)" : "") + "  " + wins + "W "
                + losses + "L  P&L " + (pnl.isPositive() ? "+" : "") + pnl.format();
    }
}
