package updown.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.repository.TestTrades.T0;
import static updown.repository.TestTrades.creditFor;
import static updown.repository.TestTrades.debitFor;
import static updown.repository.TestTrades.deposit;
import static updown.repository.TestTrades.directional;
import static updown.repository.TestTrades.settle;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.LedgerKind;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.domain.TradeStatus;

@DisplayName("SqliteRepository keeps the Repository contract, durably")
class SqliteRepositoryTest extends RepositoryContractTest {

    /** A database migrated once for the class; each test starts from a copy, so init() there is the no-op path. */
    private static Path template;

    @TempDir
    Path dir;

    @BeforeAll
    static void migrateTemplate(Vertx vertx, VertxTestContext test) throws IOException {
        template = Files.createTempDirectory("updown-template").resolve("template.db");
        SqliteRepository.open(vertx, template)
                .compose(r -> r.init().eventually(() -> r.close()))
                .onComplete(test.succeedingThenComplete());
    }

    @AfterAll
    static void deleteTemplate() throws IOException {
        try (Stream<Path> files = Files.walk(template.getParent())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Path dbFile() {
        return dir.resolve("data").resolve("updown.db");
    }

    @Override
    protected Future<Repository> openFresh(Vertx vertx) {
        return vertx.fileSystem().mkdirs(dbFile().getParent().toString())
                .compose(v -> vertx.fileSystem().copy(template.toString(), dbFile().toString()))
                .compose(v -> openSameFile());
    }

    private Future<Repository> openSameFile() {
        return SqliteRepository.open(vertx, dbFile()).compose(r -> r.init().map(v -> r));
    }

    @Override
    protected Future<Repository> reopen(Repository current) {
        return current.close().compose(v -> openSameFile());
    }

    @Override
    protected Future<Repository> openUninitialised(Vertx vertx) {
        return SqliteRepository.open(vertx, dir.resolve("other.db")).map(r -> r);
    }

    private SqliteRepository sqlite() {
        return (SqliteRepository) repo;
    }

    /**
     * A JDBC connection of the test's own, with the repository's settings (foreign keys on). The test thread is no
     * event loop, so blocking here is fine.
     */
    private Connection rawConnection() throws SQLException {
        return sqlite().dataSource().getConnection();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    // ---------------------------------------------------------------- files

    @Test
    @DisplayName("open creates the missing parent directories and the file, and init() migrates the empty database")
    void openCreatesDirectories(VertxTestContext test) {
        Path nested = dir.resolve("a").resolve("b").resolve("c.db");
        check(test, () -> SqliteRepository.open(vertx, nested).compose(r -> r.init().compose(v -> r.load())
                .eventually(() -> r.close())), state -> {
                    assertThat(nested).isRegularFile();
                    assertThat(state.trades()).isEmpty();
                });
    }

    @Test
    @DisplayName("data survives closing the repository and opening the same file again")
    void survivesReopen(VertxTestContext test) {
        check(test, () -> repo.appendEntry(deposit("1000"))
                .compose(e -> open(directional()))
                .compose(t -> settleOn(t, Resolution.UP, T0.plusSeconds(300)))
                .compose(ok -> repo.load())
                .compose(before -> repo.close()
                        .compose(v -> SqliteRepository.open(vertx, dbFile()))
                        .compose(again -> again.init().compose(v -> {
                            repo = again;
                            return again.load();
                        }))
                        .map(after -> List.of(before, after))), both -> {
                    assertThat(both.get(1)).isEqualTo(both.get(0));
                    assertThat(both.get(1).trades().get(0).status()).isEqualTo(TradeStatus.SETTLED);
                    assertThat(both.get(1).ledger()).hasSize(3);
                });
    }

    @Test
    @DisplayName("a committed trade is in the file before its future completes: another connection sees it at once")
    void commitIsVisibleToAnotherConnection(VertxTestContext test) {
        onLoop(() -> open(directional())).onComplete(test.succeeding(stored -> test.verify(() -> {
            // the test thread is not an event loop: reading with plain JDBC here blocks nobody
            try (Connection c = rawConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM trades t JOIN ledger l ON l.trade_id = t.id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            test.completeNow();
        })));
    }

    // ---------------------------------------------------------------- transactions

    @Test
    @DisplayName("an insert that fails halfway (the debit is refused) leaves neither the trade nor the entry")
    void failedInsertLeavesNothing(VertxTestContext test) throws SQLException {
        // a trigger makes the second statement of the transaction fail, after the trade row was written
        execute("CREATE TRIGGER refuse_debit BEFORE INSERT ON ledger WHEN NEW.kind = 'TRADE_DEBIT' "
                + "BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
        onLoop(() -> open(directional()).map(t -> (Throwable) null).otherwise(e -> e))
                .compose(error -> onLoop(() -> repo.load()).map(state -> List.of(error, state)))
                .onComplete(test.succeeding(result -> test.verify(() -> {
                    assertThat((Throwable) result.get(0)).hasMessageContaining("forced failure");
                    StoredState state = (StoredState) result.get(1);
                    assertThat(state.trades()).isEmpty();
                    assertThat(state.ledger()).isEmpty();
                    execute("DROP TRIGGER refuse_debit");
                    // the rolled-back insert used up no id: the next trade is still number 1
                    onLoop(() -> open(directional())).onComplete(test.succeeding(t -> test.verify(() -> {
                        assertThat(t.id()).isEqualTo(1L);
                        test.completeNow();
                    })));
                })));
    }

    @Test
    @DisplayName("a settlement that fails halfway (the credit is refused) leaves the trade open, and a retry settles it")
    void failedSettlementLeavesTradeOpen(VertxTestContext test) {
        onLoop(() -> open(directional())).onComplete(test.succeeding(stored -> test.verify(() -> {
            execute("CREATE TRIGGER refuse_credit BEFORE INSERT ON ledger WHEN NEW.kind = 'SETTLEMENT_CREDIT' "
                    + "BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
            onLoop(() -> settleOn(stored, Resolution.UP, T0.plusSeconds(300)).map(ok -> (Throwable) null)
                    .otherwise(e -> e).compose(error -> repo.load().map(s -> List.of(error, s))))
                    .onComplete(test.succeeding(first -> test.verify(() -> {
                        assertThat((Throwable) first.get(0)).hasMessageContaining("forced failure");
                        StoredState state = (StoredState) first.get(1);
                        assertThat(state.trades().get(0).isOpen()).isTrue();
                        assertThat(state.ledger()).hasSize(1);
                        execute("DROP TRIGGER refuse_credit");
                        onLoop(() -> settleOn(stored, Resolution.UP, T0.plusSeconds(301)))
                                .onComplete(test.succeeding(ok -> test.verify(() -> {
                                    assertThat(ok).isTrue();
                                    test.completeNow();
                                })));
                    })));
        })));
    }

    @Test
    @DisplayName("many inserts fired at once from the event loop all land, with distinct ids 1..n")
    void concurrentInsertsAllLand(VertxTestContext test) {
        int n = 100;
        check(test, () -> Future.all(IntStream.range(0, n)
                .mapToObj(i -> open(directional("0x" + i, T0.plusMillis(i))))
                .toList())
                .compose(all -> repo.load().map(state -> List.of(all.<Trade>list(), state))), result -> {
                    @SuppressWarnings("unchecked")
                    List<Trade> inserted = (List<Trade>) result.get(0);
                    StoredState state = (StoredState) result.get(1);
                    Set<Long> ids = new HashSet<>();
                    inserted.forEach(t -> ids.add(t.id()));
                    assertThat(ids).hasSize(n);
                    assertThat(ids).containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).toList());
                    assertThat(state.trades()).hasSize(n);
                    assertThat(state.ledger()).hasSize(n);
                });
    }

    // ---------------------------------------------------------------- connection settings

    @Test
    @DisplayName("the pool's connection runs in WAL mode with synchronous=FULL, foreign keys on and a busy timeout")
    void pragmasOnThePoolConnection(VertxTestContext test) {
        List<String> pragmas = List.of("journal_mode", "synchronous", "foreign_keys", "busy_timeout");
        check(test, () -> Future.all(pragmas.stream()
                .map(p -> sqlite().pool().query("PRAGMA " + p).execute().map(rows -> rows.iterator().next()
                        .getValue(0)))
                .toList()), all -> {
                    Object journal = all.resultAt(0);
                    assertThat(journal.toString()).isEqualToIgnoringCase("wal");
                    assertThat(((Number) all.resultAt(1)).intValue()).as("synchronous: 2 = FULL").isEqualTo(2);
                    assertThat(((Number) all.resultAt(2)).intValue()).isEqualTo(1);
                    assertThat(((Number) all.resultAt(3)).intValue()).isEqualTo(SqliteRepository.BUSY_TIMEOUT_MS);
                });
    }

    @Test
    @DisplayName("every connection the data source opens gets the same settings, not only the first one")
    void pragmasOnEveryConnection() throws SQLException {
        DataSource ds = sqlite().dataSource();
        try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
            for (Connection c : List.of(first, second)) {
                assertThat(pragma(c, "journal_mode")).isEqualToIgnoringCase("wal");
                assertThat(pragma(c, "synchronous")).isEqualTo("2");
                assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(c, "busy_timeout")).isEqualTo(String.valueOf(SqliteRepository.BUSY_TIMEOUT_MS));
            }
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    @DisplayName("every JDBC call runs on a worker thread, never on the event loop that made the request")
    void jdbcNeverOnTheEventLoop(VertxTestContext test) {
        JdbcThreadRecorder recorder = new JdbcThreadRecorder();
        Path other = dir.resolve("watched.db");
        check(test, () -> SqliteRepository.open(vertx, other, recorder::wrap)
                .compose(watched -> watched.init()
                        .compose(v -> watched.appendEntry(deposit("1000")))
                        .compose(e -> watched.insertOpenTrade(directional(), debitFor(directional())))
                        .compose(t -> {
                            Trade settled = settle(t, Resolution.UP, T0.plusSeconds(300));
                            return watched.settleTrade(settled, creditFor(settled));
                        })
                        .compose(ok -> watched.load())
                        .compose(state -> watched.listTrades(10, 0))
                        .eventually(() -> watched.close())), trades -> {
                    assertThat(trades).hasSize(1);
                    assertThat(recorder.calls.get()).as("JDBC calls seen").isGreaterThan(10);
                    assertThat(recorder.onEventLoop).as("JDBC methods called on an event loop").isEmpty();
                });
    }

    /** Wraps a data source so that every call on its connections and statements notes whether it ran on an event loop. */
    private static final class JdbcThreadRecorder {
        final AtomicInteger calls = new AtomicInteger();
        final Set<String> onEventLoop = ConcurrentHashMap.newKeySet();

        DataSource wrap(DataSource real) {
            return proxy(DataSource.class, real);
        }

        @SuppressWarnings("unchecked")
        private <T> T proxy(Class<T> type, T target) {
            InvocationHandler handler = (p, method, args) -> {
                calls.incrementAndGet();
                if (Context.isOnEventLoopThread()) {
                    onEventLoop.add(type.getSimpleName() + "." + method.getName());
                }
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                Class<?> returned = method.getReturnType();
                if (result != null && returned.isInterface() && returned.getName().startsWith("java.sql.")) {
                    return proxy((Class<Object>) returned, result);
                }
                return result;
            };
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }

    // ---------------------------------------------------------------- migrations

    @Test
    @DisplayName("the migrations are recorded in Flyway's history table, and init() again applies nothing twice")
    void migrationsRecorded(VertxTestContext test) {
        check(test, () -> repo.init().compose(v -> repo.init())
                .compose(v -> sqlite().pool()
                        .query("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")
                        .execute()), rows -> {
                    List<String> versions = new ArrayList<>();
                    for (Row r : rows) {
                        versions.add(r.getString("version"));
                        assertThat(r.getValue("success").toString()).isIn("1", "true");
                    }
                    assertThat(versions).containsExactly("1", "2", "3", "4");
                });
    }

    @Test
    @DisplayName("migrating a version-1 ledger gives every old trade the market its slug spells; new trades store theirs")
    void marketColumnMigration(VertxTestContext test) throws Exception {
        Path old = dir.resolve("v1.db");
        org.flywaydb.core.Flyway.configure(SqliteRepository.class.getClassLoader())
                .dataSource("jdbc:sqlite:" + old, null, null).locations(SqliteRepository.MIGRATIONS).target("1")
                .load().migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            for (String slug : List.of("eth-updown-15m-1766972400", "btc-updown-5m-1778584200", "odd-slug")) {
                s.execute("INSERT INTO trades (market_id, slug, side, price_micros, shares_micros, amount_micros, "
                        + "fee_micros, status, sources, confidence_micros, opened_at_ns) VALUES ('m', '" + slug
                        + "', 'BUY_UP', 500000, 2000000, 1000000, 0, 'OPEN', '[]', 0, 0)");
            }
        }
        Trade fresh = directional();
        check(test, () -> SqliteRepository.open(vertx, old).compose(r -> r.init()
                .compose(v -> r.insertOpenTrade(fresh, debitFor(fresh)))
                .compose(v -> r.pool().query("SELECT slug, market FROM trades ORDER BY id").execute())
                .eventually(() -> r.close())), rows -> {
                    Map<String, String> market = new java.util.LinkedHashMap<>();
                    for (Row r : rows) {
                        market.put(r.getString("slug"), String.valueOf(r.getString("market")));
                    }
                    assertThat(market).containsEntry("eth-updown-15m-1766972400", "eth-15m")
                            .containsEntry("btc-updown-5m-1778584200", "btc-5m").containsEntry("odd-slug", "null")
                            .containsEntry(fresh.slug(), String.valueOf(fresh.marketKey()));
                });
    }

    @Test
    @DisplayName("the schema itself holds the money rules: one credit per trade, entries only for stored trades")
    void schemaConstraints() throws SQLException {
        execute("INSERT INTO trades (market_id, slug, side, price_micros, shares_micros, amount_micros, fee_micros, "
                + "status, sources, confidence_micros, opened_at_ns) VALUES ('m', 's', 'BUY_UP', 500000, 2000000, "
                + "1000000, 0, 'OPEN', '[]', 0, 0)");
        Map<String, String> refused = Map.of(
                "a second credit for the trade",
                "INSERT INTO ledger (kind, amount_micros, trade_id, at_ns, note) VALUES "
                        + "('SETTLEMENT_CREDIT', 1, 1, 0, ''), ('SETTLEMENT_CREDIT', 1, 1, 0, '')",
                "an entry for a trade that does not exist",
                "INSERT INTO ledger (kind, amount_micros, trade_id, at_ns, note) VALUES ('TRADE_DEBIT', -1, 99, 0, '')",
                "a positive debit",
                "INSERT INTO ledger (kind, amount_micros, trade_id, at_ns, note) VALUES ('TRADE_DEBIT', 5, 1, 0, '')",
                "a top-up linked to a trade",
                "INSERT INTO ledger (kind, amount_micros, trade_id, at_ns, note) VALUES ('TOPUP', 5, 1, 0, '')",
                "a fractional amount in a money column",
                "INSERT INTO ledger (kind, amount_micros, at_ns, note) VALUES ('TOPUP', 5.5, 0, '')",
                "a settled trade without outcome, payout, pnl or time",
                "UPDATE trades SET status = 'SETTLED' WHERE id = 1");
        List<String> accepted = new ArrayList<>();
        for (Map.Entry<String, String> e : refused.entrySet()) {
            try {
                execute(e.getValue());
                accepted.add(e.getKey());
            } catch (SQLException expected) {
                // refused, as it must be
            }
        }
        assertThat(accepted).as("statements the schema should have refused").isEmpty();
        // the one trade row above is incomplete on purpose (no debit); remove it so the invariant check passes
        execute("DELETE FROM trades");
    }

    // ---------------------------------------------------------------- openExisting (the `trades` command)

    @Test
    @DisplayName("openExisting on a missing file fails and creates neither the file nor its directory")
    void openExistingMissingCreatesNothing(VertxTestContext test) {
        Path missing = dir.resolve("nowhere").resolve("updown.db");
        checkFails(test, () -> SqliteRepository.openExisting(vertx, missing), error -> {
            assertThat(error).isInstanceOf(NoSuchFileException.class);
            assertThat(missing.getParent()).doesNotExist();
        });
    }

    @Test
    @DisplayName("openExisting on a file without the schema fails and does not migrate it")
    void openExistingRefusesForeignFile(VertxTestContext test) throws Exception {
        Path foreign = dir.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (text TEXT)");
        }
        checkFails(test, () -> SqliteRepository.openExisting(vertx, foreign), error -> {
            assertThat(error).isInstanceOf(IllegalStateException.class).hasMessageContaining("not an UpDown database");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
                assertThat(tables).containsExactly("notes");
            }
        });
    }

    @Test
    @DisplayName("openExisting reads what the running bot committed, while the bot's repository stays open")
    void openExistingReadsBesideTheWriter(VertxTestContext test) {
        check(test, () -> repo.appendEntry(deposit("1000"))
                .compose(e -> open(directional()))
                .compose(t -> SqliteRepository.openExisting(vertx, dbFile()))
                .compose(reader -> Future.all(reader.load(), reader.countTrades())
                        .eventually(() -> reader.close())), all -> {
                    StoredState state = all.resultAt(0);
                    assertThat(state.trades()).hasSize(1);
                    assertThat(LedgerInvariant.balance(state.ledger()).format()).isEqualTo("989.878641");
                    assertThat((Integer) all.resultAt(1)).isEqualTo(1);
                });
    }

    @Test
    @DisplayName("a trade settled through one repository is settled for a second one on the same file")
    void settlementIsIdempotentAcrossHandles(VertxTestContext test) {
        check(test, () -> open(directional()).compose(stored -> settleOn(stored, Resolution.UP, T0.plusSeconds(300))
                .compose(ok -> SqliteRepository.openExisting(vertx, dbFile()))
                .compose(second -> {
                    Trade again = settle(stored, Resolution.UP, T0.plusSeconds(600));
                    return second.settleTrade(again, creditFor(again)).eventually(() -> second.close());
                }))
                .compose(okAgain -> repo.load().map(state -> List.of(okAgain, state))), result -> {
                    assertThat(result.get(0)).isEqualTo(false);
                    assertThat(((StoredState) result.get(1)).ledger())
                            .filteredOn(e -> e.kind() == LedgerKind.SETTLEMENT_CREDIT).hasSize(1);
                });
    }

    @Test
    @DisplayName("closing twice is harmless, and closing folds the WAL back into the database file")
    void closeTwice(VertxTestContext test) {
        Path wal = Path.of(dbFile() + "-wal");
        check(test, () -> open(directional()).map(t -> Files.exists(wal))
                .compose(walWhileOpen -> repo.close().compose(v -> repo.close())
                        .map(v -> List.of(walWhileOpen, Files.exists(wal))))
                .compose(seen -> openSameFile().map(r -> {
                    repo = r;
                    return seen;
                })), seen -> {
                    assertThat(seen.get(0)).as("WAL file while open").isTrue();
                    assertThat(seen.get(1)).as("WAL file after close").isFalse();
                });
    }
}
