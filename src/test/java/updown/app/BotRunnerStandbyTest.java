package updown.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.engine.PaperEngine;
import updown.repository.LedgerWriterLock;
import updown.testkit.BusRecorder;
import updown.testkit.PostgresServer;
import updown.testkit.TestConfig;
import updown.time.BotClock;

/**
 * {@code run} on a PostgreSQL ledger another node writes: the runner waits for the writer lock (no start timeout),
 * starts when the lock is free, and on a stop gives it up; a stop while it still waits is an ordinary exit 0.
 */
@DisplayName("BotRunner on PostgreSQL: a standby waits for the writer lock, takes over, and stops cleanly")
class BotRunnerStandbyTest {
    private static PostgresServer server;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start("fsync=off");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Every venue on a closed loopback port: market data retries quietly, nothing leaves the machine. */
    private BotConfig config(String database) {
        return TestConfig.inDataDir(dataDir, Map.ofEntries(Map.entry("RECORD_ENABLED", "false"),
                Map.entry("DASHBOARD_ENABLED", "false"), Map.entry("DB_URL", server.url(database)),
                Map.entry("GAMMA_API_URL", "http://127.0.0.1:1"), Map.entry("CLOB_API_URL", "http://127.0.0.1:1"),
                Map.entry("CLOB_WS_URL", "ws://127.0.0.1:1"), Map.entry("BINANCE_REST_URL", "http://127.0.0.1:1"),
                Map.entry("BINANCE_WS_URL", "ws://127.0.0.1:1"), Map.entry("RTDS_WS_URL", "ws://127.0.0.1:1")));
    }

    @Test
    @DisplayName("waits while another node holds the lock, starts and ticks once it is free, releases it on stop")
    void waitsThenTakesOver() throws Exception {
        server.createDatabase("takeover", null);
        BotConfig config = config("takeover");
        Vertx other = Vertx.vertx();
        Vertx vertx = Vertx.vertx();
        try {
            LedgerWriterLock held = await(LedgerWriterLock.acquire(other, server.url("takeover"), () -> { }));
            BusRecorder<Object> ticks = BusRecorder.on(vertx, Addresses.TRADER_TICKED);
            StopSignal stop = StopSignal.manual();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> BotRunner.runUntil(stop, vertx,
                    config, BotClock.system(), PaperEngine.fromConfig(config)));
            awaitWaiters(1);
            assertThat(Files.exists(config.storage().healthFile())).as("a standby does not tick").isFalse();
            assertThat(exit).as("a standby does not give up").isNotDone();

            await(held.release());
            ticks.awaitFirst();
            stop.request();
            assertThat(exit.get(BotRunner.SHUTDOWN_SECONDS, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
            // released on stop: the other node gets it at once
            await(await(LedgerWriterLock.acquire(other, server.url("takeover"), () -> { })).release());
        } finally {
            await(other.close());
        }
    }

    @Test
    @DisplayName("a stop while still waiting for the lock exits 0 (not the exit 1 of a lost lock), with no hang")
    void stopWhileWaiting() throws Exception {
        server.createDatabase("waiting", null);
        BotConfig config = config("waiting");
        Vertx other = Vertx.vertx();
        try {
            LedgerWriterLock held = await(LedgerWriterLock.acquire(other, server.url("waiting"), () -> { }));
            StopSignal stop = StopSignal.manual();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> BotRunner.runUntil(stop,
                    Vertx.vertx(), config, BotClock.system(), PaperEngine.fromConfig(config)));
            awaitWaiters(1);
            stop.request();
            assertThat(exit.get(BotRunner.SHUTDOWN_SECONDS, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
            awaitWaiters(0);
            await(held.release());
        } finally {
            await(other.close());
        }
    }

    /** Until {@code n} sessions wait for an advisory lock, as the server reports it (polled, up to 30 s). */
    private static void awaitWaiters(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiters() != n) {
            assertThat(System.nanoTime()).as("%d session(s) waiting for the lock", n).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static int waiters() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres",
                PostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
