package updown.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.repository.TestTrades.T0;
import static updown.repository.TestTrades.creditFor;
import static updown.repository.TestTrades.debitFor;
import static updown.repository.TestTrades.deposit;
import static updown.repository.TestTrades.directional;
import static updown.repository.TestTrades.settle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.testkit.PostgresServer;

/**
 * The figures docs/operations.md quotes: the latency of a ledger commit (call → durable commit, the way the
 * portfolio waits for it, one at a time) on SQLite (WAL, synchronous=FULL) and on a local PostgreSQL (fsync on,
 * synchronous_commit on, over 127.0.0.1). Each run opens and settles {@value #TRADES} trades; the numbers go to
 * target/ledger-commit-latency.txt. The assertions are the durability of what was measured, not the speed of this
 * machine: every commit is there after a reopen, and the ledger adds up.
 */
@DisplayName("ledger commit latency, SQLite vs PostgreSQL (measured, for docs/operations.md)")
class LedgerCommitLatencyIT {
    private static final int TRADES = 300;

    @TempDir
    Path dir;

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("open + settle 300 trades on each; every commit survives a reopen; p50/p99 reported")
    void measure() throws Exception {
        String sqlite = run("SQLite", () -> SqliteRepository.open(vertx, dir.resolve("latency.db"))
                .map(r -> (Repository) r));
        String postgres;
        try (PostgresServer server = PostgresServer.start()) {
            server.createDatabase("latency", null);
            postgres = run("PostgreSQL", () -> Future.succeededFuture(PostgresRepository.open(vertx,
                    server.url("latency"))));
        }
        String report = "ledger commit latency (" + TRADES + " trades opened and settled, one commit at a time)\n"
                + sqlite + postgres;
        System.out.print(report);
        Files.writeString(Path.of("target", "ledger-commit-latency.txt"), report, StandardCharsets.UTF_8);
    }

    private interface Opener {
        Future<Repository> open();
    }

    private String run(String name, Opener opener) throws Exception {
        Repository repo = await(opener.open().compose(r -> r.init().map(v -> r)));
        await(repo.appendEntry(deposit("100000")));
        List<Long> opens = new ArrayList<>();
        List<Long> settles = new ArrayList<>();
        for (int i = 0; i < TRADES; i++) {
            Trade t = directional("m-" + i, T0.plusSeconds(i));
            long a = System.nanoTime();
            Trade stored = await(repo.insertOpenTrade(t, debitFor(t)));
            long b = System.nanoTime();
            Trade settled = settle(stored, i % 2 == 0 ? Resolution.UP : Resolution.DOWN, T0.plusSeconds(i + 300));
            assertThat(await(repo.settleTrade(settled, creditFor(settled)))).isTrue();
            long c = System.nanoTime();
            opens.add(b - a);
            settles.add(c - b);
        }
        await(repo.close());
        Repository again = await(opener.open().compose(r -> r.init().map(v -> r)));
        StoredState state = await(again.load());
        await(again.close());
        assertThat(state.trades()).hasSize(TRADES).allMatch(t -> t.status().name().equals("SETTLED"));
        assertThat(state.ledger()).hasSize(1 + 2 * TRADES);
        LedgerInvariant.assertHolds(state);
        return String.format("  %-10s open (trade + debit): %s; settle (update + credit): %s%n", name,
                stats(opens), stats(settles));
    }

    private static String stats(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", ms(s.get(s.size() / 2)),
                ms(s.get((int) Math.ceil(s.size() * 0.99) - 1)), ms(s.get(s.size() - 1)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
