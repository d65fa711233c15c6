package updown.repository;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Trade;
import updown.domain.TradeStatus;

/**
 * The repository in memory, for unit tests and backtests, with the same observable behaviour as
 * {@link SqliteRepository} (the contract test suite runs against both): ids and sequence numbers from 1 in call
 * order, the same argument checks, at most one settlement per trade, the same orderings, the same lifecycle
 * ({@code init()} first, nothing after {@code close()}).
 *
 * <p>Every future it returns is already complete. It is safe to call from any thread.
 *
 * <p>{@link #reopened()} is the in-memory form of "restart the process and open the same file": a new handle on the
 * same stored data, which needs {@code init()} again.
 */
public final class InMemoryRepository implements Repository {
    /** Newest first: later opening time first, ties to the later id (as the SQL orders them). */
    private static final Comparator<Trade> NEWEST_FIRST =
            Comparator.comparing(Trade::openedAt).thenComparingLong(Trade::id).reversed();

    private final Store store;
    private boolean ready;
    private boolean closed;

    public InMemoryRepository() {
        this(new Store());
    }

    private InMemoryRepository(Store store) {
        this.store = store;
    }

    /** A fresh handle on the same data, as after a restart; this handle stays as it is (close it if done). */
    public InMemoryRepository reopened() {
        return new InMemoryRepository(store);
    }

    @Override
    public Future<Void> init() {
        synchronized (store) {
            if (closed) {
                return Future.failedFuture(closedError());
            }
            ready = true;
            return Future.succeededFuture();
        }
    }

    @Override
    public Future<StoredState> load() {
        return whenReady(() -> Future.succeededFuture(new StoredState(new ArrayList<>(store.trades.values()),
                store.ledger, store.control, store.snapshots.isEmpty() ? null : store.snapshots.lastKey())));
    }

    @Override
    public Future<LedgerEntry> appendEntry(LedgerEntry entry) {
        return whenReady(() -> {
            RepositoryRules.checkStandaloneEntry(entry);
            if (entry.kind() == LedgerKind.INITIAL_DEPOSIT && store.hasInitialDeposit()) {
                // the SQLite schema refuses a second one with a unique index
                throw new IllegalStateException(RepositoryRules.SECOND_DEPOSIT);
            }
            return Future.succeededFuture(store.append(entry));
        });
    }

    @Override
    public Future<Trade> insertOpenTrade(Trade trade, LedgerEntry debit) {
        return whenReady(() -> {
            RepositoryRules.checkNewTrade(trade, debit);
            Trade stored = trade.withId(store.nextTradeId++);
            store.trades.put(stored.id(), stored);
            store.append(debit.withTradeId(stored.id()));
            return Future.succeededFuture(stored);
        });
    }

    @Override
    public Future<Boolean> settleTrade(Trade settled, LedgerEntry credit) {
        return whenReady(() -> {
            RepositoryRules.checkSettlement(settled, credit);
            Trade current = store.trades.get(settled.id());
            if (current == null || current.status() != TradeStatus.OPEN) {
                return Future.succeededFuture(false);
            }
            store.trades.put(current.id(), settlementOf(current, settled));
            store.append(credit.withTradeId(current.id()));
            return Future.succeededFuture(true);
        });
    }

    @Override
    public Future<Boolean> reverseTrade(Trade reversed, LedgerEntry credit) {
        return whenReady(() -> {
            RepositoryRules.checkReversal(reversed, credit);
            Trade current = store.trades.get(reversed.id());
            if (current == null || current.status() != TradeStatus.OPEN) {
                return Future.succeededFuture(false);
            }
            store.trades.put(current.id(), current.reversed(reversed.settledAt()));
            store.append(credit.withTradeId(current.id()));
            return Future.succeededFuture(true);
        });
    }

    @Override
    public Future<Void> saveControlState(ControlState state) {
        return whenReady(() -> {
            RepositoryRules.checkControlState(state);
            store.control = state;
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Void> saveDailySnapshot(DailySnapshot snapshot) {
        return whenReady(() -> {
            RepositoryRules.checkDailySnapshot(snapshot);
            store.snapshots.put(snapshot.day(), snapshot);
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<List<DailySnapshot>> dailySnapshots() {
        return whenReady(() -> Future.succeededFuture(List.copyOf(store.snapshots.values())));
    }

    @Override
    public Future<List<Trade>> listTrades(int limit, int offset) {
        return whenReady(() -> {
            RepositoryRules.checkPage(limit, offset);
            return Future.succeededFuture(store.trades.values().stream()
                    .sorted(NEWEST_FIRST)
                    .skip(offset)
                    .limit(limit)
                    .toList());
        });
    }

    @Override
    public Future<Integer> countTrades() {
        return whenReady(() -> Future.succeededFuture(store.trades.size()));
    }

    /** Closes this handle; the data stays for {@link #reopened()}. Calling it again is harmless. */
    @Override
    public Future<Void> close() {
        synchronized (store) {
            closed = true;
            ready = false;
            return Future.succeededFuture();
        }
    }

    /** The stored trade with only the settlement fields taken from the caller's, exactly as the SQL UPDATE does. */
    private static Trade settlementOf(Trade stored, Trade settled) {
        return new Trade(stored.id(), stored.marketId(), stored.slug(), stored.side(), stored.tokenId(),
                stored.price(), stored.altTokenId(), stored.altPrice(), stored.shares(), stored.altShares(),
                stored.amount(), stored.fee(), TradeStatus.SETTLED, settled.outcome(), settled.payout(),
                settled.pnl(), stored.sources(), stored.confidence(), stored.windowEnd(), stored.openedAt(),
                settled.settledAt(), stored.externalId());
    }

    private <T> Future<T> whenReady(Supplier<Future<T>> operation) {
        synchronized (store) {
            if (closed) {
                return Future.failedFuture(closedError());
            }
            if (!ready) {
                return Future.failedFuture(new IllegalStateException("call init() before using the repository"));
            }
            return RepositoryRules.attempt(operation);
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("repository closed (in memory)");
    }

    /** The data every handle of one in-memory database shares; guarded by its own monitor. */
    private static final class Store {
        private final TreeMap<Long, Trade> trades = new TreeMap<>();
        private final List<LedgerEntry> ledger = new ArrayList<>();
        private final TreeMap<LocalDate, DailySnapshot> snapshots = new TreeMap<>();
        private ControlState control;
        private long nextTradeId = 1;
        private long nextSeq = 1;

        LedgerEntry append(LedgerEntry entry) {
            LedgerEntry stored = entry.withSeq(nextSeq++);
            ledger.add(stored);
            return stored;
        }

        boolean hasInitialDeposit() {
            return ledger.stream().anyMatch(e -> e.kind() == LedgerKind.INITIAL_DEPOSIT);
        }
    }
}
