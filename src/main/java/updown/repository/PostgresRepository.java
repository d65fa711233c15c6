package updown.repository;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.LedgerEntry;
import updown.domain.Trade;

/**
 * The ledger in a PostgreSQL database, through the reactive vertx-pg-client: no thread ever blocks on a query, and
 * each returned future completes on the caller's context. Chosen by {@code DB_URL=postgresql://...}; the same
 * statements ({@link SqlStatements}, placeholders renumbered by {@link PgSql}), the same row mapping ({@link Rows})
 * and the same rules ({@link RepositoryRules}) as {@link SqliteRepository}, so both pass one contract suite.
 *
 * <p>Like the SQLite one, the pool holds ONE connection: the portfolio is the only writer, and one connection keeps
 * its writes strictly in call order. Money columns are BIGINT micro-units (never NUMERIC or floating point). A commit
 * is durable when its future completes (PostgreSQL's default {@code synchronous_commit=on}).
 *
 * <p>Flyway applies {@code db/postgresql/V<n>__*.sql} (the PostgreSQL flavour of the SQLite migrations) over a JDBC
 * connection on a worker thread, once, in {@link #init()}.
 */
public final class PostgresRepository implements Repository {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRepository.class);
    static final String MIGRATIONS = "classpath:db/postgresql";
    /** SQLSTATE unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Vertx vertx;
    private final PgConnectOptions connect;
    private final Pool pool;
    private volatile boolean ready;
    private volatile boolean closed;

    private PostgresRepository(Vertx vertx, PgConnectOptions connect) {
        this.vertx = vertx;
        this.connect = connect;
        this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(connect).using(vertx).build();
    }

    /**
     * A repository on the database named by {@code url} ({@code postgresql://user:password@host:port/database}).
     * Nothing is contacted yet: {@link #init()} connects and migrates. An unparseable URL fails with
     * {@link IllegalArgumentException} (without echoing the URL, which may hold a password).
     */
    public static PostgresRepository open(Vertx vertx, String url) {
        return new PostgresRepository(vertx, connectOptions(url));
    }

    /** Parses a {@code postgresql://} or {@code postgres://} URL; the message never contains the URL itself. */
    public static PgConnectOptions connectOptions(String url) {
        try {
            return PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("DB_URL is not a postgresql://user:password@host:port/database URL");
        }
    }

    /** Where the ledger is, for log lines: host, port and database, never the user or password. */
    public String where() {
        return describe(connect);
    }

    static String describe(PgConnectOptions options) {
        return "postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    }

    @Override
    public Future<Void> init() {
        if (closed) {
            return Future.failedFuture(closedError());
        }
        return vertx.executeBlocking(() -> flyway().migrate())
                .onSuccess(this::logMigrations)
                .onSuccess(result -> ready = true)
                .mapEmpty();
    }

    private void logMigrations(MigrateResult result) {
        if (result.migrationsExecuted > 0) {
            LOG.info("database {} migrated to schema version {} ({} migration(s))", where(),
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    private Flyway flyway() {
        return Flyway.configure(PostgresRepository.class.getClassLoader())
                .dataSource(jdbcDataSource(connect))
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load();
    }

    /** The same server, database and credentials for Flyway, which speaks JDBC only. */
    static PGSimpleDataSource jdbcDataSource(PgConnectOptions options) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {options.getHost()});
        ds.setPortNumbers(new int[] {options.getPort()});
        ds.setDatabaseName(options.getDatabase());
        ds.setUser(options.getUser());
        ds.setPassword(options.getPassword());
        return ds;
    }

    @Override
    public Future<StoredState> load() {
        // one REPEATABLE READ transaction: the four reads see one snapshot even if another session writes between
        return whenReady(() -> pool.withTransaction(conn -> conn.query(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute().compose(set -> {
                    Future<List<Trade>> trades = query(conn, SqlStatements.TRADES_BY_ID)
                            .map(rows -> list(rows, Rows::trade));
                    Future<List<LedgerEntry>> ledger = query(conn, SqlStatements.LEDGER_IN_SEQUENCE)
                            .map(rows -> list(rows, Rows::entry));
                    Future<ControlState> control = query(conn, SqlStatements.CONTROL_STATE)
                            .map(rows -> rows.size() == 0 ? null : Rows.control(rows.iterator().next()));
                    Future<LocalDate> lastDay = query(conn, SqlStatements.LAST_CLOSED_DAY)
                            .map(PostgresRepository::dayOrNull);
                    return Future.all(trades, ledger, control, lastDay).map(all ->
                            new StoredState(trades.result(), ledger.result(), control.result(), lastDay.result()));
                })));
    }

    @Override
    public Future<LedgerEntry> appendEntry(LedgerEntry entry) {
        return whenReady(() -> {
            RepositoryRules.checkStandaloneEntry(entry);
            return pool.preparedQuery(PgSql.APPEND_LEDGER_ENTRY).execute(Rows.entryParams(entry))
                    .map(rows -> entry.withSeq(single(rows).getLong("seq")))
                    .recover(err -> Future.failedFuture(isUniqueViolation(err)
                            ? new IllegalStateException(RepositoryRules.SECOND_DEPOSIT, err) : err));
        });
    }

    @Override
    public Future<Trade> insertOpenTrade(Trade trade, LedgerEntry debit) {
        return whenReady(() -> {
            RepositoryRules.checkNewTrade(trade, debit);
            return pool.withTransaction(conn -> conn.preparedQuery(PgSql.INSERT_OPEN_TRADE)
                    .execute(Rows.tradeParams(trade))
                    .map(rows -> single(rows).getLong("id"))
                    .compose(id -> conn.preparedQuery(PgSql.APPEND_LEDGER_ENTRY)
                            .execute(Rows.entryParams(debit.withTradeId(id)))
                            .map(rows -> trade.withId(id))));
        });
    }

    @Override
    public Future<Boolean> settleTrade(Trade settled, LedgerEntry credit) {
        return whenReady(() -> {
            RepositoryRules.checkSettlement(settled, credit);
            return pool.withTransaction(conn -> conn.preparedQuery(PgSql.SETTLE_OPEN_TRADE)
                    .execute(Rows.settleParams(settled))
                    .compose(updated -> {
                        if (updated.rowCount() == 0) {
                            // already settled, or no such trade: the credit must not be written again
                            return Future.succeededFuture(false);
                        }
                        return conn.preparedQuery(PgSql.APPEND_LEDGER_ENTRY)
                                .execute(Rows.entryParams(credit.withTradeId(settled.id())))
                                .map(rows -> true);
                    }));
        });
    }

    @Override
    public Future<Boolean> reverseTrade(Trade reversed, LedgerEntry credit) {
        return whenReady(() -> {
            RepositoryRules.checkReversal(reversed, credit);
            return pool.withTransaction(conn -> conn.preparedQuery(PgSql.REVERSE_OPEN_TRADE)
                    .execute(Tuple.of(EpochNanos.of(reversed.settledAt()), reversed.id()))
                    .compose(updated -> updated.rowCount() == 0
                            // already reversed or settled, or no such trade: the credit must not be written again
                            ? Future.succeededFuture(false)
                            : conn.preparedQuery(PgSql.APPEND_LEDGER_ENTRY)
                                    .execute(Rows.entryParams(credit.withTradeId(reversed.id())))
                                    .map(rows -> true)));
        });
    }

    @Override
    public Future<Void> saveControlState(ControlState state) {
        return whenReady(() -> {
            RepositoryRules.checkControlState(state);
            return pool.preparedQuery(PgSql.SAVE_CONTROL_STATE).execute(Rows.controlParams(state)).mapEmpty();
        });
    }

    @Override
    public Future<Void> saveDailySnapshot(DailySnapshot snapshot) {
        return whenReady(() -> {
            RepositoryRules.checkDailySnapshot(snapshot);
            return pool.preparedQuery(PgSql.SAVE_DAILY_SNAPSHOT).execute(Rows.snapshotParams(snapshot)).mapEmpty();
        });
    }

    @Override
    public Future<List<DailySnapshot>> dailySnapshots() {
        return whenReady(() -> pool.preparedQuery(SqlStatements.DAILY_SNAPSHOTS_BY_DAY).execute()
                .map(rows -> list(rows, Rows::snapshot)));
    }

    @Override
    public Future<List<Trade>> listTrades(int limit, int offset) {
        return whenReady(() -> {
            RepositoryRules.checkPage(limit, offset);
            return pool.preparedQuery(PgSql.TRADES_NEWEST_FIRST)
                    .execute(Tuple.of((long) limit, (long) offset))
                    .map(rows -> list(rows, Rows::trade));
        });
    }

    @Override
    public Future<Integer> countTrades() {
        return whenReady(() -> pool.preparedQuery(SqlStatements.COUNT_TRADES).execute()
                .map(rows -> Math.toIntExact(single(rows).getLong("n"))));
    }

    /** Closes the pool's connection. Calling it again is harmless. */
    @Override
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        ready = false;
        return pool.close();
    }

    private <T> Future<T> whenReady(Supplier<Future<T>> operation) {
        if (closed) {
            return Future.failedFuture(closedError());
        }
        if (!ready) {
            return Future.failedFuture(new IllegalStateException("call init() before using the repository "
                    + where()));
        }
        return RepositoryRules.attempt(operation);
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("repository closed: " + where());
    }

    /** The one unique index a standalone entry can hit: the single initial deposit. */
    private static boolean isUniqueViolation(Throwable err) {
        return err instanceof PgException e && UNIQUE_VIOLATION.equals(e.getSqlState());
    }

    private static Future<RowSet<Row>> query(SqlConnection conn, String sql) {
        return conn.preparedQuery(sql).execute();
    }

    private static Row single(RowSet<Row> rows) {
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size());
        }
        return rows.iterator().next();
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(mapper.apply(row));
        }
        return out;
    }

    private static LocalDate dayOrNull(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        String day = rows.iterator().next().getString("day");
        return day == null ? null : LocalDate.parse(day);
    }
}
