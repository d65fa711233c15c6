package updown.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
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
import updown.sim.SimOptions;
import updown.sim.SimWindow;

@ExtendWith(VertxExtension.class)
@DisplayName("restart end to end")
class RestartE2eTest {
    static final long SEED = 5;
    static final Duration HALF_WINDOW = Duration.ofSeconds(150);

    @Test
    @DisplayName("a market that closes and resolves while the bot is down is settled exactly once after the restart,"
            + " and nothing stored before is lost")
    void restartInTheMiddle(Vertx vertx, @TempDir Path dataDir) {
        SimOptions options = SimOptions.defaults().withSeed(SEED).withArbRate(0.15);
        SimRun run = SimRun.start(vertx, SimRun.SPEED, options, dataDir, Map.of(), o -> { });
        try {
            // a trade early in its window, so its market is still running when the bot has stopped
            run.until("a trade with half its window left", () -> run.observer.executed().stream()
                    .anyMatch(t -> !t.openedAt().plus(HALF_WINDOW).isAfter(run.windowOf(t).end())));
            run.stopBot();
            int settledAtStop = run.observer.settled().size();
            Instant stoppedAt = run.clock.instant();
            StoredState before = run.readDb();
            List<Trade> openAtStop = before.trades().stream().filter(Trade::isOpen).toList();
            assertThat(openAtStop).as("open trades when the bot went down").isNotEmpty();
            Trade held = openAtStop.stream()
                    .filter(t -> !t.openedAt().plus(HALF_WINDOW).isAfter(run.windowOf(t).end()))
                    .findFirst().orElseThrow();
            SimWindow w = run.windowOf(held);
            assertThat(w.end()).as("its market was still running at the stop").isAfter(stoppedAt);

            // the bot stays down while the market closes and the exchange publishes its outcome
            run.until("window " + w.index() + " resolved on the exchange",
                    () -> run.exchange.publishedWinner(w).isPresent());
            Instant restartedAt = run.clock.instant();
            assertThat(run.observer.settled()).as("nothing settled while the bot was down").hasSize(settledAtStop);
            run.restartBot();

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
