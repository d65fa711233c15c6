package updown.repository;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.LedgerEntry;
import updown.domain.Trade;

/**
 * The ledger in one SQLite file, through vertx-jdbc-client: every JDBC call runs on a Vert.x worker thread, never on
 * the caller's event loop, and each returned future completes back on the caller's context.
 *
 * <p>Durability: WAL journal with {@code synchronous=FULL}, so a commit is on disk (WAL fsynced) before its future
 * completes, and survives kill -9 and power loss. The pool holds ONE connection: the portfolio is the only writer,
 * SQLite allows one writer at a time anyway, and one connection keeps writes strictly in call order. The PRAGMAs
 * come from the {@link SQLiteDataSource}'s config, which sqlite-jdbc applies to every connection it opens (the
 * pool's, after a reconnect too, and Flyway's).
 *
 * <p>Lifecycle: {@link #open} (or {@link #openExisting}) → {@link #init()} → use → {@link #close()}. Calls before
 * {@code init()} or after {@code close()} fail with {@link IllegalStateException}.
 */
public final class SqliteRepository implements Repository {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteRepository.class);

    /** How long a statement waits for another process's lock (e.g. {@code trades} reading) before failing. */
    static final int BUSY_TIMEOUT_MS = 5_000;
    static final String MIGRATIONS = "classpath:db/migration";

    private final Vertx vertx;
    private final Path file;
    private final SQLiteDataSource dataSource;
    private final Pool pool;
    /** The ledger's reads and writes, in this database's placeholder syntax. */
    private final LedgerSql sql = LedgerSql.jdbc(SqliteRepository::isUniqueViolation);
    private volatile boolean ready;
    private volatile boolean closed;

    private SqliteRepository(Vertx vertx, Path file, SQLiteDataSource dataSource, UnaryOperator<DataSource> wrap) {
        this.vertx = vertx;
        this.file = file;
        this.dataSource = dataSource;
        this.pool = JDBCPool.pool(vertx, wrap.apply(dataSource), new PoolOptions().setMaxSize(1));
    }

    /**
     * Opens (creating it and its parent directories if missing) the database file. Call {@link #init()} next: it
     * creates or migrates the schema. An existing file that is not an intact UpDown database fails with
     * {@link UnreadableDatabaseException} before any connection is made, and is left exactly as it was.
     */
    public static Future<SqliteRepository> open(Vertx vertx, Path dbFile) {
        return open(vertx, dbFile, UnaryOperator.identity());
    }

    /** {@link #open} with the pool's data source wrapped, so a test can watch every JDBC call. */
    static Future<SqliteRepository> open(Vertx vertx, Path dbFile, UnaryOperator<DataSource> wrap) {
        Path file = dbFile.toAbsolutePath().normalize();
        Path parent = file.getParent();
        // an existing file is checked before the first connection: opening it for writing already changes it
        Future<Void> checked = vertx.executeBlocking(() -> {
            LedgerFile.requireUsable(dbFile, file);
            return null;
        });
        Future<Void> directory = parent == null ? checked
                : checked.compose(v -> vertx.fileSystem().mkdirs(parent.toString()));
        return directory.map(v -> new SqliteRepository(vertx, file, dataSource(file, true), wrap));
    }

    /**
     * The check {@link #open} makes before it connects, for a command that wants to refuse a damaged ledger before
     * it starts anything else (blocking; a missing or empty file passes).
     */
    public static void requireUsable(Path dbFile) throws IOException {
        LedgerFile.requireUsable(dbFile, dbFile.toAbsolutePath().normalize());
    }

    /**
     * Opens a database that must already exist and already carry this build's schema, for readers such as the
     * {@code trades} command: a missing file fails with {@link NoSuchFileException} and is NOT created, a file
     * without the schema or with an older one fails with {@link IllegalStateException} and is NOT migrated. The
     * returned repository is ready ({@link #init()} is then a no-op).
     */
    public static Future<SqliteRepository> openExisting(Vertx vertx, Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        return vertx.fileSystem().exists(file.toString()).compose(exists -> {
            if (!exists) {
                return Future.failedFuture(new NoSuchFileException(file.toString(), null, "no UpDown database"));
            }
            return vertx.executeBlocking(() -> LedgerFile.requireIntactFile(dbFile, file));
        }).compose(nonEmpty -> {
            SqliteRepository repo = new SqliteRepository(vertx, file, dataSource(file, false),
                    UnaryOperator.identity());
            return repo.checkSchemaIsCurrent()
                    .map(v -> repo)
                    .recover(err -> repo.close().transform(ignored -> Future.failedFuture(
                            err instanceof IllegalStateException ? err
                                    : new UnreadableDatabaseException(dbFile, LedgerFile.reason(err)))));
        });
    }

    /**
     * The connection settings sqlite-jdbc applies on every connection it opens. Only {@code open} switches the
     * journal to WAL: the mode is stored in the file, so an existing database keeps it, and a reader that must not
     * create a file must not rewrite one either. Without CREATE in the open mode a missing file is an error.
     */
    private static SQLiteDataSource dataSource(Path file, boolean create) {
        SQLiteConfig config = new SQLiteConfig();
        if (create) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        } else {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /** The database file (absolute). */
    public Path file() {
        return file;
    }

    /** Applies the pending versioned migrations (Flyway, on a worker thread); on a current schema it does nothing. */
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
            LOG.info("database {} migrated to schema version {} ({} migration(s))", file,
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    private Future<Void> checkSchemaIsCurrent() {
        return vertx.<Void>executeBlocking(() -> {
            MigrationInfoService info = flyway().info();
            MigrationInfo current = info.current();
            if (current == null) {
                throw new IllegalStateException(file + " is not an UpDown database (no schema in it)");
            }
            if (info.pending().length > 0) {
                throw new IllegalStateException(file + " has schema version " + current.getVersion()
                        + ", older than this build's; start the bot once to migrate it");
            }
            return null;
        }).onSuccess(v -> ready = true);
    }

    private Flyway flyway() {
        // the class's own loader: inside the shaded jar the migrations sit next to this class, whatever the
        // worker thread's context class loader is
        return Flyway.configure(SqliteRepository.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load();
    }

    @Override
    public Future<StoredState> load() {
        // one read transaction: a consistent snapshot of all four even if a write were queued between them
        return whenReady(() -> pool.withTransaction(LedgerSql::readAll));
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
            return pool.preparedQuery(SqlStatements.TRADES_NEWEST_FIRST)
                    .execute(Tuple.of(limit, offset))
                    .map(rows -> LedgerSql.list(rows, Rows::trade));
        });
    }

    @Override
    public Future<Integer> countTrades() {
        return whenReady(() -> pool.preparedQuery(SqlStatements.COUNT_TRADES).execute()
                .map(rows -> LedgerSql.single(rows).getInteger("n")));
    }

    /** Closes the pool's connection (the last close checkpoints the WAL into the file). Calling it again is harmless. */
    @Override
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        ready = false;
        return pool.close();
    }

    /** For tests: the pool, to query PRAGMAs on the very connection the repository uses. */
    Pool pool() {
        return pool;
    }

    /** For tests: the configured data source, to show every new connection gets the PRAGMAs. */
    DataSource dataSource() {
        return dataSource;
    }

    private <T> Future<T> whenReady(Supplier<Future<T>> operation) {
        if (closed) {
            return Future.failedFuture(closedError());
        }
        if (!ready) {
            return Future.failedFuture(new IllegalStateException("call init() before using the repository " + file));
        }
        return RepositoryRules.attempt(operation);
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("repository closed: " + file);
    }

    /** Whether {@code err} is this database's unique-index violation. */
    private static boolean isUniqueViolation(Throwable err) {
        return err instanceof SQLiteException e
                && e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
    }
}
