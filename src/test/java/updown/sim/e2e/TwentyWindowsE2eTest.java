package updown.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.Direction;
import updown.domain.PortfolioSnapshot;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.repository.StoredState;
import updown.sim.SimOptions;

@ExtendWith(VertxExtension.class)
@DisplayName("twenty simulated windows end to end")
class TwentyWindowsE2eTest {
    static final int WINDOWS = 20;
    static final long SEED = 7;

    @Test
    @DisplayName("the ensemble and the arbitrage both trade, every trade settles once with the published outcome,"
            + " memory = DB = recomputation, and no trade is decided on a stale book")
    void twentyWindows(Vertx vertx, @TempDir Path dataDir) {
        SimOptions options = SimOptions.defaults().withSeed(SEED).withArbRate(0.15);
        SimRun run = SimRun.start(vertx, SimRun.SPEED, options, dataDir, Map.of("DASHBOARD_ENABLED", "true",
                "DASHBOARD_PORT", "0"), o -> { });
        try {
            run.untilWindows(WINDOWS);
            PortfolioSnapshot memory = run.quiesce();
            run.stopBot();
            StoredState db = run.readDb();

            List<Trade> trades = db.trades();
            assertThat(trades).as("trades of seed %d", SEED).isNotEmpty();
            assertThat(trades).as("ensemble trades (two strategies agreeing), seed %d", SEED)
                    .anyMatch(t -> t.side() != Direction.ARB && t.sources().size() >= 2);
            assertThat(trades).as("arbitrage trades, seed %d", SEED).anyMatch(t -> t.side() == Direction.ARB);
            assertThat(trades).as("every trade settled").allMatch(t -> t.status() == TradeStatus.SETTLED);
            Invariants.check(run.exchange, run.observer, memory, db);
            assertThat(run.lines).as("one line per trade and per settlement")
                    .hasSize(trades.size() + (int) trades.stream().filter(t -> !t.isOpen()).count());
            System.out.printf("e2e 20 windows: %d trades %s, balance %s, %d stale-book events%n", trades.size(),
                    Invariants.bySources(trades), memory.balance(), run.observer.staleEvents().size());
        } finally {
            run.close();
        }
    }
}
