package updown.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import updown.backtest.Backtest;
import updown.backtest.BacktestRun;
import updown.config.BotConfig;
import updown.record.RecordSource;
import updown.record.TapeReader;
import updown.record.TapeRecord;
import updown.testkit.Await;
import updown.testkit.TestConfig;

/**
 * Memory of a full replay against tape length: the heap in use right after a forced GC, sampled every 250,000 records
 * while the replay runs, for tapes of 250 k, 1 M and 4 M records (about 2, 8 and 33 hours). A streaming replay keeps
 * it flat; the per-tape maximum is printed after each iteration. Runs with -Xmx128m, so a replay that held the tape
 * would fail. {@code mvn -q -Pbench test-compile exec:exec -Dbench=ReplayMemoryBench -Dbench.args="-f 1 -wi 0 -i 1"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx128m"})
public class ReplayMemoryBench {
    static final long SAMPLE_EVERY = 250_000;

    @Param({"250000", "1000000", "4000000"})
    long records;

    private Path tape;
    private Vertx vertx;
    private BotConfig config;
    private long maxLive;
    private int samples;

    @Setup
    public void setup() throws IOException {
        tape = BenchTapes.write(records);
        config = TestConfig.with(Map.of());
        vertx = Backtest.newVertx();
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf("%n[%,d records (%,d bytes on disk): heap in use after GC at most %.1f MB over %d samples]%n",
                records, sizeOnDisk(), maxLive / 1048576.0, samples);
    }

    private long sizeOnDisk() {
        try {
            return BenchTapes.bytes(tape);
        } catch (IOException e) {
            return -1;
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Await.result(vertx.close());
        BenchTapes.delete(tape);
    }

    @Benchmark
    public long replay() throws IOException {
        BacktestRun run = Await.result(Backtest.run(vertx, config, new Sampled(TapeReader.open(tape)),
                Backtest.Options.all()));
        return run.stats().records();
    }

    /** Passes records through and measures the live heap every {@link #SAMPLE_EVERY} records. */
    private final class Sampled implements RecordSource {
        private final RecordSource inner;
        private long n;

        Sampled(RecordSource inner) {
            this.inner = inner;
        }

        @Override
        public TapeRecord poll() {
            TapeRecord r = inner.poll();
            if (r != null && ++n % SAMPLE_EVERY == 0) {
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                maxLive = Math.max(maxLive, used);
                samples++;
            }
            return r;
        }

        @Override
        public boolean exhausted() {
            return inner.exhausted();
        }

        @Override
        public void fill() throws IOException {
            inner.fill();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
