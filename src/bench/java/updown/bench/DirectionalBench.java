package updown.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.Market;
import updown.domain.MarketSnapshot;
import updown.domain.Micros;
import updown.domain.Signal;
import updown.strategy.DirectionalSeries;
import updown.strategy.Strategy;
import updown.strategy.StrategyAccess;
import updown.testkit.TestConfig;
import updown.testkit.Trades;

/**
 * The Directional strategy over all 45,031 one-minute bars of the shared BTC CSV, against ta4j 0.17's EMAIndicator
 * over the same bars; times are per bar ({@code @OperationsPerInvocation}).
 * <ul>
 *   <li>{@code signalsWindowPass}: the strategy's signal at every bar as the trader computes it, both EMAs from
 *       scratch over the last CANDLE_HISTORY (120) closes per call;</li>
 *   <li>{@code signalsIncremental}: the same signals from the incremental Directional the kline backtest runs;</li>
 *   <li>{@code crossingsOurs}: EMA(3)/EMA(8) and their crossings, incrementally ({@link DirectionalSeries});</li>
 *   <li>{@code crossingsTa4jDecimal} / {@code crossingsTa4jDouble}: the same with ta4j (a new BarSeries, two
 *       EMAIndicators and the crossing scan, with ta4j's default DecimalNum and with DoubleNum).</li>
 * </ul>
 * Setup checks that both sides find the same crossings at the same bars and that both signal paths agree.
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench=DirectionalBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DirectionalBench {
    static final int BARS = 45_031;
    private static final int HISTORY = 120;

    private final List<Candle> candles = new ArrayList<>(BARS);
    private long[] closes;
    private BotConfig config;
    private Market market;

    @Setup
    public void setup() throws IOException {
        List<String> lines = Files.readAllLines(BenchTapes.CSV);
        Instant t = Instant.parse("2021-12-31T23:01:00Z");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            candles.add(new Candle(t, Micros.parse(f[1]), Micros.parse(f[2]), Micros.parse(f[3]), Micros.parse(f[4]),
                    0, true));
            t = t.plusSeconds(60);
        }
        if (candles.size() != BARS) {
            throw new IllegalStateException("expected " + BARS + " bars, got " + candles.size());
        }
        closes = candles.stream().mapToLong(Candle::closeMicros).toArray();
        config = TestConfig.defaults();
        market = Trades.market(Instant.EPOCH);
        long[] ours = crossings(ourSigns());
        long[] theirs = crossings(ta4jSigns(DecimalNum.class));
        if (!java.util.Arrays.equals(ours, theirs)) {
            throw new IllegalStateException("crossings differ: ours " + ours.length + ", ta4j " + theirs.length);
        }
        List<Signal> a = signals(StrategyAccess.directional(config));
        List<Signal> b = signals(StrategyAccess.incrementalDirectional(config));
        if (!a.equals(b)) {
            throw new IllegalStateException("the incremental signals differ from the window pass");
        }
        long trading = a.stream().filter(s -> !s.isSkip()).count();
        System.out.printf("%n[%,d bars: %,d EMA(3)/EMA(8) crossings, the same bars in ta4j; %,d of %,d Directional "
                + "signals trade, identical from both paths]%n", BARS, ours.length, trading, a.size());
    }

    private List<Signal> signals(Strategy s) {
        List<Signal> out = new ArrayList<>(BARS);
        for (int end = 1; end <= BARS; end++) {
            out.add(s.evaluate(new MarketSnapshot(market, null, null,
                    candles.subList(Math.max(0, end - HISTORY), end), null, Instant.EPOCH)));
        }
        return out;
    }

    private int[] ourSigns() {
        DirectionalSeries s = new DirectionalSeries(config.strategies().emaFast(), config.strategies().emaSlow());
        int[] signs = new int[BARS];
        for (int i = 0; i < BARS; i++) {
            s.append(closes[i]);
            signs[i] = Double.compare(s.runningEmaFast(), s.runningEmaSlow());
        }
        return signs;
    }

    private int[] ta4jSigns(Class<? extends Num> num) {
        BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(num).build();
        for (Candle c : candles) {
            series.addBar(c.openTime().plusSeconds(60).atZone(ZoneOffset.UTC), Micros.toDouble(c.openMicros()),
                    Micros.toDouble(c.highMicros()), Micros.toDouble(c.lowMicros()), Micros.toDouble(c.closeMicros()), 0);
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator fast = new EMAIndicator(close, config.strategies().emaFast());
        EMAIndicator slow = new EMAIndicator(close, config.strategies().emaSlow());
        int[] signs = new int[BARS];
        for (int i = 0; i < BARS; i++) {
            signs[i] = fast.getValue(i).compareTo(slow.getValue(i));
        }
        return signs;
    }

    /** Bars at which the sign of (fast − slow) changes (zeros carry the previous sign). */
    private static long[] crossings(int[] signs) {
        List<Long> out = new ArrayList<>();
        int last = 0;
        for (int i = 0; i < signs.length; i++) {
            if (signs[i] != 0 && signs[i] != last) {
                if (last != 0) {
                    out.add((long) i);
                }
                last = signs[i];
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public int signalsWindowPass() {
        return signals(StrategyAccess.directional(config)).size();
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public int signalsIncremental() {
        return signals(StrategyAccess.incrementalDirectional(config)).size();
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public int crossingsOurs() {
        return crossings(ourSigns()).length;
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public int crossingsTa4jDecimal() {
        return crossings(ta4jSigns(DecimalNum.class)).length;
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public int crossingsTa4jDouble() {
        return crossings(ta4jSigns(DoubleNum.class)).length;
    }
}
