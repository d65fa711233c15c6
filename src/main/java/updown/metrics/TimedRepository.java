package updown.metrics;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.LedgerEntry;
import updown.domain.Trade;
import updown.repository.Repository;
import updown.repository.StoredState;

/**
 * The repository as it is, with each ledger write timed from its call to its commit
 * ({@code updown_ledger_commit_seconds{op}}): what SQLite's fsync or the PostgreSQL round trip costs the portfolio.
 * Reads pass straight through.
 */
public final class TimedRepository implements Repository {
    private final Repository repository;
    private final UpDownMeters meters;

    public TimedRepository(Repository repository, UpDownMeters meters) {
        this.repository = repository;
        this.meters = meters;
    }

    private <T> Future<T> timed(String operation, Supplier<Future<T>> write) {
        long start = System.nanoTime();
        return write.get().onSuccess(v -> meters.ledgerCommit(operation, System.nanoTime() - start));
    }

    @Override
    public Future<Void> init() {
        return repository.init();
    }

    @Override
    public Future<StoredState> load() {
        return repository.load();
    }

    @Override
    public Future<LedgerEntry> appendEntry(LedgerEntry entry) {
        return timed("append", () -> repository.appendEntry(entry));
    }

    @Override
    public Future<Trade> insertOpenTrade(Trade trade, LedgerEntry debit) {
        return timed("open", () -> repository.insertOpenTrade(trade, debit));
    }

    @Override
    public Future<Boolean> settleTrade(Trade settled, LedgerEntry credit) {
        return timed("settle", () -> repository.settleTrade(settled, credit));
    }

    @Override
    public Future<Boolean> reverseTrade(Trade reversed, LedgerEntry credit) {
        return timed("reverse", () -> repository.reverseTrade(reversed, credit));
    }

    @Override
    public Future<Void> saveControlState(ControlState state) {
        return timed("control", () -> repository.saveControlState(state));
    }

    @Override
    public Future<Void> saveDailySnapshot(DailySnapshot snapshot) {
        return timed("daily", () -> repository.saveDailySnapshot(snapshot));
    }

    @Override
    public Future<List<DailySnapshot>> dailySnapshots() {
        return repository.dailySnapshots();
    }

    @Override
    public Future<List<Trade>> listTrades(int limit, int offset) {
        return repository.listTrades(limit, offset);
    }

    @Override
    public Future<Integer> countTrades() {
        return repository.countTrades();
    }

    @Override
    public Future<Void> close() {
        return repository.close();
    }
}
