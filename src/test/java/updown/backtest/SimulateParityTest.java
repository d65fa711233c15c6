package updown.backtest;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.config.BotConfig;
import updown.config.ConfigLoader;
import updown.domain.LedgerEntry;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.record.TapeReader;
import updown.repository.SqliteRepository;
import updown.repository.StoredState;
import updown.synthetic.SimOptions;
import updown.sim.run.Simulation;
import updown.testkit.Await;
import updown.time.ScaledClock;

@Tag("e2e")
@DisplayName("Parity: replaying the tape a simulate run recorded gives that run's trades and final balance")
class SimulateParityTest {
    /** Windows to resolve on the exchange after the bot started before the run is stopped. */
    private static final int WINDOWS = 3;
    private Vertx vertx;
    private Vertx replayVertx;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        replayVertx = Backtest.newVertx();
    }

    @AfterEach
    void stop() {
        Await.result(replayVertx.close());
        Await.result(vertx.close());
    }

    /** What a trade is, economically: everything but the wall-clock-dependent opening time. */
    private record Economics(String slug, String side, String price, String altPrice, String shares,
                             String altShares, String amount, String fee, String status, String outcome,
                             String payout, String pnl, List<String> sources, String confidence) {
        static Economics of(Trade t) {
            return new Economics(t.slug(), t.side().name(), t.price().format(), String.valueOf(t.altPrice()),
                    t.shares().format(), String.valueOf(t.altShares()), t.amount().format(), t.fee().format(),
                    t.status().name(), String.valueOf(t.outcome()), String.valueOf(t.payout()),
                    String.valueOf(t.pnl()), t.sources(), t.confidence().format());
        }
    }

    private static List<String> openings(StoredState s) {
        return s.trades().stream().map(t -> t.slug() + "@" + t.openedAt()).toList();
    }

    private static Usd balance(StoredState s) {
        return s.ledger().stream().map(LedgerEntry::amount).reduce(Usd.ZERO, Usd::plus);
    }

    private BotConfig configWith(Map<String, String> exchange) {
        Map<String, String> raw = new LinkedHashMap<>(ConfigLoader.defaults(Path.of("/nonexistent-dir")));
        raw.putAll(Simulation.simulateDefaults());
        raw.putAll(exchange);
        raw.put("DATA_DIR", dataDir.toString());
        raw.put("DASHBOARD_ENABLED", "false");
        raw.put("RECORD_ENABLED", "true");
        // at 60x the default 30 s staleness is 500 real ms, which a busy build box can spend inside one tick: the
        // bot then rightly refuses that tick's trades (a wall-clock guard no replay can see). Staleness flags from
        // the feeds are on the tape either way, so this loses no parity coverage.
        raw.put("BOOK_STALE_MS", "300000");
        raw.put("PRICE_STALE_MS", "300000");
        // more trades per window than the defaults give, so the comparison has something to compare
        raw.put("CONFIDENCE_THRESHOLD", "0.55");
        raw.put("OBI_THRESHOLD", "0.10");
        raw.put("ENSEMBLE_MIN_VOTES", "1");
        ConfigLoader.Result r = ConfigLoader.fromMap(raw, List.of());
        if (!r.ok()) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        return r.config();
    }

    @Test
    @DisplayName("a simulate run at 60x over " + WINDOWS + " windows, recorded, stopped, replayed on a virtual clock")
    void replayMatchesSimulation() throws Exception {
        // 60x, not faster: a live tick that a loaded machine stalls past its window's end is refused by a wall-clock
        // guard the replay cannot see (seen at 150x with other builds running: one window traded only in the replay)
        ScaledClock clock = new ScaledClock(Instant.parse("2026-05-12T03:00:00Z"), 60);
        SimOptions options = SimOptions.defaults().withSeed(11).withArbRate(0.05);
        Simulation sim = Await.result(Simulation.start(vertx, clock, options, this::configWith, line -> { }));
        BotConfig config = sim.config();
        // stop whenever: trades still open at the stop are open in the replay too, as long as it ticked the same
        int before = sim.exchange().resolutions().size();
        Await.result(Await.until(vertx, () -> sim.exchange().resolutions().size() >= before + WINDOWS));
        Await.result(sim.stop(WINDOWS));

        StoredState live = Await.result(SqliteRepository.openExisting(vertx, config.storage().dbPath())
                .compose(repo -> repo.load().onComplete(ar -> repo.close())));
        BacktestRun replay = Await.result(Backtest.run(replayVertx, config,
                TapeReader.open(config.storage().tapeDir()), Backtest.Options.all()));

        assertThat(live.trades()).as("the run traded").isNotEmpty();
        assertThat(replay.state().trades().stream().map(Economics::of).toList())
                .as("opened at: live %s, replay %s", openings(live), openings(replay.state()))
                .containsExactlyElementsOf(live.trades().stream().map(Economics::of).toList());
        assertThat(balance(replay.state())).isEqualTo(balance(live));
        System.out.printf("parity: %d trades, final balance %s, %d ticks, %d events replayed%n",
                live.trades().size(), balance(live), replay.stats().ticks(), replay.stats().events());
    }
}
