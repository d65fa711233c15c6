package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import updown.domain.Direction;
import updown.domain.FeeSchedule;
import updown.domain.Fill;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Signal;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.engine.Order;
import updown.engine.PaperEngine;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;

/**
 * One fee formula: a fill the paper engine simulates and the same fill reported by the venue (its price, its shares
 * and the rate it applied, {@code fee_rate_bps}) cost the same fee. {@link PaperVsLiveTest} checks the same through
 * a whole live order on the fake venue; this pins the two paths' arithmetic without one.
 */
@DisplayName("Paper and live charge the same fee for the same fill")
class PaperAndLiveFeeTest {
    private static final PaperEngine PAPER = PaperEngine.fromConfig(TestConfig.defaults());
    private static final Market MARKET = TradingFixtures.market(FeeSchedule.CRYPTO_5M);

    @ParameterizedTest(name = "{0} for ${2} at {1}")
    @CsvSource({"BUY_UP, 0.05, 3", "BUY_UP, 0.30, 10", "BUY_UP, 0.50, 50", "BUY_DOWN, 0.515, 12.34",
        "BUY_DOWN, 0.93, 100", "BUY_UP, 0.999, 7"})
    @DisplayName("a fill at one price: the paper fee equals the fee of the venue's trade charged 700 bps")
    void sameFee(Direction side, String price, String amount) {
        List<Level> asks = TradingFixtures.levels(price + ":100000");
        OrderBook up = TradingFixtures.upBook(List.of(), side == Direction.BUY_UP ? asks : List.of());
        OrderBook down = TradingFixtures.downBook(List.of(), side == Direction.BUY_DOWN ? asks : List.of());
        Signal signal = Signal.of(side, Ratio.of("0.8"), "Directional", "same");
        Order order = new Order(MARKET, side, Usd.of(amount), Price.of("0.9999"), up, down, Usd.of("1000"), signal);

        Fill paper = ((Execution.Filled) PAPER.fill(order)).fill();
        FeeSchedule charged = VenueFees.scheduleFromBps(new BigDecimal("700"), MARKET.fees()).orElseThrow();
        Usd live = VenueFees.fee(List.of(new Level(paper.price(), paper.shares())), charged);

        assertThat(paper.price()).isEqualTo(Price.of(price));
        assertThat(paper.fee().isPositive()).as("paper fee %s is charged", paper.fee()).isTrue();
        assertThat(live).as("live fee of the same fill").isEqualTo(paper.fee());
    }
}
