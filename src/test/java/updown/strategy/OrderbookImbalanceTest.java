package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.testkit.TradingFixtures.downBook;
import static updown.testkit.TradingFixtures.levels;
import static updown.testkit.TradingFixtures.upBook;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Direction;
import updown.domain.OrderBook;
import updown.domain.Ratio;
import updown.domain.Signal;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;

@DisplayName("OrderbookImbalance: Up pressure (Up bids + Down asks) vs Down pressure (Down bids + Up asks)")
class OrderbookImbalanceTest {
    private final OrderbookImbalance obi = new OrderbookImbalance(10, Ratio.of("0.20"));

    private static Signal eval(OrderbookImbalance strategy, OrderBook up, OrderBook down) {
        return strategy.evaluate(TradingFixtures.snapshot(up, down, List.of()));
    }

    /** A Down book adding 10 shares to each side's pressure. */
    private static final OrderBook NEUTRAL_DOWN = downBook(levels("0.45:10"), levels("0.55:10"));

    @Test
    @DisplayName("an imbalance exactly at the threshold triggers: 60 vs 40 → BUY_UP at 0.60")
    void equalTriggers() {
        Signal s = eval(obi, upBook(levels("0.45:50"), levels("0.55:30")), NEUTRAL_DOWN);
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.6"));
        assertThat(s.sources()).containsExactly("OrderbookImbalance");
        assertThat(s.reason()).contains("imbalance 0.20");
    }

    @Test
    @DisplayName("a threshold one micro above the imbalance does not trigger")
    void oneMicroAbove() {
        Signal s = eval(new OrderbookImbalance(10, Ratio.of("0.200001")),
                upBook(levels("0.45:50"), levels("0.55:30")), NEUTRAL_DOWN);
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).contains("within ±0.200001");
    }

    @Test
    @DisplayName("a threshold one micro below the imbalance triggers")
    void oneMicroBelow() {
        Signal s = eval(new OrderbookImbalance(10, Ratio.of("0.199999")),
                upBook(levels("0.45:50"), levels("0.55:30")), NEUTRAL_DOWN);
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
    }

    @Test
    @DisplayName("more selling of Up than buying is BUY_DOWN")
    void downPressure() {
        Signal s = eval(obi, upBook(levels("0.45:30"), levels("0.55:50")), NEUTRAL_DOWN);
        assertThat(s.direction()).isEqualTo(Direction.BUY_DOWN);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.6"));
    }

    @Test
    @DisplayName("Down asks count as Up pressure and Down bids as Down pressure")
    void booksCombine() {
        // Up 10 (Up bids) + 80 (Down asks) = 90 vs Down 20 (Down bids) + 10 (Up asks) = 30 → +0.5
        Signal s = eval(obi, upBook(levels("0.4:10"), levels("0.6:10")), downBook(levels("0.45:20"), levels("0.55:80")));
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence()).isEqualTo(Ratio.of("0.75"));
        Signal both = eval(obi, upBook(levels("0.4:10"), levels("0.6:30")), downBook(levels("0.4:50"), levels("0.6:10")));
        // Up 10 + 10 = 20 vs Down 50 + 30 = 80 → −0.6
        assertThat(both.direction()).isEqualTo(Direction.BUY_DOWN);
        assertThat(both.confidence()).isEqualTo(Ratio.of("0.8"));
    }

    @Test
    @DisplayName("only the best OBI_DEPTH levels count")
    void depthLimits() {
        OrderBook up = upBook(levels("0.45:50", "0.44:1000"), levels("0.55:30", "0.56:1"));
        assertThat(eval(new OrderbookImbalance(1, Ratio.of("0.2")), up, NEUTRAL_DOWN).confidence())
                .isEqualTo(Ratio.of("0.6"));
        assertThat(eval(new OrderbookImbalance(2, Ratio.of("0.2")), up, NEUTRAL_DOWN).confidence())
                .isGreaterThan(Ratio.of("0.9"));
    }

    @Test
    @DisplayName("a one-sided book is full confidence")
    void oneSided() {
        Signal s = eval(obi, upBook(levels("0.45:60"), List.of()), downBook(List.of(), levels("0.55:40")));
        assertThat(s.direction()).isEqualTo(Direction.BUY_UP);
        assertThat(s.confidence()).isEqualTo(Ratio.ONE);
    }

    @Test
    @DisplayName("a balanced book is a SKIP with imbalance 0")
    void balanced() {
        Signal s = eval(obi, upBook(levels("0.45:50"), levels("0.55:50")), NEUTRAL_DOWN);
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).startsWith("imbalance 0.00");
    }

    @Test
    @DisplayName("a missing Up or Down book is a SKIP naming it")
    void missingBooks() {
        OrderBook up = upBook(levels("0.45:60"), levels("0.55:40"));
        assertThat(eval(obi, null, NEUTRAL_DOWN).reason()).isEqualTo("Up book missing");
        assertThat(eval(obi, up, null).reason()).isEqualTo("Down book missing");
    }

    @Test
    @DisplayName("an empty Up or Down book is a SKIP (half a picture), not an exception")
    void emptyBooks() {
        OrderBook emptyUp = upBook(List.of(), List.of());
        OrderBook emptyDown = downBook(List.of(), List.of());
        assertThat(eval(obi, emptyUp, NEUTRAL_DOWN).reason()).isEqualTo("Up book is empty");
        assertThat(eval(obi, upBook(levels("0.45:60"), List.of()), emptyDown).reason())
                .isEqualTo("Down book is empty");
        assertThat(eval(obi, emptyUp, emptyDown).direction()).isEqualTo(Direction.SKIP);
    }

    @Test
    @DisplayName("levels with no size are no volume: a SKIP, no division by zero")
    void zeroVolume() {
        Signal s = eval(obi, upBook(levels("0.45:0"), levels("0.55:0")), downBook(levels("0.45:0"), List.of()));
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).startsWith("no volume");
    }

    @Test
    @DisplayName("on the real mid-window books the pressure is nearly balanced (−0.027): a SKIP at 0.20")
    void realBooks() {
        Signal s = eval(obi, TradingFixtures.realUpBook(), TradingFixtures.realDownBook());
        assertThat(s.direction()).isEqualTo(Direction.SKIP);
        assertThat(s.reason()).startsWith("imbalance -0.027");
        Signal loose = eval(new OrderbookImbalance(10, Ratio.of("0.02")), TradingFixtures.realUpBook(),
                TradingFixtures.realDownBook());
        assertThat(loose.direction()).isEqualTo(Direction.BUY_DOWN);
    }

    @Test
    @DisplayName("it is built from OBI_DEPTH and OBI_THRESHOLD")
    void fromConfig() {
        OrderbookImbalance fromConfig = OrderbookImbalance.fromConfig(TestConfig.defaults().strategies());
        assertThat(fromConfig.toString()).isEqualTo("OrderbookImbalance(depth 10, threshold 0.20)");
    }
}
