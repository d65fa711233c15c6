package updown.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The ta4j 0.17 baseline of {@code scripts/backtest-vs-ta4j.sh}: a whole process that reads a 1-minute kline CSV
 * (header {@code timestamp,open,high,low,close,volume}, times {@code yyyy-MM-dd HH:mm:ss[.ffffff]} UTC), builds a
 * BarSeries (ta4j's default DecimalNum), and backtests an EMA(3)/EMA(8) crossover (enter when EMA(3) crosses above
 * EMA(8), exit when it crosses below) with ta4j's own BarSeriesManager. Prints one JSON line: bars, positions, and
 * the in-process milliseconds (the script times the whole process, JVM start included).
 * {@code java -cp <test classpath> updown.bench.Ta4jCrossoverMain FILE}
 */
public final class Ta4jCrossoverMain {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private Ta4jCrossoverMain() {
    }

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        BarSeries series = new BaseBarSeriesBuilder().withName(args[0]).build();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            in.readLine(); // header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                ZonedDateTime end = LocalDateTime.parse(f[0], TIME).atZone(ZoneOffset.UTC).plusMinutes(1);
                series.addBar(end, f[1], f[2], f[3], f[4], f[5]);
            }
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator fast = new EMAIndicator(close, 3);
        EMAIndicator slow = new EMAIndicator(close, 8);
        Strategy strategy = new BaseStrategy("ema3/8", new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow));
        TradingRecord record = new BarSeriesManager(series).run(strategy);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("{\"bars\":" + series.getBarCount() + ",\"positions\":" + record.getPositionCount()
                + ",\"in_process_ms\":" + ms + "}");
    }
}
