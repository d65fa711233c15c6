package updown.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Levels: book levels as two arrays, equal to the same levels as a list, immutable")
class LevelsTest {
    private static final long[] PRICES = {480_000, 470_000, 450_000};
    private static final long[] SIZES = {12_500_000, 3_000_000, 100_000_000};

    @Test
    @DisplayName("reads as the levels it holds, in the order given, and equals List.of of the same levels")
    void readsAndEqualsAList() {
        Levels l = Levels.of(PRICES, SIZES, 3);
        List<Level> same = List.of(Level.of("0.48", "12.5"), Level.of("0.47", "3"), Level.of("0.45", "100"));
        assertThat(l).hasSize(3).containsExactlyElementsOf(same);
        assertThat(l).isEqualTo(same);
        assertThat(same).isEqualTo(l);
        assertThat(l.hashCode()).isEqualTo(same.hashCode());
        assertThat(l.toString()).isEqualTo(same.toString());
        assertThat(l.priceMicros(1)).isEqualTo(470_000);
        assertThat(l.sizeMicros(2)).isEqualTo(100_000_000);
    }

    @Test
    @DisplayName("copies the caller's arrays: changing them afterwards changes nothing")
    void copiesTheArrays() {
        long[] prices = PRICES.clone();
        long[] sizes = SIZES.clone();
        Levels l = Levels.of(prices, sizes, 2);
        prices[0] = 10_000;
        sizes[0] = 1;
        assertThat(l).containsExactly(Level.of("0.48", "12.5"), Level.of("0.47", "3"));
    }

    @Test
    @DisplayName("cannot be changed, and refuses a count outside its arrays")
    void immutableAndBounded() {
        Levels l = Levels.of(PRICES, SIZES, 3);
        assertThatThrownBy(() -> l.add(Level.of("0.5", "1"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> l.set(0, Level.of("0.5", "1"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> l.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Levels.of(PRICES, SIZES, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Levels.wrap(new long[2], new long[1])).isInstanceOf(IllegalArgumentException.class);
        assertThat(Levels.of(PRICES, SIZES, 0)).isEmpty();
    }

    @Test
    @DisplayName("a book keeps a Levels as it is, any other list as an immutable copy")
    void booksKeepLevels() {
        Levels l = Levels.of(PRICES, SIZES, 3);
        OrderBook b = new OrderBook("t", l, List.of(), Price.of("0.01"), "", null);
        assertThat(b.bids()).isSameAs(l);
        assertThat(b.bestBid()).contains(Price.of("0.48"));
        assertThat(b.bidVolume(2)).isEqualTo(Shares.of("15.5"));
        java.util.ArrayList<Level> mutable = new java.util.ArrayList<>(l);
        OrderBook c = new OrderBook("t", mutable, List.of(), Price.of("0.01"), "", null);
        mutable.clear();
        assertThat(c.bids()).isEqualTo(l);
    }

    @Test
    @DisplayName("a LocalBook loads a Levels snapshot and gives back the same levels, best first, cut to the depth")
    void localBookRoundTrip() {
        LocalBook book = new LocalBook("t");
        Levels bids = Levels.of(PRICES, SIZES, 3);
        Levels asks = Levels.of(new long[] {500_000, 520_000}, new long[] {1_000_000, 0}, 2);
        book.applySnapshot(bids, asks, Price.of("0.01"), "h", null);
        OrderBook snap = book.snapshot(2);
        assertThat(snap.bids()).containsExactly(Level.of("0.48", "12.5"), Level.of("0.47", "3"));
        assertThat(snap.asks()).as("a zero-size level is dropped, as from a list").containsExactly(
                Level.of("0.50", "1"));
        assertThat(book.bestAsk()).isEqualTo(Price.of("0.5"));
    }
}
