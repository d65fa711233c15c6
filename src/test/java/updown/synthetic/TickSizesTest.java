package updown.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Level;
import updown.domain.Levels;

@DisplayName("TickSizes: one side of a simulated book by tick, listed best first, cleared level by level")
class TickSizesTest {
    private static final long MICROS_PER_TICK = 10_000;

    private static TickSizes side(int... tickAndWholeShares) {
        TickSizes s = new TickSizes();
        for (int i = 0; i < tickAndWholeShares.length; i += 2) {
            s.put(tickAndWholeShares[i], tickAndWholeShares[i + 1] * 1_000_000L);
        }
        return s;
    }

    @Test
    @DisplayName("lists asks lowest first and bids highest first, across both words of ticks (below and above 64)")
    void listsInBookOrder() {
        TickSizes s = side(99, 900, 3, 30, 64, 640, 63, 630, 1, 10);
        assertThat(s.levels(MICROS_PER_TICK, false)).containsExactly(Level.of("0.01", "10"), Level.of("0.03", "30"),
                Level.of("0.63", "630"), Level.of("0.64", "640"), Level.of("0.99", "900"));
        assertThat(s.levels(MICROS_PER_TICK, true)).containsExactly(Level.of("0.99", "900"), Level.of("0.64", "640"),
                Level.of("0.63", "630"), Level.of("0.03", "30"), Level.of("0.01", "10"));
        assertThat(s.lowest()).isEqualTo(1);
    }

    @Test
    @DisplayName("a size of 0 removes the level; clear empties the side and it can be filled again")
    void zeroRemovesAndClearEmpties() {
        TickSizes s = side(10, 1, 70, 7);
        s.put(10, 0);
        assertThat(s.levels(MICROS_PER_TICK, false)).containsExactly(Level.of("0.70", "7"));
        assertThat(s.lowest()).isEqualTo(70);
        s.clear();
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.get(70)).isZero();
        assertThat(s.levels(MICROS_PER_TICK, true)).isEqualTo(Levels.of(new long[0], new long[0], 0));
        assertThatThrownBy(s::lowest).isInstanceOf(NoSuchElementException.class);
        s.put(5, 2_000_000);
        assertThat(s.levels(MICROS_PER_TICK, false)).containsExactly(Level.of("0.05", "2"));
    }

    @Test
    @DisplayName("clearFrom drops the tick given and above, clearBelow everything under it, on either side of 64")
    void clearFromAndBelow() {
        for (int cut : new int[] {1, 40, 63, 64, 65, 90, 100}) {
            TickSizes s = side(1, 1, 40, 4, 63, 6, 64, 6, 65, 6, 90, 9, 99, 9);
            s.clearFrom(cut);
            for (int t : new int[] {1, 40, 63, 64, 65, 90, 99}) {
                assertThat(s.get(t) != 0).as("clearFrom(%d) at %d", cut, t).isEqualTo(t < cut);
            }
            TickSizes b = side(1, 1, 40, 4, 63, 6, 64, 6, 65, 6, 90, 9, 99, 9);
            b.clearBelow(cut);
            for (int t : new int[] {1, 40, 63, 64, 65, 90, 99}) {
                assertThat(b.get(t) != 0).as("clearBelow(%d) at %d", cut, t).isEqualTo(t >= cut);
            }
            assertThat(s.levels(MICROS_PER_TICK, false).size() + b.levels(MICROS_PER_TICK, false).size())
                    .as("the two halves make the whole at %d", cut).isEqualTo(7);
        }
    }

    @Test
    @DisplayName("mirrors through 1.00: tick t lands on 100 − t with its size (an Up ask becomes a Down bid)")
    void mirrors() {
        TickSizes upAsks = side(52, 5, 53, 7, 99, 1000);
        TickSizes downBids = side(77, 1); // whatever was there before is gone
        upAsks.mirrorInto(downBids, 100);
        assertThat(downBids.levels(MICROS_PER_TICK, true)).containsExactly(Level.of("0.48", "5"),
                Level.of("0.47", "7"), Level.of("0.01", "1000"));
    }
}
