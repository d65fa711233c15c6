package updown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.testkit.TradingFixtures.levels;
import static updown.testkit.TradingFixtures.upBook;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.testkit.TestConfig;
import java.util.Map;

@DisplayName("Flat fill model: best ask × (1 + SLIPPAGE_PCT), no depth")
class FlatFillModelTest {
    private static final Shares MIN = Shares.of("5");
    private final FillModel flat = FillModel.flat(Ratio.of("0.005"));

    @Test
    @DisplayName("$10 at a 0.50 ask with 0.5% slippage pays 0.5025 for 19.900497 shares")
    void slips() {
        FillModel.Leg leg = flat.buy(upBook(List.of(), levels("0.50:1000")), Usd.of("10"), Price.of("0.70"), MIN);
        FillModel.Leg.Taken t = (FillModel.Leg.Taken) leg;
        assertThat(t.price()).isEqualTo(Price.of("0.5025"));
        assertThat(t.shares()).isEqualTo(Shares.of("19.900497"));
        assertThat(t.cost()).isLessThanOrEqualTo(Usd.of("10"));
        assertThat(t.complete()).isTrue();
    }

    @Test
    @DisplayName("it ignores depth: one share at the best ask fills the whole amount")
    void noDepth() {
        FillModel.Leg leg = flat.buy(upBook(List.of(), levels("0.50:1")), Usd.of("10"), Price.of("0.70"), MIN);
        assertThat(((FillModel.Leg.Taken) leg).shares()).isEqualTo(Shares.of("19.900497"));
    }

    @Test
    @DisplayName("the slipped price is what the limit is checked against")
    void limitOnSlippedPrice() {
        FillModel.Leg above = flat.buy(upBook(List.of(), levels("0.70:100")), Usd.of("10"), Price.of("0.70"), MIN);
        assertThat(((FillModel.Leg.Refused) above).code()).isEqualTo(ResultCode.PRICE_ABOVE_LIMIT);
        assertThat(((FillModel.Leg.Refused) above).reason()).contains("0.7035");
        FillModel.Leg below = flat.buy(upBook(List.of(), levels("0.69:100")), Usd.of("10"), Price.of("0.70"), MIN);
        assertThat(((FillModel.Leg.Taken) below).price()).isEqualTo(Price.of("0.69345"));
    }

    @Test
    @DisplayName("no asks is NO_LIQUIDITY; a zero-priced best ask is skipped (seed bug 5)")
    void noLiquidityAndZeroPrice() {
        FillModel.Leg none = flat.buy(upBook(levels("0.4:10"), List.of()), Usd.of("10"), Price.of("0.70"), MIN);
        assertThat(((FillModel.Leg.Refused) none).code()).isEqualTo(ResultCode.NO_LIQUIDITY);
        FillModel.Leg zero = flat.buy(upBook(List.of(), levels("0.00:10", "0.40:10")), Usd.of("10"),
                Price.of("0.70"), MIN);
        assertThat(((FillModel.Leg.Taken) zero).price()).isEqualTo(Price.of("0.402"));
    }

    @Test
    @DisplayName("an amount buying fewer than 5 shares is refused BELOW_MIN_ORDER_SIZE")
    void belowMinimum() {
        FillModel.Leg leg = flat.buy(upBook(List.of(), levels("0.50:100")), Usd.of("2"), Price.of("0.70"), MIN);
        assertThat(((FillModel.Leg.Refused) leg).code()).isEqualTo(ResultCode.BELOW_MIN_ORDER_SIZE);
    }

    @Test
    @DisplayName("FILL_MODEL picks the model: book by default, flat on request")
    void fromConfig() {
        assertThat(FillModel.fromConfig(TestConfig.defaults().engine()).name()).isEqualTo("book");
        assertThat(FillModel.fromConfig(TestConfig.with(Map.of("FILL_MODEL", "flat")).engine()).name())
                .isEqualTo("flat");
    }
}
