package updown.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.config.BotConfig;
import updown.domain.Trade;
import updown.repository.LedgerInvariant;
import updown.sim.SimOptions;
import updown.sim.SimRecordSource;
import updown.testkit.Await;
import updown.testkit.Fixtures;
import updown.testkit.TestConfig;

@DisplayName("Kline backtest: the real 1-minute CSV with synthesized markets and books, through the real trader")
class KlineBacktestTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Backtest.newVertx();
    }

    @AfterEach
    void stop() {
        Await.result(vertx.close());
    }

    @Test
    @DisplayName("six hours of January 2022 trade, settle every trade, and keep the ledger consistent")
    void sixHours() throws Exception {
        Path csv = Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv");
        BotConfig config = TestConfig.with(Map.of());
        SimRecordSource.Loaded data = SimRecordSource.loadKlines(csv, SimOptions.defaults().withSeed(7));
        Instant from = data.span().first().plus(Duration.ofHours(3));
        Instant to = from.plus(Duration.ofHours(6));
        Backtest.Options options = new Backtest.Options(from, to, Backtest.Options.warmupFor(config),
                Duration.ofMinutes(30));
        Instant genStart = from.minus(options.warmup());
        BacktestRun run = Await.result(Backtest.run(vertx, config, SimRecordSource.of(data.model(genStart), genStart,
                to.plus(options.settleGrace()), Duration.ofMillis(config.trading().tickIntervalMs())), options));
        System.out.println(run.stats() + " " + run.state().trades().size() + " trades " + run.ledgerSha256());
        assertThat(run.state().trades()).isNotEmpty();
        assertThat(run.state().trades()).noneMatch(Trade::isOpen);
        LedgerInvariant.assertHolds(run.state());
    }
}
