package updown.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Shares: outcome shares in exact micro-units")
class SharesTest {

    @Test
    @DisplayName("whole shares and decimal text agree to the micro-share")
    void wholeAndDecimalAgree() {
        assertThat(Shares.ofWhole(5)).isEqualTo(Shares.of("5.000000"));
        assertThat(Shares.of("1.5").micros()).isEqualTo(1_500_000);
        assertThat(Shares.of("0.0000015")).isEqualTo(Shares.ofMicros(2));
    }

    @Test
    @DisplayName("sums and differences are exact and may not overflow silently")
    void arithmeticIsExact() {
        assertThat(Shares.of("0.1").plus(Shares.of("0.2"))).isEqualTo(Shares.of("0.3"));
        assertThat(Shares.of("1").minus(Shares.of("0.000001"))).isEqualTo(Shares.of("0.999999"));
        assertThat(Shares.of("1").minus(Shares.of("1")).isZero()).isTrue();
        assertThatThrownBy(() -> Shares.ofMicros(Long.MAX_VALUE).plus(Shares.ofMicros(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Shares.ofWhole(Long.MAX_VALUE / 100)).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest(name = "{0} winning shares pay {1}")
    @CsvSource({"10, 10.00", "0.000001, 0.000001", "0, 0.00", "123.456789, 123.456789"})
    @DisplayName("a winning share pays exactly one dollar")
    void payoutIfWon(String shares, String payout) {
        assertThat(Shares.of(shares).payoutIfWon()).isEqualTo(Usd.of(payout));
    }

    @Test
    @DisplayName("sign tests, ordering and min read as the numbers say")
    void signsAndOrder() {
        assertThat(Shares.ZERO.isPositive()).isFalse();
        assertThat(Shares.ofMicros(1).isPositive()).isTrue();
        assertThat(Shares.of("-1").isPositive()).isFalse();
        assertThat(Shares.of("2").lessThan(Shares.of("2.000001"))).isTrue();
        assertThat(Shares.min(Shares.of("3"), Shares.of("2"))).isEqualTo(Shares.of("2"));
        assertThat(Shares.min(Shares.of("2"), Shares.of("2.0"))).isEqualTo(Shares.of("2"));
        assertThat(Shares.of("1").compareTo(Shares.of("1.0"))).isZero();
    }

    @Test
    @DisplayName("text keeps two to six decimals")
    void formats() {
        assertThat(Shares.of("7").format()).isEqualTo("7.00");
        assertThat(Shares.of("7.123").toString()).isEqualTo("7.123");
        assertThat(Shares.of("0.000001").format()).isEqualTo("0.000001");
        assertThat(Shares.of("7.1").toBigDecimal()).isEqualByComparingTo("7.1");
    }
}
