package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.testkit.TradingFixtures.candles;
import static updown.testkit.TradingFixtures.linear;
import static updown.testkit.TradingFixtures.zigzag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Candle;
import updown.domain.Direction;
import updown.domain.MarketSnapshot;
import updown.domain.Ratio;
import updown.domain.Signal;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;

@DisplayName("Directional: EMA(3) vs EMA(8) plus 3-candle momentum")
class DirectionalTest {
    private final Directional directional = new Directional(3, 8, 3);

    private Signal on(List<Candle> candles) {
        MarketSnapshot s = TradingFixtures.snapshot(TradingFixtures.realUpBook(), TradingFixtures.realDownBook(),
                candles);
        return directional.evaluate(s);
    }

    @Test
    @DisplayName("it needs max(EMA_SLOW, MOMENTUM_LOOKBACK + 1) candles: 7 of 8 is a SKIP saying so")
    void tooFewCandles() {
        Signal s = on(linear(7, "100000", "10"));
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).isEqualTo("need 8 candles, have 7");
        assertThat(s.sources()).containsExactly("Directional");
    }

    @Test
    @DisplayName("exactly the 8 candles it needs are enough")
    void exactlyEnough() {
        assertThat(on(linear(8, "100000", "10")).direction()).isEqualTo(Direction.BUY_UP);
    }

    @Test
    @DisplayName("a long momentum lookback raises the need above EMA_SLOW")
    void lookbackRaisesTheNeed() {
        Directional longLook = new Directional(3, 8, 10);
        assertThat(longLook.needed()).isEqualTo(11);
        assertThat(longLook.evaluate(TradingFixtures.snapshot(null, null, linear(10, "100000", "10"))).reason())
                .isEqualTo("need 11 candles, have 10");
    }

    @Test
    @DisplayName("no candles (a stale price feed) is a SKIP, not an exception")
    void noCandles() {
        assertThat(on(List.of()).reason()).isEqualTo("need 8 candles, have 0");
    }

    @Test
    @DisplayName("a candle still forming does not count")
    void unclosedCandlesIgnored() {
        List<Candle> c = new ArrayList<>(linear(7, "100000", "10"));
        c.add(new Candle(Instant.parse("2026-05-12T11:12:00Z"), 1, 1, 1, 100_070_000_000L, 0, false));
        assertThat(on(c).reason()).isEqualTo("need 8 candles, have 7");
    }

    @Test
    @DisplayName("flat prices are a SKIP with a reason, never NaN")
    void flatPrices() {
        Signal s = on(linear(20, "100000", "0"));
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).isEqualTo("flat prices: all 20 closes are 100000.00");
    }

    @Test
    @DisplayName("a steady rise is BUY_UP with confidence 1 (no noise at all)")
    void steadyRise() {
        Signal s = on(linear(20, "100000", "15.5"));
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence()).isEqualTo(Ratio.ONE);
        assertThat(s.sources()).containsExactly("Directional");
    }

    @Test
    @DisplayName("a steady fall is BUY_DOWN")
    void steadyFall() {
        Signal s = on(linear(20, "100000", "-15.5"));
        assertThat(s.direction()).isEqualTo(Direction.BUY_DOWN);
        assertThat(s.confidence()).isEqualTo(Ratio.ONE);
    }

    @Test
    @DisplayName("confidence is Φ(|move| / (σ·√lookback)): 0.920294 on a known noisy series")
    void confidenceFormula() {
        // move 2 over 3 candles, σ of the changes 0.820652 → z = 1.407053 → Φ(z) = 0.9202942
        Signal s = on(candles("100", "101", "100.5", "101.5", "101", "102", "101.5", "103"));
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence().micros()).isBetween(920_293L, 920_295L);
    }

    @Test
    @DisplayName("a noisy uptrend is BUY_UP with a confidence strictly between 0.5 and 1")
    void noisyTrend() {
        Signal s = on(zigzag(30, "100000", "5", "8"));
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence()).isGreaterThan(Ratio.of("0.5")).isLessThan(Ratio.ONE);
    }

    @Test
    @DisplayName("a bigger final move gives a higher confidence")
    void monotoneInTheMove() {
        Ratio small = on(candles("100", "101", "100.5", "101.5", "101", "102", "101.5", "102.5")).confidence();
        Ratio big = on(candles("100", "101", "100.5", "101.5", "101", "102", "101.5", "103")).confidence();
        assertThat(big).isGreaterThan(small);
    }

    @Test
    @DisplayName("zero momentum (close equal to the close 3 candles ago) is a SKIP")
    void zeroMomentum() {
        Signal s = on(candles("100", "101", "102", "103", "104", "105", "106", "104"));
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).startsWith("no momentum");
    }

    @Test
    @DisplayName("one micro-dollar of upward momentum with a rising EMA is a (barely confident) BUY_UP")
    void oneMicroUp() {
        Signal s = on(candles("100", "101", "102", "103", "104", "105", "106", "104.000001"));
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.5"));
    }

    @Test
    @DisplayName("one micro-dollar of downward momentum against a rising EMA is a SKIP for disagreement")
    void oneMicroDownDisagrees() {
        Signal s = on(candles("100", "101", "102", "103", "104", "105", "106", "103.999999"));
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).isEqualTo("EMA cross says up but momentum over 3 candles says down");
    }

    @Test
    @DisplayName("a fresh rise after a long fall (EMA still down, momentum up) is a SKIP for disagreement")
    void reboundDisagrees() {
        Signal s = on(candles("110", "109", "108", "107", "106", "105", "104", "103", "102", "101", "100", "100.5",
                "101.5"));
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).isEqualTo("EMA cross says down but momentum over 3 candles says up");
    }

    @Test
    @DisplayName("extreme and degenerate prices (zero, huge, one jump) never give NaN or a confidence outside [0, 1]")
    void degenerateInputs() {
        List<List<Candle>> cases = List.of(
                linear(10, "0", "0.000001"),
                candles("0", "0", "0", "0", "0", "0", "0", "1000000"),
                linear(10, "9000000", "-900000"),
                candles("100", "100", "100", "100", "100", "100", "100", "100", "100.000001"),
                linear(200, "50000", "0.01"));
        for (List<Candle> c : cases) {
            Signal s = on(c);
            assertThat(s.confidence().micros()).isBetween(0L, 1_000_000L);
            assertThat(s.isSkip() ? s.reason() : s.direction().name()).isNotBlank();
        }
    }

    @Test
    @DisplayName("seeded random walks: never an exception, confidence always in [0.5, 1] when it trades")
    void randomWalks() {
        long seed = 7_734_180_607L;
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            int n = random.nextInt(40);
            String[] closes = new String[n];
            double p = 60_000 + random.nextInt(40_000);
            for (int i = 0; i < n; i++) {
                p += random.nextGaussian() * (random.nextBoolean() ? 0 : 25);
                closes[i] = String.format(java.util.Locale.ROOT, "%.2f", Math.max(0, p));
            }
            Signal s = on(candles(closes));
            String ctx = "seed " + seed + " round " + round;
            if (s.isSkip()) {
                assertThat(s.reason()).as(ctx).isNotBlank();
            } else {
                assertThat(s.confidence().micros()).as(ctx).isBetween(500_000L, 1_000_000L);
            }
        }
    }

    @Test
    @DisplayName("it is built from EMA_FAST, EMA_SLOW and MOMENTUM_LOOKBACK")
    void fromConfig() {
        Directional d = Directional.fromConfig(TestConfig.with(java.util.Map.of("EMA_FAST", "5", "EMA_SLOW", "20",
                "MOMENTUM_LOOKBACK", "4")).strategies());
        assertThat(d.needed()).isEqualTo(20);
        assertThat(d.name()).isEqualTo("Directional");
    }
}
