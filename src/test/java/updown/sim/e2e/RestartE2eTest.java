package updown.sim.e2e;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.PortfolioSnapshot;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.repository.StoredState;
import updown.synthetic.SimOptions;
import updown.synthetic.SimWindow;

@Tag("e2e")
@ExtendWith(VertxExtension.class)
@DisplayName("restart end to end")
class RestartE2eTest {
    static final long SEED = 5;

    /** Holds the clock at a moment when the bot holds an open trade whose market is still running; returns it. */
    static Trade holdWithATradeRunning(SimRun run) {
        while (true) {
            run.until("an open trade in a running market", () -> run.observer.executed().stream()
                    .anyMatch(t -> run.windowOf(t).end().isAfter(run.clock.instant())));
            run.clock.hold();
            Instant now = run.clock.instant();
            List<Trade> settled = run.observer.settled();
            java.util.Optional<Trade> open = run.observer.executed().stream()
                    .filter(t -> run.windowOf(t).end().isAfter(now))
                    .filter(t -> settled.stream().noneMatch(s -> s.id() == t.id()))
                    .findFirst();
            if (open.isPresent()) {
                return open.get();
            }
            run.clock.release();
        }
    }

    @Test
    @DisplayName("a market that closes and resolves while the bot is down is settled exactly once after the restart,"
            + " and nothing stored before is lost")
    void restartInTheMiddle(Vertx vertx, @TempDir Path dataDir) {
        SimOptions options = SimOptions.defaults().withSeed(SEED).withArbRate(0.15);
        SimRun run = SimRun.start(vertx, SimRun.SPEED, options, dataDir, Map.of(), o -> { });
        try {
            // time stands still while the bot stops, so the market of its open trade is still running then
            Trade held = holdWithATradeRunning(run);
            SimWindow w = run.windowOf(held);
            run.stopBot();
            Instant stoppedAt = run.clock.instant();
            int settledAtStop = run.observer.settled().size();
            StoredState before = run.readDb();
            assertThat(before.trades()).as("the open trade is stored").anyMatch(t -> t.id() == held.id() && t.isOpen());
            assertThat(w.end()).as("its market was still running at the stop").isAfter(stoppedAt);

            // the bot stays down while the market closes and the exchange publishes its outcome
            run.clock.release();
            run.until("window " + w.index() + " resolved on the exchange",
                    () -> run.exchange.publishedWinner(w).isPresent());
            run.clock.hold();
            Instant restartedAt = run.clock.instant();
            assertThat(run.observer.settled()).as("nothing settled while the bot was down").hasSize(settledAtStop);
            run.restartBot();
            run.clock.release();

            run.until("trade " + held.id() + " settled after the restart",
                    () -> run.observer.settled().stream().anyMatch(t -> t.id() == held.id()));
            // run on until the next window with trades has settled too: the restarted bot trades and settles
            run.until("a trade opened after the restart", () -> run.observer.executed().stream()
                    .anyMatch(t -> t.openedAt().isAfter(restartedAt)));
            Trade later = run.observer.executed().stream().filter(t -> t.openedAt().isAfter(restartedAt))
                    .findFirst().orElseThrow();
            run.untilWindows(run.windowOf(later).index() + 1);

            PortfolioSnapshot memory = run.quiesce();
            run.stopBot();
            StoredState after = run.readDb();
            Invariants.check(run.exchange, run.observer, memory, after);

            Trade settled = after.trades().stream().filter(t -> t.id() == held.id()).findFirst().orElseThrow();
            assertThat(settled.status()).isEqualTo(TradeStatus.SETTLED);
            assertThat(settled.outcome()).isEqualTo(Resolution.of(run.exchange.publishedWinner(w).orElseThrow()));
            assertThat(settled.settledAt()).as("settled by the restarted bot").isAfterOrEqualTo(restartedAt);
            assertThat(run.observer.settled().stream().filter(t -> t.id() == held.id()).count())
                    .as("settlements of trade %d", held.id()).isEqualTo(1);
            // nothing lost: every trade and ledger entry stored before the stop is still there, unchanged or settled
            assertThat(after.ledger()).as("ledger entries kept").containsAll(before.ledger());
            for (Trade t : before.trades()) {
                Trade now = after.trades().stream().filter(x -> x.id() == t.id()).findFirst()
                        .orElseThrow(() -> new AssertionError("trade " + t.id() + " lost in the restart"));
                assertThat(now.openedAt()).isEqualTo(t.openedAt());
                assertThat(now.amount()).isEqualTo(t.amount());
                assertThat(now.fee()).isEqualTo(t.fee());
                assertThat(now.shares()).isEqualTo(t.shares());
            }
        } finally {
            run.close();
        }
    }
}
