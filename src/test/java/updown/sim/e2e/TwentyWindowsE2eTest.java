package updown.sim.e2e;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
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
import updown.domain.Usd;
import updown.repository.StoredState;
import updown.synthetic.SimOptions;
import updown.sim.run.SimulationReport;

@Tag("e2e")
@ExtendWith(VertxExtension.class)
@DisplayName("twenty simulated windows end to end")
class TwentyWindowsE2eTest {
    static final int WINDOWS = 20;
    static final long SEED = 7;

    /** A directional trade two strategies agreed on. */
    static boolean ensemble(Trade t) {
        return t.side() != Direction.ARB && t.sources().size() >= 2;
    }

    @Test
    @DisplayName("the ensemble and the arbitrage both trade, every trade settles once with the published outcome,"
            + " memory = DB = recomputation, and no trade is decided on a stale book")
    void twentyWindows(Vertx vertx, @TempDir Path dataDir) {
        SimOptions options = SimOptions.defaults().withSeed(SEED).withArbRate(0.15);
        SimRun run = SimRun.start(vertx, SimRun.SPEED, options, dataDir, Map.of("DASHBOARD_ENABLED", "true",
                "DASHBOARD_PORT", "0"), o -> { });
        try {
            // at least 20 windows, and on until both kinds of trade happened: how many windows that takes depends on
            // how much CPU the machine gives the run, what it proves does not
            run.untilWindows(WINDOWS);
            run.until("an ensemble trade and an arbitrage trade", () -> run.observer.executed().stream()
                    .anyMatch(TwentyWindowsE2eTest::ensemble) && run.observer.executed().stream()
                    .anyMatch(t -> t.side() == Direction.ARB));
            PortfolioSnapshot memory = run.quiesce();
            // the dashboard of the running bot shows the same trades and draws the equity chart
            int port = run.simulation().running().bot().dashboardPort();
            WebClient web = WebClient.create(vertx);
            JsonObject api = SimRun.await(web.get(port, "127.0.0.1", "/api/trades?limit=500").send())
                    .bodyAsJsonObject();
            HttpResponse<Buffer> chart = SimRun.await(web.get(port, "127.0.0.1", "/api/chart.png").send());
            web.close();
            int windows = run.simulation().resolvedAmongFirst(Integer.MAX_VALUE);
            SimulationReport.Summary summary = run.stopAll(windows);
            StoredState db = run.readDb();

            List<Trade> trades = db.trades();
            assertThat(trades).as("trades of seed %d", SEED).isNotEmpty();
            assertThat(trades).as("ensemble trades (two strategies agreeing), seed %d", SEED)
                    .anyMatch(TwentyWindowsE2eTest::ensemble);
            assertThat(trades).as("arbitrage trades, seed %d", SEED).anyMatch(t -> t.side() == Direction.ARB);
            assertThat(trades).as("every trade settled").allMatch(t -> t.status() == TradeStatus.SETTLED);
            Invariants.check(run.exchange, run.observer, memory, db);
            assertThat(api.getInteger("total")).as("trades on the dashboard").isEqualTo(trades.size());
            assertThat(chart.statusCode()).isEqualTo(200);
            assertThat(chart.getHeader("Content-Type")).isEqualTo("image/png");
            assertThat(chart.body().getBytes(1, 4)).as("PNG signature").isEqualTo("PNG".getBytes());
            assertThat(run.lines).as("one line per trade and per settlement")
                    .hasSize(trades.size() + (int) trades.stream().filter(t -> !t.isOpen()).count());
            for (Trade t : trades) {
                assertThat(run.lines).as("lines of trade %d", t.id())
                        .filteredOn(l -> l.matches("(TRADE|SETTLE) +#" + t.id() + " .*")).hasSize(2);
            }
            assertThat(windows).isGreaterThanOrEqualTo(WINDOWS);
            assertThat(summary.trades()).isEqualTo(trades.size());
            assertThat(summary.wins() + summary.losses()).isEqualTo(trades.size());
            assertThat(summary.unknown()).isZero();
            assertThat(summary.finalBalance()).isEqualTo(Invariants.ledgerBalance(db));
            assertThat(summary.pnl()).isEqualTo(trades.stream().map(Trade::pnl).reduce(Usd.ZERO, Usd::plus));
            System.out.printf("e2e 20 windows: %d trades %s, balance %s, %d stale-book events%n", trades.size(),
                    Invariants.bySources(trades), memory.balance(), run.observer.staleEvents().size());
        } finally {
            run.close();
        }
    }
}
