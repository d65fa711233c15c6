package updown.backtest;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
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
import updown.strategy.Decider;
import updown.testkit.Await;
import updown.testkit.Fixtures;
import updown.testkit.TestConfig;

@Tag("e2e")
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

    private BacktestRun run(DataSet.Klines data, BotConfig config, Decider decider, Backtest.Options options)
            throws Exception {
        return Await.result(Backtest.run(vertx, config, decider, data.open(config, options), options));
    }

    @Test
    @DisplayName("four hours of January 2022: trades both kinds, settles every trade, keeps the ledger consistent; "
            + "the incremental Directional gives the same ledger bytes")
    void fourHours() throws Exception {
        DataSet.Klines data = DataSet.Klines.of(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"), 7);
        BotConfig config = TestConfig.with(Map.of());
        Instant from = data.start().plus(Duration.ofHours(3));
        Backtest.Options options = new Backtest.Options(from, from.plus(Duration.ofHours(4)),
                Backtest.Options.warmupFor(config), Backtest.DEFAULT_SETTLE_GRACE, false);
        BacktestRun exact = run(data, config, Decider.fromConfig(config), options);
        assertThat(exact.state().trades()).hasSizeGreaterThan(10)
                .noneMatch(Trade::isOpen)
                .anyMatch(t -> t.sources().contains("Arbitrage"))
                .anyMatch(t -> t.sources().contains("Directional"))
                .allSatisfy(t -> assertThat(t.openedAt()).isAfterOrEqualTo(from).isBefore(options.to()));
        LedgerInvariant.assertHolds(exact.state());
        assertThat(exact.stats().firstTick()).isEqualTo(from);

        BacktestRun incremental = run(data, config, Decider.incremental(config), options);
        assertThat(incremental.ledgerSha256()).isEqualTo(exact.ledgerSha256());
    }

    @Test
    @DisplayName("a tripped breaker halts the rest of the run, unless --resume-daily resumes it at KST midnight")
    void breakerAndDailyResume() throws Exception {
        DataSet.Klines data = DataSet.Klines.of(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"), 7);
        BotConfig config = TestConfig.with(Map.of("MAX_DAILY_LOSS", "5"));
        Instant from = Instant.parse("2022-01-01T10:00:00Z");
        Instant midnightKst = Instant.parse("2022-01-01T15:00:00Z");
        Instant to = Instant.parse("2022-01-01T20:00:00Z");
        BacktestRun halted = run(data, config, Decider.incremental(config),
                Backtest.Options.window(config, from, to, false));
        BacktestRun resumed = run(data, config, Decider.incremental(config),
                Backtest.Options.window(config, from, to, true));
        assertThat(halted.state().trades()).isNotEmpty().allMatch(t -> t.openedAt().isBefore(midnightKst));
        assertThat(resumed.state().trades()).anyMatch(t -> t.openedAt().isAfter(midnightKst))
                .hasSizeGreaterThan(halted.state().trades().size());
    }
}
