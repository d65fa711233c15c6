package updown.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import updown.backtest.Backtest;
import updown.backtest.BacktestRun;
import updown.config.BotConfig;
import updown.record.TapeReader;
import updown.record.TapeRecord;
import updown.strategy.MarketView;
import updown.testkit.Await;
import updown.testkit.TestConfig;

/**
 * Replay speed on a live-like tape of exactly 1,000,000 records (~8 h of the simulated market: level changes every
 * second, candles, markets, resolutions, a tick mark every 5 s; 17 bytes a record). Times are per record
 * ({@code @OperationsPerInvocation}), so records/s = 10⁹ / (ns per op).
 * <ul>
 *   <li>{@code decode}: read and decode the tape (checksums, dictionary, records).</li>
 *   <li>{@code decodeAndApply}: the same, and fold every event into a {@link MarketView} (the trader's view).</li>
 *   <li>{@code fullReplay}: {@link Backtest#run} — every event published on the event bus to the real trader, every
 *       tick mark a TRADER_TICK request through portfolio, strategies and paper engine.</li>
 * </ul>
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench=TapeReplayBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class TapeReplayBench {
    static final int RECORDS = 1_000_000;

    private Path tape;
    private Vertx vertx;
    private BotConfig config;

    @Setup
    public void setup() throws IOException {
        tape = BenchTapes.write(RECORDS);
        config = TestConfig.with(Map.of());
        vertx = Backtest.newVertx();
        System.out.printf("%n[tape: %,d records, %,d bytes]%n", RECORDS, BenchTapes.bytes(tape));
    }

    @TearDown
    public void tearDown() throws IOException {
        Await.result(vertx.close());
        BenchTapes.delete(tape);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long decode() throws IOException {
        long n = 0;
        try (TapeReader r = TapeReader.open(tape)) {
            for (TapeRecord x = r.next(); x != null; x = r.next()) {
                n++;
            }
        }
        return check(n);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long decodeAndApply() throws IOException {
        MarketView view = new MarketView(config.market().candleHistory(), config.market().priceStaleMs());
        long n = 0;
        try (TapeReader r = TapeReader.open(tape)) {
            for (TapeRecord x = r.next(); x != null; x = r.next()) {
                if (x instanceof TapeRecord.Event e) {
                    view.apply(e.event());
                }
                n++;
            }
        }
        return check(n) + view.markets().size();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long fullReplay() throws IOException {
        BacktestRun run = Await.result(Backtest.run(vertx, config, TapeReader.open(tape), Backtest.Options.all()));
        return check(run.stats().records()) + run.state().trades().size();
    }

    private static long check(long n) {
        if (n != RECORDS) {
            throw new IllegalStateException("read " + n + " records, wrote " + RECORDS);
        }
        return n;
    }
}
