package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import updown.domain.Candle;
import updown.domain.Market;
import updown.domain.MarketSnapshot;
import updown.domain.Micros;
import updown.domain.Signal;
import updown.testkit.Fixtures;
import updown.testkit.TestConfig;
import updown.testkit.Trades;

@DisplayName("Directional, incrementally: the same signals as the window pass, the same EMA crossings as ta4j")
class IncrementalDirectionalTest {
    private static final int HISTORY = 120;
    private static List<Candle> candles;

    /** The 45,031 one-minute bars of the shared BTC CSV, as closed candles. */
    @BeforeAll
    static void load() throws IOException {
        candles = new ArrayList<>();
        List<String> lines = Files.readAllLines(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"));
        Instant t = Instant.parse("2021-12-31T23:01:00Z");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long o = Micros.parse(f[1]);
            long c = Micros.parse(f[4]);
            candles.add(new Candle(t, o, Micros.parse(f[2]), Micros.parse(f[3]), c, 0, true));
            t = t.plusSeconds(60);
        }
    }

    private static MarketSnapshot window(Market m, int endExclusive) {
        return new MarketSnapshot(m, null, null, candles.subList(Math.max(0, endExclusive - HISTORY), endExclusive),
                null, Instant.EPOCH);
    }

    @Test
    @DisplayName("over 15,000 bars of the CSV, asked twice per bar, with a gap and a re-sent candle: equal signals")
    void sameSignals() {
        Directional exact = Directional.fromConfig(TestConfig.defaults().strategies());
        IncrementalDirectional incremental = new IncrementalDirectional(Directional.fromConfig(
                TestConfig.defaults().strategies()));
        Market m = Trades.market(Instant.EPOCH);
        int traded = 0;
        for (int end = 1; end <= 15_000; end++) {
            if (end == 8_000) {
                end += 7; // a gap: the window jumps
            }
            MarketSnapshot snap = window(m, end);
            Signal expected = exact.evaluate(snap);
            assertThat(incremental.evaluate(snap)).as("bar %d", end).isEqualTo(expected);
            assertThat(incremental.evaluate(snap)).as("bar %d again", end).isEqualTo(expected);
            traded += expected.isSkip() ? 0 : 1;
            if (end == 12_000) {
                // the last candle re-sent with another close (a backfill): rebuilt, not slid
                List<Candle> changed = new ArrayList<>(snap.candles());
                Candle last = changed.remove(changed.size() - 1);
                changed.add(new Candle(last.openTime(), last.openMicros(), last.highMicros(), last.lowMicros(),
                        last.closeMicros() + 5_000_000, 0, true));
                MarketSnapshot resent = new MarketSnapshot(m, null, null, changed, null, Instant.EPOCH);
                assertThat(incremental.evaluate(resent)).isEqualTo(exact.evaluate(resent));
            }
        }
        assertThat(traded).as("signals that trade").isGreaterThan(1_500);
    }

    @Test
    @DisplayName("the running EMAs cross at exactly the bars where ta4j's EMAIndicator(3) and (8) cross")
    void sameCrossingsAsTa4j() {
        BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DecimalNum.class).build();
        for (Candle c : candles) {
            series.addBar(c.openTime().plusSeconds(60).atZone(java.time.ZoneOffset.UTC),
                    Micros.toBigDecimal(c.openMicros()), Micros.toBigDecimal(c.highMicros()),
                    Micros.toBigDecimal(c.lowMicros()), Micros.toBigDecimal(c.closeMicros()), 0);
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator fast = new EMAIndicator(close, 3);
        EMAIndicator slow = new EMAIndicator(close, 8);
        DirectionalSeries ours = new DirectionalSeries(3, 8);
        List<Integer> ourCrossings = new ArrayList<>();
        List<Integer> theirCrossings = new ArrayList<>();
        int ourSign = 0;
        int theirSign = 0;
        for (int i = 0; i < candles.size(); i++) {
            ours.append(candles.get(i).closeMicros());
            int s1 = Double.compare(ours.runningEmaFast(), ours.runningEmaSlow());
            int s2 = fast.getValue(i).compareTo(slow.getValue(i));
            if (s1 != 0 && s1 != ourSign) {
                if (ourSign != 0) {
                    ourCrossings.add(i);
                }
                ourSign = s1;
            }
            if (s2 != 0 && s2 != theirSign) {
                if (theirSign != 0) {
                    theirCrossings.add(i);
                }
                theirSign = s2;
            }
            // and the values agree (ta4j in micro-dollars... it runs on dollars)
            double theirs = fast.getValue(i).doubleValue() * 1e6;
            assertThat(Math.abs(ours.runningEmaFast() - theirs)).as("bar %d", i).isLessThan(0.01);
        }
        assertThat(ourCrossings).hasSizeGreaterThan(3_000).isEqualTo(theirCrossings);
    }

    @Test
    @DisplayName("the window EMA from the running one equals the window pass within a thousandth of a micro-dollar")
    void windowEmaMatchesWindowPass() {
        DirectionalSeries s = new DirectionalSeries(3, 8);
        long[] all = candles.stream().mapToLong(Candle::closeMicros).toArray();
        for (int i = 0; i < all.length; i++) {
            if (s.size() < HISTORY) {
                s.append(all[i]);
            } else {
                s.slide(all[i]);
            }
            long[] w = java.util.Arrays.copyOfRange(all, Math.max(0, i + 1 - HISTORY), i + 1);
            assertThat(Math.abs(s.windowEmaSlow() - Directional.ema(w, 8))).as("bar %d", i).isLessThan(1e-3);
            assertThat(Math.abs(s.windowEmaFast() - Directional.ema(w, 3))).as("bar %d", i).isLessThan(1e-3);
        }
    }
}
