package updown.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Price: a share's price in exact micro-dollars, never negative")
class PriceTest {

    @Test
    @DisplayName("zero is a real price, distinct from an absent one, and one is the most a share can pay")
    void zeroAndOneAreRealPrices() {
        assertThat(Price.of("0.0")).isEqualTo(Price.ZERO);
        assertThat(Price.ZERO.isZero()).isTrue();
        assertThat(Price.of("1")).isEqualTo(Price.ONE);
        assertThat(Price.ONE.micros()).isEqualTo(1_000_000);
    }

    @Test
    @DisplayName("a negative price is refused when it is built, whatever its spelling")
    void negativePriceIsRefused() {
        assertThatThrownBy(() -> Price.of("-0.01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative price");
        assertThatThrownBy(() -> Price.ofMicros(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Price.of(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("non-numeric text is refused, not read as zero")
    void garbageIsRefused() {
        assertThatThrownBy(() -> Price.of("0.5x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Price.of("")).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest(name = "{0} shares at {1} cost {2}")
    @CsvSource({
        "100, 0.50, 50.00",
        "10, 0.515, 5.15",
        "0.000001, 0.5, 0.00",      // half a micro-dollar rounds half-even to 0
        "0.000003, 0.5, 0.000002",  // 1.5 micro-dollars rounds half-even to 2
        "12.345678, 0, 0.00",       // price zero costs nothing
        "0, 0.99, 0.00",
    })
    @DisplayName("cost of shares is price × shares, rounded once, half-even, to the micro-dollar")
    void costOfShares(String shares, String price, String cost) {
        assertThat(Price.of(price).costOf(Shares.of(shares))).isEqualTo(Usd.of(cost));
    }

    @ParameterizedTest(name = "1 − {0} = {1}")
    @CsvSource({"0.3, 0.7", "0, 1", "1, 0", "0.999999, 0.000001"})
    @DisplayName("the complement is 1 − p, never below zero")
    void complement(String price, String complement) {
        assertThat(Price.of(price).complement()).isEqualTo(Price.of(complement));
    }

    @Test
    @DisplayName("a price above one (a hostile quote) complements to zero rather than going negative")
    void complementOfPriceAboveOne() {
        assertThat(Price.of("1.2").complement()).isEqualTo(Price.ZERO);
    }

    @Test
    @DisplayName("prices compare and order by their exact value, whatever the text's trailing zeros")
    void ordersByValue() {
        assertThat(Price.of("0.50")).isEqualTo(Price.of("0.5")).hasSameHashCodeAs(Price.of("0.500000"));
        assertThat(Price.of("0.51").greaterThan(Price.of("0.509999"))).isTrue();
        assertThat(Price.of("0.49").lessThan(Price.of("0.49"))).isFalse();
        assertThat(Price.of("0.1").compareTo(Price.of("0.2"))).isNegative();
    }

    @Test
    @DisplayName("text keeps two to six decimals; the BigDecimal view is exact")
    void formats() {
        assertThat(Price.of("0.5").format()).isEqualTo("0.50");
        assertThat(Price.of("0.515").toString()).isEqualTo("0.515");
        assertThat(Price.of("0.1234564").format()).isEqualTo("0.123456");
        assertThat(Price.of("0.1234565").format()).isEqualTo("0.123456");
        assertThat(Price.of("0.515").toBigDecimal()).isEqualByComparingTo("0.515");
        assertThat(Price.of("0.25").toDouble()).isEqualTo(0.25);
    }
}
