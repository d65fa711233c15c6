package updown.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fixed-point money: integer micro-units, one half-even rounding")
class MicrosTest {

    @Test
    @DisplayName("decimal strings parse exactly, whatever their spelling")
    void parsesDecimalStrings() {
        assertThat(Micros.parse("0.515")).isEqualTo(515_000);
        assertThat(Micros.parse("0.50")).isEqualTo(Micros.parse("0.5"));
        assertThat(Micros.parse("1")).isEqualTo(1_000_000);
        assertThat(Micros.parse(" 12.25 ")).isEqualTo(12_250_000);
        assertThat(Micros.parse("1e-3")).isEqualTo(1_000);
        assertThat(Micros.parse("-4.20")).isEqualTo(-4_200_000);
    }

    @Test
    @DisplayName("digits beyond the sixth decimal round half to even")
    void roundsHalfEven() {
        assertThat(Micros.parse("0.0000005")).isZero();
        assertThat(Micros.parse("0.0000015")).isEqualTo(2);
        assertThat(Micros.parse("0.0000025")).isEqualTo(2);
        assertThat(Micros.parse("0.00000251")).isEqualTo(3);
    }

    @Test
    @DisplayName("garbage, empty and null text is refused with a NumberFormatException")
    void refusesGarbage() {
        assertThatThrownBy(() -> Micros.parse("abc")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Micros.parse("")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Micros.parse(null)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    @DisplayName("numbers too large for a long are refused, not wrapped")
    void refusesOverflow() {
        assertThatThrownBy(() -> Micros.parse("1e30")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    @DisplayName("mulDiv rounds once and survives products beyond a long")
    void mulDivIsExact() {
        assertThat(Micros.mulDiv(10, 1, 4)).isEqualTo(2); // 2.5 -> 2 (even)
        assertThat(Micros.mulDiv(14, 1, 4)).isEqualTo(4); // 3.5 -> 4 (even)
        assertThat(Micros.mulDiv(-10, 1, 4)).isEqualTo(-2);
        assertThat(Micros.mulDiv(Long.MAX_VALUE / 2, 4, 4)).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(Micros.div(10_000_000, 3_000_000)).isEqualTo(3_333_333);
    }

    @Test
    @DisplayName("division by zero is an ArithmeticException, never a silent zero")
    void divisionByZeroThrows() {
        assertThatThrownBy(() -> Micros.div(1, 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    @DisplayName("money formats with two to six decimals")
    void formats() {
        assertThat(Usd.of("1.5").format()).isEqualTo("1.50");
        assertThat(Usd.of("1234.567891").format()).isEqualTo("1234.567891");
        assertThat(Usd.of("-0.1").format()).isEqualTo("-0.10");
        assertThat(Usd.ZERO.format()).isEqualTo("0.00");
    }

    @Test
    @DisplayName("a price of zero buys no shares instead of dividing by zero (seed bug 5)")
    void zeroPriceBuysNothing() {
        assertThat(Usd.of("10").sharesAt(Price.ZERO)).isEqualTo(Shares.ZERO);
        assertThat(Usd.of("10").sharesAt(null)).isEqualTo(Shares.ZERO);
        assertThat(Usd.of("10").sharesAt(Price.of("0.5"))).isEqualTo(Shares.of("20"));
    }
}
