package updown.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import updown.domain.Micros;

/** Cost of the fixed-point primitives everything else is built on. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MicrosBench {
    long a = 123_456_789L;
    long b = 515_000L;

    @Benchmark
    public long mulDiv() {
        return Micros.mulDiv(a, b, 1_000_000L);
    }

    @Benchmark
    public long parse() {
        return Micros.parse("0.515");
    }
}
