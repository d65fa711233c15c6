package updown.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.testkit.PostgresServer;

/**
 * The whole {@link RepositoryContractTest}, unchanged, against a real PostgreSQL server started for this class
 * ({@link PostgresServer}), plus what only PostgreSQL has to show. Each test gets its own database, a copy of one
 * migrated once for the class, so {@code init()} there is the "already current" path.
 */
@DisplayName("PostgresRepository keeps the Repository contract on a real PostgreSQL server")
class PostgresRepositoryTest extends RepositoryContractTest {
    private static final String TEMPLATE = "contract_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static PostgresServer server;
    private String database;

    @BeforeAll
    static void startServerAndMigrateTemplate(Vertx vertx, VertxTestContext test) throws Exception {
        // each test makes a database (a checkpoint): without fsync that is fast, and this suite measures nothing
        server = PostgresServer.start("fsync=off");
        server.createDatabase(TEMPLATE, null);
        PostgresRepository repo = PostgresRepository.open(vertx, server.url(TEMPLATE));
        repo.init().eventually(repo::close).onComplete(test.succeedingThenComplete());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Future<Repository> openFresh(Vertx vertx) {
        database = "contract_" + DATABASES.incrementAndGet();
        String name = database;
        return vertx.<Void>executeBlocking(() -> {
            server.createDatabase(name, TEMPLATE);
            return null;
        }).compose(v -> openSameDatabase(vertx));
    }

    private Future<Repository> openSameDatabase(Vertx vertx) {
        PostgresRepository repo = PostgresRepository.open(vertx, server.url(database));
        return repo.init().map(v -> repo);
    }

    @Override
    protected Future<Repository> reopen(Repository current) {
        return current.close().compose(v -> openSameDatabase(vertx));
    }

    @Override
    protected Future<Repository> openUninitialised(Vertx vertx) {
        String name = "uninitialised_" + DATABASES.incrementAndGet();
        return vertx.<Void>executeBlocking(() -> {
            server.createDatabase(name, null);
            return null;
        }).map(v -> PostgresRepository.open(vertx, server.url(name)));
    }

    @Test
    @DisplayName("every money and time column is a BIGINT: no NUMERIC, REAL or DOUBLE can hold a dollar amount")
    void moneyColumnsAreIntegers(VertxTestContext test) {
        test.verify(() -> {
            Map<String, String> types = new HashMap<>();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/"
                    + database, PostgresServer.USER, "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT table_name || '.' || column_name, data_type "
                         + "FROM information_schema.columns WHERE table_schema = 'public' "
                         + "AND (column_name LIKE '%\\_micros' OR column_name LIKE '%\\_ns')")) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
            assertThat(types).containsEntry("ledger.amount_micros", "bigint")
                    .containsEntry("trades.fee_micros", "bigint").hasSizeGreaterThan(15);
            assertThat(types.values()).containsOnly("bigint");
        });
        test.completeNow();
    }

    @Test
    @DisplayName("a DB_URL that is not a PostgreSQL URL fails with a message that does not repeat it")
    void badUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> PostgresRepository.connectOptions("mysql://bob:hunter2@db/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DB_URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    @DisplayName("the ledger's location in log lines names host, port and database but never the password")
    void whereHidesCredentials() {
        String where = PostgresRepository.describe(
                PostgresRepository.connectOptions("postgresql://bot:s3cret@db.example:6543/ledger"));
        assertThat(where).isEqualTo("postgresql://db.example:6543/ledger").doesNotContain("s3cret", "bot");
    }
}
