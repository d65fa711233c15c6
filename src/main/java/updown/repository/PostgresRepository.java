package updown.repository;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.List;
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
    /** The ledger's reads and writes, in this database's placeholder syntax. */
    private final LedgerSql sql = LedgerSql.postgres(PostgresRepository::isUniqueViolation);
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
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                .compose(set -> LedgerSql.readAll(conn))));
    }

    @Override
    public Future<LedgerEntry> appendEntry(LedgerEntry entry) {
        return whenReady(() -> sql.appendEntry(pool, entry));
    }

    @Override
    public Future<Trade> insertOpenTrade(Trade trade, LedgerEntry debit) {
        return whenReady(() -> sql.insertOpenTrade(pool, trade, debit));
    }

    @Override
    public Future<Boolean> settleTrade(Trade settled, LedgerEntry credit) {
        return whenReady(() -> sql.settleTrade(pool, settled, credit));
    }

    @Override
    public Future<Boolean> reverseTrade(Trade reversed, LedgerEntry credit) {
        return whenReady(() -> sql.reverseTrade(pool, reversed, credit));
    }

    @Override
    public Future<Void> saveControlState(ControlState state) {
        return whenReady(() -> sql.saveControlState(pool, state));
    }

    @Override
    public Future<Void> saveDailySnapshot(DailySnapshot snapshot) {
        return whenReady(() -> sql.saveDailySnapshot(pool, snapshot));
    }

    @Override
    public Future<List<DailySnapshot>> dailySnapshots() {
        return whenReady(() -> pool.preparedQuery(SqlStatements.DAILY_SNAPSHOTS_BY_DAY).execute()
                .map(rows -> LedgerSql.list(rows, Rows::snapshot)));
    }

    @Override
    public Future<List<Trade>> listTrades(int limit, int offset) {
        return whenReady(() -> {
            RepositoryRules.checkPage(limit, offset);
            return pool.preparedQuery(PgSql.TRADES_NEWEST_FIRST)
                    .execute(Tuple.of((long) limit, (long) offset))
                    .map(rows -> LedgerSql.list(rows, Rows::trade));
        });
    }

    @Override
    public Future<Integer> countTrades() {
        return whenReady(() -> pool.preparedQuery(SqlStatements.COUNT_TRADES).execute()
                .map(rows -> Math.toIntExact(LedgerSql.single(rows).getLong("n"))));
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

    /** Whether {@code err} is this database's unique-index violation. */
    private static boolean isUniqueViolation(Throwable err) {
        return err instanceof PgException e && UNIQUE_VIOLATION.equals(e.getSqlState());
    }
}
