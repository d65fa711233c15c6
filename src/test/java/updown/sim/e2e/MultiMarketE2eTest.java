package updown.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.domain.MarketKey;
import updown.domain.PortfolioSnapshot;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.repository.StoredState;
import updown.synthetic.SimOptions;
import updown.synthetic.SimWindow;

@Tag("e2e")
@ExtendWith(VertxExtension.class)
@DisplayName("four markets (BTC and ETH × 5 and 15 minutes) in one bot, end to end")
class MultiMarketE2eTest {
    static final long SEED = 11;
    static final List<MarketKey> MARKETS = List.of(new MarketKey("BTC", 5), new MarketKey("BTC", 15),
            new MarketKey("ETH", 5), new MarketKey("ETH", 15));

    @Test
    @DisplayName("every market trades; each trade settles exactly once with its own window's published outcome;"
            + " memory = DB = independent recomputation")
    void fourMarkets(Vertx vertx, @TempDir Path dataDir) {
        SimOptions options = SimOptions.defaults().withSeed(SEED).withArbRate(0.15).withMarkets(MARKETS);
        SimRun run = SimRun.start(vertx, SimRun.SPEED, options, dataDir,
                Map.of("MARKETS", "btc-5m,btc-15m,eth-5m,eth-15m"), o -> { });
        try {
            assertThat(run.exchange.models()).extracting(m -> m.key()).containsExactlyElementsOf(MARKETS);
            run.until("a trade in each of the four markets", () -> run.observer.executed().stream()
                    .map(Trade::marketKey).collect(Collectors.toSet()).containsAll(MARKETS));
            PortfolioSnapshot memory = run.quiesce();
            run.stopAll(run.simulation().resolvedAmongFirst(Integer.MAX_VALUE));
            StoredState db = run.readDb();

            List<Trade> trades = db.trades();
            assertThat(trades).extracting(Trade::marketKey).as("markets traded, seed %d", SEED)
                    .containsAll(MARKETS).allMatch(MARKETS::contains);
            assertThat(trades).as("every trade settled").allMatch(t -> t.status() == TradeStatus.SETTLED);
            for (Trade t : trades) {
                SimWindow w = run.exchange.windowBySlug(t.slug()).orElseThrow();
                assertThat(w.market()).as("trade %d is in the market its slug names", t.id()).isEqualTo(t.marketKey());
                assertThat(java.time.Duration.between(w.start(), w.end()).toMinutes())
                        .as("window length of %s", t.slug()).isEqualTo(t.marketKey().windowMinutes());
            }
            // one settlement per trade against the exchange's own resolution of that window; money recomputed
            Invariants.check(run.exchange, run.observer, memory, db);
            Set<String> windows = trades.stream().map(Trade::slug).collect(Collectors.toSet());
            System.out.printf("e2e 4 markets: %d trades in %d windows %s, balance %s%n", trades.size(),
                    windows.size(), trades.stream().collect(Collectors.groupingBy(t -> t.marketKey().toString(),
                            java.util.TreeMap::new, Collectors.counting())), memory.balance());
        } finally {
            run.close();
        }
    }
}
