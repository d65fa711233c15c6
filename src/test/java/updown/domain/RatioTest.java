package updown.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Ratio: thresholds and percentages exact to 10^-6, so boundaries compare exactly")
class RatioTest {

    @ParameterizedTest(name = "{0} rounds to {1} micro-units")
    @CsvSource({
        "0.02, 20000",
        "0.6, 600000",
        "0.0000005, 0",   // half-even: ties go to the even neighbour
        "0.0000015, 2",
        "0.6000004, 600000",
        "0.6000006, 600001",
    })
    @DisplayName("a double statistic is rounded once, half-even, to the micro-unit")
    void roundsDoublesOnce(double value, long micros) {
        assertThat(Ratio.ofDouble(value).micros()).isEqualTo(micros);
    }

    @Test
    @DisplayName("a confidence equal to the threshold passes atLeast and fails greaterThan, without float noise")
    void boundaryIsExact() {
        Ratio threshold = Ratio.of("0.6");
        Ratio computed = Ratio.ofDouble(0.1 * 6); // 0.6000000000000001 in binary floating point
        assertThat(computed.atLeast(threshold)).isTrue();
        assertThat(computed.greaterThan(threshold)).isFalse();
        assertThat(computed.lessThan(threshold)).isFalse();
        assertThat(Ratio.of("0.599999").atLeast(threshold)).isFalse();
    }

    @Test
    @DisplayName("NaN and infinities are refused rather than becoming a ratio")
    void refusesNonFinite() {
        assertThatThrownBy(() -> Ratio.ofDouble(Double.NaN)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Ratio.ofDouble(Double.POSITIVE_INFINITY)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    @DisplayName("min, ordering and the exact views agree")
    void minAndViews() {
        assertThat(Ratio.of("0.3").min(Ratio.of("0.25"))).isEqualTo(Ratio.of("0.25"));
        assertThat(Ratio.ONE.compareTo(Ratio.ZERO)).isPositive();
        assertThat(Ratio.of(new BigDecimal("0.125")).toBigDecimal()).isEqualByComparingTo("0.125");
        assertThat(Ratio.of("0.125").toDouble()).isEqualTo(0.125);
        assertThat(Ratio.of("0.1").format()).isEqualTo("0.10");
        assertThat(Ratio.of("-0.05").micros()).isEqualTo(-50_000);
    }

    @Test
    @DisplayName("a percentage ratio applies to dollars exactly, rounding half-even once")
    void appliesToDollars() {
        assertThat(Usd.of("1000").timesRatio(Ratio.of("0.02").micros())).isEqualTo(Usd.of("20"));
        assertThat(Usd.of("0.000025").timesRatio(Ratio.of("0.1").micros())).isEqualTo(Usd.ofMicros(2));
        assertThat(Usd.of("0.000035").timesRatio(Ratio.of("0.1").micros())).isEqualTo(Usd.ofMicros(4));
    }
}
