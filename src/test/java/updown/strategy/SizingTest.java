package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import updown.config.BotConfig.SizingMode;
import updown.domain.Ratio;
import updown.domain.Usd;

@DisplayName("Sizing: fixed or confidence-scaled percent, MIN_BET_SIZE floor, balance cap")
class SizingTest {
    private final Sizing fixed = new Sizing(SizingMode.FIXED, Usd.of("10"), Ratio.of("0.02"), Usd.of("5"));
    private final Sizing percent = new Sizing(SizingMode.PERCENT, Usd.of("10"), Ratio.of("0.02"), Usd.of("1"));

    private static Usd bet(Sizing.Result r) {
        assertThat(r).isInstanceOf(Sizing.Result.Bet.class);
        return ((Sizing.Result.Bet) r).amount();
    }

    private static String noBet(Sizing.Result r) {
        assertThat(r).isInstanceOf(Sizing.Result.NoBet.class);
        return ((Sizing.Result.NoBet) r).reason();
    }

    @Test
    @DisplayName("fixed sizing bets BET_SIZE whatever the confidence")
    void fixedBet() {
        assertThat(bet(fixed.size(Usd.of("1000"), Ratio.of("0.6")))).isEqualTo(Usd.of("10"));
        assertThat(bet(fixed.size(Usd.of("1000"), Ratio.ONE))).isEqualTo(Usd.of("10"));
    }

    @ParameterizedTest(name = "confidence {0} on $1000 at 2% bets ${1}")
    @CsvSource({"0.8, 20", "0.5, 12.50", "1.0, 20", "0.3, 7.50", "0.9, 20", "0.64, 16"})
    @DisplayName("percent sizing scales linearly with confidence up to 0.8, capped at 100%")
    void percentScaling(String confidence, String expected) {
        assertThat(bet(percent.size(Usd.of("1000"), Ratio.of(confidence)))).isEqualTo(Usd.of(expected));
    }

    @Test
    @DisplayName("percent sizing is exact and rounded once: $333.33 × 2% × 0.7/0.8 = $5.833275")
    void percentExact() {
        assertThat(bet(percent.size(Usd.of("333.33"), Ratio.of("0.7")))).isEqualTo(Usd.of("5.833275"));
    }

    @Test
    @DisplayName("a percent bet below MIN_BET_SIZE is raised to it")
    void minimumFloor() {
        Sizing floored = new Sizing(SizingMode.PERCENT, Usd.of("10"), Ratio.of("0.02"), Usd.of("5"));
        assertThat(bet(floored.size(Usd.of("100"), Ratio.of("0.8")))).isEqualTo(Usd.of("5"));
    }

    @Test
    @DisplayName("a bet is never above the balance")
    void capAtBalance() {
        assertThat(bet(fixed.size(Usd.of("7"), Ratio.ONE))).isEqualTo(Usd.of("7"));
    }

    @Test
    @DisplayName("a balance exactly MIN_BET_SIZE bets it; one micro less cannot afford a bet")
    void unaffordable() {
        assertThat(bet(fixed.size(Usd.of("5"), Ratio.ONE))).isEqualTo(Usd.of("5"));
        assertThat(noBet(fixed.size(Usd.of("4.999999"), Ratio.ONE)))
                .isEqualTo("balance 4.999999 cannot afford MIN_BET_SIZE 5.00");
    }

    @Test
    @DisplayName("a zero, negative or unknown balance is no bet")
    void noBalance() {
        assertThat(noBet(fixed.size(Usd.ZERO, Ratio.ONE))).startsWith("no balance");
        assertThat(noBet(fixed.size(Usd.of("-3"), Ratio.ONE))).startsWith("no balance");
        assertThat(noBet(fixed.size(null, Ratio.ONE))).startsWith("no balance");
    }

    @Test
    @DisplayName("an amount whose fee fits the balance is kept as is")
    void feeFits() {
        UnaryOperator<Usd> twoPercent = a -> a.timesRatio(20_000);
        assertThat(bet(fixed.affordWithFee(Usd.of("10"), Usd.of("10.20"), twoPercent))).isEqualTo(Usd.of("10"));
    }

    @Test
    @DisplayName("an all-in amount is shrunk so amount + fee fits the balance, leaving under a cent")
    void shrinksForFee() {
        UnaryOperator<Usd> twoPercent = a -> a.timesRatio(20_000);
        Usd amount = bet(fixed.affordWithFee(Usd.of("10"), Usd.of("10"), twoPercent));
        assertThat(amount.plus(twoPercent.apply(amount))).isLessThanOrEqualTo(Usd.of("10"))
                .isGreaterThan(Usd.of("9.99"));
    }

    @Test
    @DisplayName("if shrinking for the fee drops below MIN_BET_SIZE there is no bet")
    void feeMakesItUnaffordable() {
        UnaryOperator<Usd> twoPercent = a -> a.timesRatio(20_000);
        assertThat(noBet(fixed.affordWithFee(Usd.of("5"), Usd.of("5.05"), twoPercent)))
                .contains("cannot afford MIN_BET_SIZE 5.00 plus its fee");
    }

    @Test
    @DisplayName("a cap lowers the amount, and a cap below MIN_BET_SIZE is no bet with the reason")
    void caps() {
        assertThat(bet(fixed.cap(Usd.of("10"), Usd.of("20"), "x"))).isEqualTo(Usd.of("10"));
        assertThat(bet(fixed.cap(Usd.of("10"), Usd.of("6"), "x"))).isEqualTo(Usd.of("6"));
        assertThat(bet(fixed.cap(Usd.of("10"), Usd.of("5"), "x"))).isEqualTo(Usd.of("5"));
        assertThat(noBet(fixed.cap(Usd.of("10"), Usd.of("4.999999"), "thin"))).isEqualTo("thin, below MIN_BET_SIZE 5.00");
    }
}
