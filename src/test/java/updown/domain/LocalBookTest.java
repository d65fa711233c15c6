package updown.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LocalBook: a snapshot plus level changes, best levels first, as a sorted map of price to size")
class LocalBookTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Level level(String price, String size) {
        return new Level(Price.of(price), Shares.of(size));
    }

    @Test
    @DisplayName("a snapshot in any order is kept best first; zero sizes are dropped; a repeated price keeps the last")
    void snapshot() {
        LocalBook book = new LocalBook("t");
        book.applySnapshot(List.of(level("0.40", "10"), level("0.45", "5"), level("0.41", "0"), level("0.40", "12")),
                List.of(level("0.60", "7"), level("0.55", "3"), level("0.99", "100")), Price.of("0.01"), "h", T);
        OrderBook b = book.snapshot();
        assertThat(b.bids()).containsExactly(level("0.45", "5"), level("0.40", "12"));
        assertThat(b.asks()).containsExactly(level("0.55", "3"), level("0.60", "7"), level("0.99", "100"));
        assertThat(book.bestBid()).isEqualTo(Price.of("0.45"));
        assertThat(book.bestAsk()).isEqualTo(Price.of("0.55"));
        assertThat(book.snapshot(1).asks()).containsExactly(level("0.55", "3"));
        assertThat(book.hash()).isEqualTo("h");
    }

    @Test
    @DisplayName("changes insert, resize and remove levels; a change before any snapshot is ignored; empty sides")
    void changes() {
        LocalBook book = new LocalBook("t");
        assertThat(book.applyChange(BookSide.BID, Price.of("0.5"), Shares.of("1"), T)).isFalse();
        book.applySnapshot(List.of(), List.of(), null, null, T);
        assertThat(book.bestBid()).isNull();
        assertThat(book.bestAsk()).isNull();
        book.applyChange(BookSide.BID, Price.of("0.30"), Shares.of("1"), T);
        book.applyChange(BookSide.BID, Price.of("0.50"), Shares.of("2"), T);
        book.applyChange(BookSide.BID, Price.of("0.40"), Shares.of("3"), T);
        book.applyChange(BookSide.BID, Price.of("0.5"), Shares.of("4"), T); // "0.5" is the 0.50 level
        book.applyChange(BookSide.BID, Price.of("0.30"), Shares.ZERO, T);
        book.applyChange(BookSide.BID, Price.of("0.20"), Shares.ZERO, T); // removing a missing level: nothing
        assertThat(book.snapshot().bids()).containsExactly(level("0.50", "4"), level("0.40", "3"));
        assertThat(book.sameLevelsAs(book.snapshot())).isTrue();
    }

    @Test
    @DisplayName("20,000 random snapshots and changes give the same levels as a TreeMap of price to size")
    void sameAsSortedMap() {
        Random r = new Random(18);
        LocalBook book = new LocalBook("t");
        TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<Long, Long> asks = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            if (r.nextInt(50) == 0) {
                List<Level> nb = randomLevels(r);
                List<Level> na = randomLevels(r);
                book.applySnapshot(nb, na, null, "", T);
                refill(bids, nb);
                refill(asks, na);
            } else {
                boolean bid = r.nextBoolean();
                long price = (1 + r.nextInt(99)) * 10_000L;
                long size = r.nextInt(4) == 0 ? 0 : (1 + r.nextInt(1_000)) * 1_000L;
                book.applyChange(bid ? BookSide.BID : BookSide.ASK, Price.ofMicros(price), Shares.ofMicros(size), T);
                apply(bid ? bids : asks, price, size);
            }
            OrderBook b = book.snapshot();
            assertThat(b.bids()).isEqualTo(asLevels(bids));
            assertThat(b.asks()).isEqualTo(asLevels(asks));
        }
    }

    private static List<Level> randomLevels(Random r) {
        List<Level> out = new ArrayList<>();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            out.add(new Level(Price.ofMicros((1 + r.nextInt(99)) * 10_000L),
                    Shares.ofMicros(r.nextInt(5) == 0 ? 0 : (1 + r.nextInt(1_000)) * 1_000L)));
        }
        if (r.nextBoolean()) {
            Collections.shuffle(out, r);
        }
        return out;
    }

    private static void refill(TreeMap<Long, Long> side, List<Level> levels) {
        side.clear();
        for (Level l : levels) {
            apply(side, l.price().micros(), l.size().micros());
        }
    }

    private static void apply(TreeMap<Long, Long> side, long price, long size) {
        if (size <= 0) {
            side.remove(price);
        } else {
            side.put(price, size);
        }
    }

    private static List<Level> asLevels(TreeMap<Long, Long> side) {
        List<Level> out = new ArrayList<>();
        for (Map.Entry<Long, Long> e : side.entrySet()) {
            out.add(new Level(Price.ofMicros(e.getKey()), Shares.ofMicros(e.getValue())));
        }
        return out;
    }
}
