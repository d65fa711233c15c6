package updown.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.config.BotConfig;
import updown.testkit.Fixtures;
import updown.testkit.TestConfig;

@DisplayName("Sweep: runs of one segment share one opening of the data and end as they would alone")
class SweepSharedRecordsTest {
    private final List<Vertx> vertxes = new ArrayList<>();

    private List<Vertx> vertxes(int n) {
        List<Vertx> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Vertx v = Backtest.newVertx();
            vertxes.add(v);
            out.add(v);
        }
        return out;
    }

    @AfterEach
    void close() {
        vertxes.forEach(Vertx::close);
    }

    @Test
    @DisplayName("same source key: groups of at most the limit, as even as possible; no key: a group of its own")
    void groups() {
        List<int[]> jobs = new ArrayList<>();
        for (int v = 0; v < 9; v++) {
            jobs.add(new int[] {v, 0});
        }
        jobs.add(new int[] {9, 1});
        List<List<int[]>> groups = Sweep.groups(jobs, job -> job[1] == 0 ? Optional.of("segment 0")
                : Optional.empty(), 4);
        assertThat(groups).extracting(List::size).containsExactly(1, 3, 3, 3);
        assertThat(groups.get(1)).extracting(j -> j[0]).containsExactly(0, 1, 2);
        assertThat(groups.get(3)).extracting(j -> j[0]).containsExactly(6, 7, 8);
        assertThat(Sweep.groups(jobs.subList(0, 2), job -> Optional.of("k"), 1))
                .extracting(List::size).containsExactly(1, 1);
    }

    @Test
    @DisplayName("three variants replayed together over one kline source get the ledgers they get alone")
    void sharedRunsMatchLoneRuns() throws Exception {
        DataSet.Klines data = DataSet.Klines.of(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"), 1);
        List<BotConfig> configs = List.of(TestConfig.with(Map.of("EMA_FAST", "2")),
                TestConfig.with(Map.of("EMA_FAST", "3")), TestConfig.with(Map.of("EMA_FAST", "5", "EMA_SLOW", "21")));
        List<Instant> bounds = List.of(Instant.parse("2022-01-01T03:00:00Z"), Instant.parse("2022-01-01T09:00:00Z"));
        List<int[]> group = List.of(new int[] {0, 0}, new int[] {1, 0}, new int[] {2, 0});
        assertThat(data.sourceKey(configs.get(0), Backtest.Options.window(configs.get(0), bounds.get(0),
                bounds.get(1), false))).isEqualTo(data.sourceKey(configs.get(2), Backtest.Options.window(
                configs.get(2), bounds.get(0), bounds.get(1), false)));

        AtomicInteger done = new AtomicInteger();
        List<Sweep.Run> together = Sweep.runGroup(vertxes(3), configs, data, bounds, false, group,
                done::incrementAndGet);
        assertThat(done).hasValue(3);
        assertThat(together).extracting(Sweep.Run::variant).containsExactly(0, 1, 2);
        for (int v = 0; v < 3; v++) {
            Sweep.Run alone = Sweep.runGroup(vertxes(1), configs, data, bounds, false, List.of(group.get(v)),
                    () -> { }).get(0);
            Sweep.Run shared = together.get(v);
            assertThat(shared.records()).isEqualTo(alone.records()).isPositive();
            assertThat(shared.ledgerSha256()).isEqualTo(alone.ledgerSha256());
            assertThat(shared.trades()).isEqualTo(alone.trades());
            assertThat(shared.pnl()).isEqualTo(alone.pnl());
        }
        assertThat(together.get(0).trades() + together.get(1).trades() + together.get(2).trades()).isPositive();
    }
}
