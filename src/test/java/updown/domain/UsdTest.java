package updown.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Usd: dollars in exact micro-dollars, negative allowed for P&L")
class UsdTest {

    @Test
    @DisplayName("a balance exactly equal to a cost leaves zero; one cent short leaves minus one cent")
    void balanceBoundaries() {
        Usd cost = Price.of("0.55").costOf(Shares.of("100"));
        assertThat(Usd.of("55.00").minus(cost)).isEqualTo(Usd.ZERO);
        assertThat(Usd.of("54.99").minus(cost)).isEqualTo(Usd.ofCents(-1));
        assertThat(Usd.of("54.99").lessThan(cost)).isTrue();
        assertThat(Usd.of("55").lessThan(cost)).isFalse();
    }

    @ParameterizedTest(name = "{0} buys {2} shares at {1}")
    @CsvSource({
        "10, 0.5, 20",
        "1, 0.3, 3.333333",
        "2, 0.3, 6.666667",
        "10, 0, 0",       // a zero price buys nothing instead of dividing by zero
        "0, 0.5, 0",
    })
    @DisplayName("dollars buy price-divided shares, rounded once, half-even")
    void sharesAt(String usd, String price, String shares) {
        assertThat(Usd.of(usd).sharesAt(Price.of(price))).isEqualTo(Shares.of(shares));
    }

    @Test
    @DisplayName("an absent price buys nothing")
    void sharesAtAbsentPrice() {
        assertThat(Usd.of("10").sharesAt(null)).isEqualTo(Shares.ZERO);
    }

    @Test
    @DisplayName("half rounds half-even; cents, negation, min and max are exact")
    void arithmetic() {
        assertThat(Usd.ofMicros(3).half()).isEqualTo(Usd.ofMicros(2));
        assertThat(Usd.ofMicros(5).half()).isEqualTo(Usd.ofMicros(2));
        assertThat(Usd.ofCents(150)).isEqualTo(Usd.of("1.5"));
        assertThat(Usd.of("2.5").negate()).isEqualTo(Usd.of("-2.5"));
        assertThat(Usd.of("-2.5").isNegative()).isTrue();
        assertThat(Usd.max(Usd.of("1"), Usd.of("-1"))).isEqualTo(Usd.of("1"));
        assertThat(Usd.min(Usd.of("1"), Usd.of("-1"))).isEqualTo(Usd.of("-1"));
        assertThat(Usd.of("0.1").plus(Usd.of("0.2"))).isEqualTo(Usd.of("0.3"));
        assertThatThrownBy(() -> Usd.ofMicros(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    @DisplayName("the one text form of money: two to six decimals, sign kept")
    void formats() {
        assertThat(Usd.of("12.5").format()).isEqualTo("12.50");
        assertThat(Usd.of("-0.123456").toString()).isEqualTo("-0.123456");
        assertThat(Usd.ZERO.format()).isEqualTo("0.00");
    }
}
