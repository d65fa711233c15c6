package updown.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.MarketSnapshot;
import updown.domain.OrderBook;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.engine.PaperEngine;
import updown.strategy.Decider;
import updown.strategy.Decision;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;

/**
 * The trader's per-market decision path: two real books (the captured mid-window Up book and its complement, 40
 * levels a side at most) + 60 one-minute candles → {@link Decider#decide} (arbitrage check, ensemble of Directional
 * and OrderbookImbalance, threshold, entry filter, sizing with fee room) → {@link PaperEngine#fill} (book walk,
 * Polymarket fee). Settings are loosened so the path ends in a real fill, not an early SKIP (checked in setup).
 *
 * <p>{@code mvn -q -Pbench test-compile exec:exec -Dbench=DecisionPathBench}. Target: p99 ≤ 20 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionPathBench {
    private static final int LEVELS = 40;
    private static final int PREWARM_CALLS = 300_000;

    private Decider decider;
    private PaperEngine engine;
    private MarketSnapshot snapshot;
    private Usd balance;

    @Setup
    public void setup() {
        BotConfig config = TestConfig.with(Map.of("OBI_THRESHOLD", "0.02", "MAX_ENTRY_PRICE", "0.80",
                "BET_SIZE", "30"));
        decider = Decider.fromConfig(config);
        engine = PaperEngine.fromConfig(config);
        List<Candle> candles = TradingFixtures.zigzag(60, "80000", "-6", "9");
        snapshot = TradingFixtures.snapshot(top(TradingFixtures.realUpBook()), top(TradingFixtures.realDownBook()),
                candles);
        balance = Usd.of("1000");
        Decision d = decider.decide(snapshot, balance);
        if (!(d instanceof Decision.Place place) || !(engine.fill(place.order()) instanceof Execution.Filled)) {
            throw new IllegalStateException("the benchmark scenario must end in a fill, got " + d);
        }
        // The default profile warms up for 3 × 1 s; on a busy 2-core box that is too few calls for C2 to finish
        // compiling the path, and the samples would measure the interpreter. Run it enough times first.
        int sink = 0;
        for (int i = 0; i < PREWARM_CALLS; i++) {
            if (decideAndFill() instanceof Execution.Filled) {
                sink++;
            }
        }
        if (sink != PREWARM_CALLS) {
            throw new IllegalStateException("the benchmark scenario stopped filling during warm-up");
        }
    }

    private static OrderBook top(OrderBook book) {
        return new OrderBook(book.tokenId(), book.bids().subList(0, Math.min(LEVELS, book.bids().size())),
                book.asks().subList(0, Math.min(LEVELS, book.asks().size())), book.tickSize(), book.hash(),
                book.updatedAt());
    }

    /** The whole path: decide, then fill the order on paper. */
    @Benchmark
    public Execution decideAndFill() {
        Decision d = decider.decide(snapshot, balance);
        return d instanceof Decision.Place place ? engine.fill(place.order()) : null;
    }

    /** The decision alone (strategies, filter, sizing). */
    @Benchmark
    public Decision decideOnly() {
        return decider.decide(snapshot, balance);
    }
}
