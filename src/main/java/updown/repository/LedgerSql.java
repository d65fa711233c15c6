package updown.repository;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.LedgerEntry;
import updown.domain.Trade;

/**
 * The ledger's reads and write transactions on a vertx-sql-client pool, written once for SQLite and PostgreSQL: the
 * two differ only in placeholder syntax ({@link SqlStatements} or {@link PgSql}) and in how a unique-index violation
 * shows, so each repository holds one of these and adds its own connection, migrations and readiness.
 */
final class LedgerSql {
    private final String insertOpenTrade;
    private final String appendLedgerEntry;
    private final String settleOpenTrade;
    private final String reverseOpenTrade;
    private final String saveControlState;
    private final String saveDailySnapshot;
    private final Predicate<Throwable> uniqueViolation;

    private LedgerSql(String insertOpenTrade, String appendLedgerEntry, String settleOpenTrade,
                      String reverseOpenTrade, String saveControlState, String saveDailySnapshot,
                      Predicate<Throwable> uniqueViolation) {
        this.insertOpenTrade = insertOpenTrade;
        this.appendLedgerEntry = appendLedgerEntry;
        this.settleOpenTrade = settleOpenTrade;
        this.reverseOpenTrade = reverseOpenTrade;
        this.saveControlState = saveControlState;
        this.saveDailySnapshot = saveDailySnapshot;
        this.uniqueViolation = uniqueViolation;
    }

    /** JDBC's {@code ?} placeholders (SQLite through vertx-jdbc-client). */
    static LedgerSql jdbc(Predicate<Throwable> uniqueViolation) {
        return new LedgerSql(SqlStatements.INSERT_OPEN_TRADE, SqlStatements.APPEND_LEDGER_ENTRY,
                SqlStatements.SETTLE_OPEN_TRADE, SqlStatements.REVERSE_OPEN_TRADE, SqlStatements.SAVE_CONTROL_STATE,
                SqlStatements.SAVE_DAILY_SNAPSHOT, uniqueViolation);
    }

    /** PostgreSQL's numbered placeholders. */
    static LedgerSql postgres(Predicate<Throwable> uniqueViolation) {
        return new LedgerSql(PgSql.INSERT_OPEN_TRADE, PgSql.APPEND_LEDGER_ENTRY, PgSql.SETTLE_OPEN_TRADE,
                PgSql.REVERSE_OPEN_TRADE, PgSql.SAVE_CONTROL_STATE, PgSql.SAVE_DAILY_SNAPSHOT, uniqueViolation);
    }

    /** Trades, ledger, control state and last closed day, read on one connection (inside the caller's transaction). */
    static Future<StoredState> readAll(SqlConnection conn) {
        Future<List<Trade>> trades = query(conn, SqlStatements.TRADES_BY_ID).map(rows -> list(rows, Rows::trade));
        Future<List<LedgerEntry>> ledger = query(conn, SqlStatements.LEDGER_IN_SEQUENCE)
                .map(rows -> list(rows, Rows::entry));
        Future<ControlState> control = query(conn, SqlStatements.CONTROL_STATE)
                .map(rows -> rows.size() == 0 ? null : Rows.control(rows.iterator().next()));
        Future<LocalDate> lastDay = query(conn, SqlStatements.LAST_CLOSED_DAY).map(LedgerSql::dayOrNull);
        return Future.all(trades, ledger, control, lastDay).map(all ->
                new StoredState(trades.result(), ledger.result(), control.result(), lastDay.result()));
    }

    Future<LedgerEntry> appendEntry(Pool pool, LedgerEntry entry) {
        RepositoryRules.checkStandaloneEntry(entry);
        return pool.preparedQuery(appendLedgerEntry).execute(Rows.entryParams(entry))
                .map(rows -> entry.withSeq(single(rows).getLong("seq")))
                // the one unique index a standalone entry can hit: the single initial deposit
                .recover(err -> Future.failedFuture(uniqueViolation.test(err)
                        ? new IllegalStateException(RepositoryRules.SECOND_DEPOSIT, err) : err));
    }

    /** The trade and its debit in one transaction. */
    Future<Trade> insertOpenTrade(Pool pool, Trade trade, LedgerEntry debit) {
        RepositoryRules.checkNewTrade(trade, debit);
        return pool.withTransaction(conn -> conn.preparedQuery(insertOpenTrade)
                .execute(Rows.tradeParams(trade))
                .map(rows -> single(rows).getLong("id"))
                .compose(id -> conn.preparedQuery(appendLedgerEntry)
                        .execute(Rows.entryParams(debit.withTradeId(id)))
                        .map(rows -> trade.withId(id))));
    }

    Future<Boolean> settleTrade(Pool pool, Trade settled, LedgerEntry credit) {
        RepositoryRules.checkSettlement(settled, credit);
        return closeAndCredit(pool, settleOpenTrade, Rows.settleParams(settled), settled.id(), credit);
    }

    Future<Boolean> reverseTrade(Pool pool, Trade reversed, LedgerEntry credit) {
        RepositoryRules.checkReversal(reversed, credit);
        return closeAndCredit(pool, reverseOpenTrade, Tuple.of(EpochNanos.of(reversed.settledAt()), reversed.id()),
                reversed.id(), credit);
    }

    /**
     * Closes an open trade and writes its credit in one transaction; false, and no credit, when the trade was not
     * open any more (already settled or reversed, or no such trade), so a credit is never written twice.
     */
    private Future<Boolean> closeAndCredit(Pool pool, String close, Tuple params, long tradeId, LedgerEntry credit) {
        return pool.withTransaction(conn -> conn.preparedQuery(close).execute(params)
                .compose(updated -> updated.rowCount() == 0
                        ? Future.succeededFuture(false)
                        : conn.preparedQuery(appendLedgerEntry)
                                .execute(Rows.entryParams(credit.withTradeId(tradeId)))
                                .map(rows -> true)));
    }

    Future<Void> saveControlState(Pool pool, ControlState state) {
        RepositoryRules.checkControlState(state);
        return pool.preparedQuery(saveControlState).execute(Rows.controlParams(state)).mapEmpty();
    }

    Future<Void> saveDailySnapshot(Pool pool, DailySnapshot snapshot) {
        RepositoryRules.checkDailySnapshot(snapshot);
        return pool.preparedQuery(saveDailySnapshot).execute(Rows.snapshotParams(snapshot)).mapEmpty();
    }

    static Future<RowSet<Row>> query(SqlConnection conn, String sql) {
        return conn.preparedQuery(sql).execute();
    }

    static Row single(RowSet<Row> rows) {
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size());
        }
        return rows.iterator().next();
    }

    static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(mapper.apply(row));
        }
        return out;
    }

    static LocalDate dayOrNull(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        String day = rows.iterator().next().getString("day");
        return day == null ? null : LocalDate.parse(day);
    }
}
