package updown.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import updown.backtest.DataSet;
import updown.backtest.SettingsBase;
import updown.backtest.Sweep;
import updown.config.ConfigLoader;

/**
 * A small sweep on the kline CSV — 4 variants × 3 one-hour segments = 12 backtests (each with its 2 h 10 min warm-up)
 * — by parallelism (a new Vert.x per backtest, or one per worker thread reused) and thread count. Time per sweep.
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench=SweepBench -Dbench.args="-f 1 -wi 1 -i 3"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SweepBench {
    @Param({"VERTX_PER_RUN", "VERTX_PER_THREAD"})
    Sweep.Parallelism parallelism;

    @Param({"1", "2"})
    int threads;

    private DataSet data;
    private SettingsBase base;
    private List<Map<String, String>> variants;

    @Setup
    public void setup() throws IOException {
        data = DataSet.Klines.of(BenchTapes.CSV, 1);
        base = SettingsBase.of(ConfigLoader.defaults(java.nio.file.Path.of("/nonexistent-dir")));
        variants = Sweep.grid(List.of(Sweep.Axis.parse("EMA_FAST=3,5"), Sweep.Axis.parse("EMA_SLOW=8,13")));
    }

    @Benchmark
    public Sweep.Result sweep() throws Exception {
        return Sweep.run(base, Map.of(), variants, data, Instant.parse("2022-01-02T00:00:00Z"),
                Instant.parse("2022-01-02T03:00:00Z"), 2, threads, parallelism, false, (done, total) -> { });
    }
}
