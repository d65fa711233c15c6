package updown.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Ratio;
import updown.domain.Usd;

@DisplayName("Flat fee model: FEE_PCT of the cash paid")
class FlatFeeModelTest {
    private final FeeModel onePercent = FeeModel.flat(Ratio.of("0.01"));

    @Test
    @DisplayName("1% of a $10 fill is $0.10, whatever the price")
    void onePercent() {
        assertThat(onePercent.fee(FeeSchedule.CRYPTO_5M, List.of(Level.of("0.5", "20")))).isEqualTo(Usd.of("0.10"));
        assertThat(onePercent.fee(FeeSchedule.CRYPTO_5M, List.of(Level.of("0.25", "40")))).isEqualTo(Usd.of("0.10"));
    }

    @Test
    @DisplayName("it ignores the market's schedule (a fee-free market still pays FEE_PCT)")
    void ignoresSchedule() {
        assertThat(onePercent.fee(FeeSchedule.FREE, List.of(Level.of("0.5", "20")))).isEqualTo(Usd.of("0.10"));
    }

    @Test
    @DisplayName("the cash is summed exactly over the levels and the fee rounded once")
    void exactAcrossLevels() {
        // 0.333333 × 0.3 = 0.0999999 per level; ×3 = 0.2999997; 1% = 0.002999997 → 0.003
        List<Level> three = List.of(Level.of("0.3", "0.333333"), Level.of("0.3", "0.333333"),
                Level.of("0.3", "0.333333"));
        assertThat(onePercent.fee(FeeSchedule.CRYPTO_5M, three)).isEqualTo(Usd.of("0.003"));
    }

    @Test
    @DisplayName("a zero percentage and an empty fill cost nothing")
    void zero() {
        assertThat(FeeModel.flat(Ratio.ZERO).fee(FeeSchedule.CRYPTO_5M, List.of(Level.of("0.5", "20"))))
                .isEqualTo(Usd.ZERO);
        assertThat(onePercent.fee(FeeSchedule.CRYPTO_5M, List.of())).isEqualTo(Usd.ZERO);
    }
}
