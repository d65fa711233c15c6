package updown.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.testkit.PostgresServer;

/**
 * The writer lock on a real PostgreSQL server: a second node waits while the first holds it, takes it when the
 * first lets go, and a holder whose lock session is ended learns it has lost the lock.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("LedgerWriterLock: one writer per ledger, a standby takes over")
class LedgerWriterLockTest {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
        server.createDatabase("wallet_a", null);
        server.createDatabase("wallet_b", null);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("a second node waits in the server while the first holds the lock, and gets it when the first lets go")
    void standbyWaitsThenTakesOver(Vertx vertx, VertxTestContext test) {
        AtomicBoolean standbyHolds = new AtomicBoolean();
        LedgerWriterLock.acquire(vertx, server.url("wallet_a"), () -> { }).onComplete(test.succeeding(first -> {
            Future<LedgerWriterLock> standby = LedgerWriterLock.acquire(vertx, server.url("wallet_a"), () -> { })
                    .onSuccess(l -> standbyHolds.set(true));
            waitingSessions(vertx, 1).compose(v -> {
                test.verify(() -> assertThat(standbyHolds).as("the standby must not hold it yet").isFalse());
                return first.release();
            }).compose(v -> standby).compose(LedgerWriterLock::release)
                    .onComplete(test.succeedingThenComplete());
        }));
    }

    @Test
    @DisplayName("the lock is per database (per wallet): nodes of two wallets both write at once")
    void oneLockPerDatabase(Vertx vertx, VertxTestContext test) {
        Future.all(LedgerWriterLock.acquire(vertx, server.url("wallet_a"), () -> { }),
                        LedgerWriterLock.acquire(vertx, server.url("wallet_b"), () -> { }))
                .compose(both -> Future.all(both.<LedgerWriterLock>resultAt(0).release(),
                        both.<LedgerWriterLock>resultAt(1).release()))
                .onComplete(test.succeedingThenComplete());
    }

    @Test
    @DisplayName("a holder whose lock session ends server side is told it lost the lock; a release is not a loss")
    void lostLockIsReported(Vertx vertx, VertxTestContext test) {
        AtomicBoolean releasedOneLost = new AtomicBoolean();
        LedgerWriterLock.acquire(vertx, server.url("wallet_b"), () -> releasedOneLost.set(true))
                .compose(LedgerWriterLock::release)
                .compose(v -> LedgerWriterLock.acquire(vertx, server.url("wallet_b"), () -> test.verify(() -> {
                    assertThat(releasedOneLost).as("releasing is not losing").isFalse();
                    test.completeNow();
                })))
                .compose(held -> vertx.executeBlocking(() -> {
                    // what a server restart or a dropped network does to the holder's session
                    server.sql("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                            + "AND granted");
                    return null;
                }))
                .onFailure(test::failNow);
    }

    /** Completes once {@code n} sessions wait for an advisory lock (polled on the server, not guessed by time). */
    private static Future<Void> waitingSessions(Vertx vertx, int n) {
        Promise<Void> done = Promise.promise();
        poll(vertx, n, done, 0);
        return done.future();
    }

    private static void poll(Vertx vertx, int n, Promise<Void> done, int attempt) {
        vertx.executeBlocking(() -> countWaiting()).onComplete(ar -> {
            if (ar.succeeded() && ar.result() >= n) {
                done.complete();
            } else if (attempt > 500) {
                done.fail("no session waited for the lock");
            } else {
                vertx.setTimer(10, t -> poll(vertx, n, done, attempt + 1));
            }
        });
    }

    private static int countWaiting() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres",
                PostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
