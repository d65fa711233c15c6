package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.testkit.TradingFixtures.downBook;
import static updown.testkit.TradingFixtures.levels;
import static updown.testkit.TradingFixtures.upBook;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.FeeSchedule;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Signal;
import updown.engine.FeeModel;
import updown.testkit.TradingFixtures;

@DisplayName("Arbitrage: Up ask + Down ask + taker fees + ARB_MIN_MARGIN < 1")
class ArbitrageTest {
    private final Arbitrage arb = new Arbitrage(FeeModel.polymarket(), Ratio.of("0.02"));

    private static Signal eval(Arbitrage strategy, Market market, OrderBook up, OrderBook down) {
        return strategy.evaluate(TradingFixtures.snapshot(market, up, down, List.of()));
    }

    private static Signal eval(Arbitrage strategy, String upAsk, String downAsk) {
        return eval(strategy, TradingFixtures.market(), upBook(List.of(), levels(upAsk + ":100")),
                downBook(List.of(), levels(downAsk + ":100")));
    }

    @Test
    @DisplayName("0.40 + 0.50 with fees 0.0343 leaves a 0.0657 margin: ARB carrying the Down ask")
    void fires() {
        Signal s = eval(arb, "0.40", "0.50");
        assertThat(s.direction()).isEqualTo(Direction.ARB);
        assertThat(s.arbDownAsk()).isEqualTo(Price.of("0.50"));
        assertThat(s.confidence()).isEqualTo(Ratio.ONE);
        assertThat(s.sources()).containsExactly("Arbitrage");
        assertThat(s.reason()).contains("fees 0.0343").contains("margin 0.0657");
    }

    @Test
    @DisplayName("0.45 + 0.50 is under $1 but fees eat it: SKIP stating the margin 0.015175")
    void feesEatTheEdge() {
        Signal s = eval(arb, "0.45", "0.50");
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).isEqualTo("Up 0.45 + Down 0.50 + fees 0.034825 = 0.984825 per pair, margin 0.015175"
                + " <= 0.02");
    }

    @Test
    @DisplayName("a margin exactly equal to ARB_MIN_MARGIN does not fire")
    void equalMarginSkips() {
        assertThat(eval(new Arbitrage(FeeModel.polymarket(), Ratio.of("0.0657")), "0.40", "0.50").direction())
                .isEqualTo(Direction.SKIP);
    }

    @Test
    @DisplayName("ARB_MIN_MARGIN one micro below the margin fires, one micro above does not")
    void oneMicroEitherSide() {
        assertThat(eval(new Arbitrage(FeeModel.polymarket(), Ratio.of("0.065699")), "0.40", "0.50").direction())
                .isEqualTo(Direction.ARB);
        assertThat(eval(new Arbitrage(FeeModel.polymarket(), Ratio.of("0.065701")), "0.40", "0.50").direction())
                .isEqualTo(Direction.SKIP);
    }

    @Test
    @DisplayName("the fee comes from the market's schedule: a fee-free market fires where a fee-paying one does not")
    void scheduleFromTheMarket() {
        OrderBook up = upBook(List.of(), levels("0.48:100"));
        OrderBook down = downBook(List.of(), levels("0.49:100"));
        assertThat(eval(arb, TradingFixtures.market(FeeSchedule.FREE), up, down).direction())
                .isEqualTo(Direction.ARB);
        assertThat(eval(arb, TradingFixtures.market(FeeSchedule.CRYPTO_5M), up, down).direction())
                .isEqualTo(Direction.SKIP);
    }

    @Test
    @DisplayName("with the flat fee model the fee per share is FEE_PCT of the price")
    void flatFees() {
        Arbitrage flat = new Arbitrage(FeeModel.flat(Ratio.of("0.01")), Ratio.of("0.02"));
        // 0.45 + 0.50 + 0.0045 + 0.005 = 0.9595 → margin 0.0405
        Signal s = eval(flat, "0.45", "0.50");
        assertThat(s.direction()).isEqualTo(Direction.ARB);
        assertThat(s.reason()).contains("margin 0.0405");
    }

    @Test
    @DisplayName("a pair at or above $1 is a SKIP with a negative margin")
    void noEdge() {
        Signal s = eval(arb, "0.55", "0.50");
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).contains("margin -0.");
    }

    @Test
    @DisplayName("missing books or asks are a SKIP naming the side, never an exception")
    void missingAsks() {
        OrderBook up = upBook(List.of(), levels("0.40:100"));
        OrderBook down = downBook(List.of(), levels("0.50:100"));
        Market m = TradingFixtures.market();
        assertThat(eval(arb, m, null, down).reason()).isEqualTo("Up book missing");
        assertThat(eval(arb, m, up, null).reason()).isEqualTo("Down book missing");
        assertThat(eval(arb, m, upBook(levels("0.39:10"), List.of()), down).reason()).isEqualTo("no Up ask");
        assertThat(eval(arb, m, up, downBook(levels("0.49:10"), List.of())).reason()).isEqualTo("no Down ask");
    }

    @Test
    @DisplayName("a Down ask of 0.0 is a present price, reported as such, not as missing (seed bugs 4 and 5)")
    void zeroAsk() {
        OrderBook up = upBook(List.of(), levels("0.40:100"));
        Signal s = eval(arb, TradingFixtures.market(), up, downBook(List.of(), levels("0.00:100")));
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).isEqualTo("Down ask is 0.00, not a real offer");
    }

    @Test
    @DisplayName("the real mid-window books (0.25 + 0.76) are no arbitrage")
    void realBooks() {
        Signal s = eval(arb, TradingFixtures.market(), TradingFixtures.realUpBook(), TradingFixtures.realDownBook());
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).startsWith("Up 0.25 + Down 0.76");
    }
}
