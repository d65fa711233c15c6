package updown.repository;

import io.vertx.core.Future;
import java.util.List;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.LedgerEntry;
import updown.domain.Trade;

/**
 * WHERE state lives. Each balance-changing call is one transaction: the trade row and its ledger entry are written
 * together or not at all. Implementations: {@code SqliteRepository} (default), {@code InMemoryRepository}
 * (unit tests, backtests). Only the portfolio writes.
 */
public interface Repository {

    /** Creates or migrates the schema. */
    Future<Void> init();

    /** Everything needed to rebuild the portfolio, ledger in sequence order, trades by id. */
    Future<StoredState> load();

    /** Appends a deposit or top-up (an entry without a trade). Returns it with its sequence number. */
    Future<LedgerEntry> appendEntry(LedgerEntry entry);

    /**
     * Inserts an open trade and its debit entry in one transaction. Returns the trade with its new id; the entry is
     * linked to it.
     */
    Future<Trade> insertOpenTrade(Trade trade, LedgerEntry debit);

    /**
     * Marks an open trade settled and appends its credit entry in one transaction. Returns false, writing nothing,
     * when the trade was already settled (a resolution that arrives twice settles once).
     */
    Future<Boolean> settleTrade(Trade settled, LedgerEntry credit);

    /**
     * Marks an open trade REVERSED and appends its TRADE_REVERSAL credit in one transaction. Returns false, writing
     * nothing, when the trade is not open any more (a failure reported twice reverses once).
     */
    Future<Boolean> reverseTrade(Trade reversed, LedgerEntry credit);

    Future<Void> saveControlState(ControlState state);

    /** Stores a day's closing numbers; saving the same day again replaces them. */
    Future<Void> saveDailySnapshot(DailySnapshot snapshot);

    Future<List<DailySnapshot>> dailySnapshots();

    /** Newest first. */
    Future<List<Trade>> listTrades(int limit, int offset);

    Future<Integer> countTrades();

    Future<Void> close();
}
