package updown.domain;

import java.time.LocalDate;

/** Orders to the portfolio, the single writer of the ledger. Each is sent request/reply on its own address. */
public sealed interface PortfolioCommand {

    /** Record an executed fill as an open trade: debits amount + fee. Reply: the stored {@link Trade}. */
    record OpenTrade(Trade trade) implements PortfolioCommand {
    }

    /** Settle every open trade of a resolved market. Reply: {@link SettledTrades} (empty when nothing was open). */
    record SettleMarket(MarketEvent.MarketResolved resolution) implements PortfolioCommand {
    }

    /**
     * Undo the open live trade whose venue order is {@code orderId}: the venue reported its fill FAILED on chain.
     * Reply: {@link Reversed} (empty when no open trade carries that order, e.g. already reversed).
     */
    record ReverseFill(String orderId, String reason) implements PortfolioCommand {
    }

    /**
     * Live: record a redeem or merge done on chain (kind REDEEM or MERGE) as its own zero-amount ledger entry.
     * Reply: the stored {@link LedgerEntry} (the one already booked when this condition's call was booked before).
     */
    record BookChainMove(LedgerKind kind, String conditionId, Usd value, String txHash, String gasPol)
            implements PortfolioCommand {
    }

    /** Reply: {@link ChainMoves}, every redeem and merge the ledger holds (this run's and earlier runs'). */
    record GetChainMoves() implements PortfolioCommand {
    }

    /** Keys {@code "REDEEM <conditionId>"} / {@code "MERGE <conditionId>"}. */
    record ChainMoves(java.util.Set<String> keys) {
        public ChainMoves {
            keys = java.util.Set.copyOf(keys);
        }
    }

    /** Add paper funds. Reply: the new {@link PortfolioSnapshot}. */
    record TopUp(Usd amount, String by) implements PortfolioCommand {
    }

    /** Manual kill switch: no new trades until resumed. Reply: the new {@link PortfolioSnapshot}. */
    record StopTrading(String by, String reason) implements PortfolioCommand {
    }

    /** Lift a manual stop or a tripped breaker. Reply: the new {@link PortfolioSnapshot}. */
    record ResumeTrading(String by) implements PortfolioCommand {
    }

    /** Close the KST day: store its snapshot and announce the summary. Reply: {@link PortfolioEvent.DayClosed}. */
    record CloseDay(LocalDate day) implements PortfolioCommand {
    }

    /** Reply: the current {@link PortfolioSnapshot}. */
    record GetSnapshot() implements PortfolioCommand {
    }

    /** Reply: {@link TradePage}, newest first. */
    record ListTrades(int limit, int offset) implements PortfolioCommand {
    }

    /** Reply: {@link OpenTrades}. */
    record GetOpenTrades() implements PortfolioCommand {
    }

    /** Reply: {@link EquityCurve}, equity after every deposit and settlement. */
    record GetEquity() implements PortfolioCommand {
    }

    /** Reply: {@link DailySnapshots}, oldest first. */
    record GetDailySnapshots() implements PortfolioCommand {
    }

    /** Reply: {@link MarketPnls}, every trade grouped by market series. */
    record GetMarketPnl() implements PortfolioCommand {
    }

    record MarketPnls(java.util.List<MarketPnl> markets) {
        public MarketPnls {
            markets = java.util.List.copyOf(markets);
        }
    }

    /** Health probe: replies {@link ResultCode#OK} only after a round trip to the repository succeeded. */
    record CheckStorage() implements PortfolioCommand {
    }

    record DailySnapshots(java.util.List<DailySnapshot> days) {
        public DailySnapshots {
            days = java.util.List.copyOf(days);
        }
    }

    record Reversed(java.util.Optional<Trade> trade) {
    }

    record SettledTrades(java.util.List<Trade> trades) {
        public SettledTrades {
            trades = java.util.List.copyOf(trades);
        }
    }

    record TradePage(java.util.List<Trade> trades, int total) {
        public TradePage {
            trades = java.util.List.copyOf(trades);
        }
    }

    record OpenTrades(java.util.List<Trade> trades) {
        public OpenTrades {
            trades = java.util.List.copyOf(trades);
        }
    }

    /** Equity (cash + open positions at cost) right after a deposit or a settlement. */
    record EquityPoint(java.time.Instant at, Usd balance) {
    }

    record EquityCurve(java.util.List<EquityPoint> points) {
        public EquityCurve {
            points = java.util.List.copyOf(points);
        }
    }
}
