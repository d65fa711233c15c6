package updown.portfolio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import updown.domain.LedgerEntry;
import updown.domain.PortfolioCommand.EquityPoint;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.repository.StoredState;

/**
 * The equity curve of a ledger: equity (cash + open positions at cost) after every deposit and settlement. Opening a
 * trade moves cash into a position and leaves equity unchanged, so the curve moves only with deposits and realised
 * P&amp;L. One definition for the dashboard, Telegram's chart and backtest reports.
 */
public final class EquityPoints {
    private EquityPoints() {
    }

    public static List<EquityPoint> of(StoredState state) {
        Map<Long, Trade> byId = new HashMap<>();
        for (Trade t : state.trades()) {
            byId.put(t.id(), t);
        }
        List<EquityPoint> out = new ArrayList<>(state.ledger().size());
        Usd equity = Usd.ZERO;
        for (LedgerEntry e : state.ledger()) {
            switch (e.kind()) {
                case INITIAL_DEPOSIT, TOPUP -> equity = equity.plus(e.amount());
                case TRADE_DEBIT, TRADE_REVERSAL, REDEEM, MERGE -> {
                    continue; // cash and exposure move together: equity unchanged
                }
                case SETTLEMENT_CREDIT -> {
                    Trade t = byId.get(e.tradeId());
                    equity = equity.plus(e.amount()).minus(t == null ? Usd.ZERO : t.totalCost());
                }
            }
            out.add(new EquityPoint(e.at(), equity));
        }
        return out;
    }
}
