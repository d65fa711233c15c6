package updown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.testkit.TestConfig;
import java.util.Map;

@DisplayName("Polymarket fee model: shares × rate × (p × (1 − p))^exponent per fill level, exact")
class PolymarketFeeModelTest {
    private final FeeModel fees = FeeModel.polymarket();

    @ParameterizedTest(name = "100 shares at {0} pay ${1}")
    @CsvSource({"0.50, 1.75", "0.70, 1.47", "0.90, 0.63", "0.10, 0.63"})
    @DisplayName("the worked numbers of API-FACTS §2.3 come out exactly")
    void workedNumbers(String price, String fee) {
        assertThat(fees.fee(FeeSchedule.CRYPTO_5M, Price.of(price), Shares.of("100"))).isEqualTo(Usd.of(fee));
    }

    @Test
    @DisplayName("a fill at a price of 0 or 1 pays no fee")
    void zeroAtTheEdges() {
        assertThat(fees.fee(FeeSchedule.CRYPTO_5M, Price.ZERO, Shares.of("100"))).isEqualTo(Usd.ZERO);
        assertThat(fees.fee(FeeSchedule.CRYPTO_5M, Price.ONE, Shares.of("100"))).isEqualTo(Usd.ZERO);
    }

    @Test
    @DisplayName("levels are summed exactly and rounded once, not rounded per level")
    void roundsOnce() {
        // one level: 0.1 × 0.07 × 0.33 × 0.67 = 0.0015477; two of them = 0.0030954 → 0.003095 (per level: 0.003096)
        List<Level> two = List.of(Level.of("0.33", "0.1"), Level.of("0.33", "0.1"));
        assertThat(fees.fee(FeeSchedule.CRYPTO_5M, two)).isEqualTo(Usd.of("0.003095"));
        assertThat(fees.fee(FeeSchedule.CRYPTO_5M, Price.of("0.33"), Shares.of("0.1"))).isEqualTo(Usd.of("0.001548"));
    }

    @Test
    @DisplayName("splitting a fill across levels at one price costs the same as one level")
    void splitEqualsWhole() {
        Usd whole = fees.fee(FeeSchedule.CRYPTO_5M, Price.of("0.37"), Shares.of("123.456789"));
        Usd split = fees.fee(FeeSchedule.CRYPTO_5M,
                List.of(Level.of("0.37", "100"), Level.of("0.37", "23.456789")));
        assertThat(split).isEqualTo(whole);
    }

    @Test
    @DisplayName("the rate and exponent come from the market's schedule")
    void usesTheSchedule() {
        FeeSchedule squared = new FeeSchedule(Ratio.of("0.25"), 2, true);
        assertThat(fees.fee(squared, Price.of("0.5"), Shares.of("100"))).isEqualTo(Usd.of("1.5625"));
        FeeSchedule perShare = new FeeSchedule(Ratio.of("0.07"), 0, true);
        assertThat(fees.fee(perShare, Price.of("0.5"), Shares.of("100"))).isEqualTo(Usd.of("7"));
    }

    @Test
    @DisplayName("a fee-free market and an empty fill cost nothing")
    void freeAndEmpty() {
        assertThat(fees.fee(FeeSchedule.FREE, Price.of("0.5"), Shares.of("100"))).isEqualTo(Usd.ZERO);
        assertThat(fees.fee(FeeSchedule.CRYPTO_5M, List.of())).isEqualTo(Usd.ZERO);
    }

    @Test
    @DisplayName("the fee peaks at p = 0.5 and is symmetric around it")
    void peaksAtHalf() {
        Shares hundred = Shares.of("100");
        Usd atHalf = fees.fee(FeeSchedule.CRYPTO_5M, Price.of("0.5"), hundred);
        for (String p : List.of("0.01", "0.2", "0.49", "0.51", "0.8", "0.99")) {
            assertThat(fees.fee(FeeSchedule.CRYPTO_5M, Price.of(p), hundred)).isLessThan(atHalf);
        }
        assertThat(fees.fee(FeeSchedule.CRYPTO_5M, Price.of("0.2"), hundred))
                .isEqualTo(fees.fee(FeeSchedule.CRYPTO_5M, Price.of("0.8"), hundred));
    }

    @Test
    @DisplayName("FEE_MODEL picks the model: polymarket by default, flat on request")
    void fromConfig() {
        assertThat(FeeModel.fromConfig(TestConfig.defaults().engine()).name()).isEqualTo("polymarket");
        assertThat(FeeModel.fromConfig(TestConfig.with(Map.of("FEE_MODEL", "flat")).engine()).name())
                .isEqualTo("flat");
    }

    @Test
    @DisplayName("the allocation-free long path equals the arbitrary-precision definition on random fills")
    void fastPathEqualsDefinition() {
        long seed = 1_778_584_200L;
        java.util.Random random = new java.util.Random(seed);
        int fast = 0;
        for (int round = 0; round < 5_000; round++) {
            List<Level> levels = new java.util.ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                long price = random.nextBoolean() ? 10_000L * random.nextInt(101) : random.nextInt(1_000_001);
                long shares = random.nextInt(4) == 0 ? random.nextLong() >>> (1 + random.nextInt(20))
                        : 1 + random.nextInt(2_000_000_000);
                levels.add(new Level(Price.ofMicros(price), Shares.ofMicros(shares)));
            }
            long rate = random.nextBoolean() ? 70_000 : random.nextInt(1_000_001);
            FeeSchedule schedule = new FeeSchedule(Ratio.ofMicros(rate), 1, true);
            long quick = PolymarketFeeModel.linearInLongs(rate, levels);
            long exact = PolymarketFeeModel.exact(schedule, levels);
            if (quick >= 0) {
                fast++;
                assertThat(quick).as("seed " + seed + " round " + round + " " + levels).isEqualTo(exact);
            }
            assertThat(fees.fee(schedule, levels).micros()).as("seed " + seed + " round " + round).isEqualTo(exact);
        }
        assertThat(fast).as("seed " + seed + ": some random fills take the long path").isPositive();
    }

    @Test
    @DisplayName("real fills (cent or mill ticks, the 0.07 rate, 40 levels of up to 100k shares) never need big numbers")
    void realFillsTakeTheLongPath() {
        long seed = 48_418_917L;
        java.util.Random random = new java.util.Random(seed);
        for (int round = 0; round < 2_000; round++) {
            List<Level> levels = new java.util.ArrayList<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                long price = (random.nextBoolean() ? 10_000L : 1_000L) * (1 + random.nextInt(99));
                long shares = 1 + (long) random.nextInt(1_000_000_000) * 100; // up to 100,000 shares
                levels.add(new Level(Price.ofMicros(price), Shares.ofMicros(shares)));
            }
            long quick = PolymarketFeeModel.linearInLongs(70_000, levels);
            assertThat(quick).as("seed " + seed + " round " + round)
                    .isEqualTo(PolymarketFeeModel.exact(FeeSchedule.CRYPTO_5M, levels));
        }
    }
}
