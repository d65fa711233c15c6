package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.Price;
import updown.testkit.Trades;

@DisplayName("MarketView.prune forgets a market and its books 30 minutes after its window ends, not a moment sooner")
class MarketViewPruneTest {
    private static final Instant START = Instant.parse("2026-12-05T00:00:00Z");

    @Test
    @DisplayName("kept at exactly end + 30 min, gone one nanosecond later, with its books; a later market stays")
    void prunesAfterRetention() {
        MarketView view = new MarketView(60, 10_000);
        Market early = Trades.market(START);
        Market later = Trades.market(START.plusSeconds(300));
        for (Market m : List.of(early, later)) {
            view.apply(new MarketEvent.MarketDiscovered(m, START));
            view.apply(new MarketEvent.BookSnapshot(m.upTokenId(), List.of(Level.of("0.48", "10")),
                    List.of(Level.of("0.52", "10")), Price.of("0.01"), "h", START));
        }
        Instant edge = early.windowEnd().plus(MarketView.RETENTION_AFTER_END);

        view.prune(edge);
        assertThat(view.markets()).containsExactlyInAnyOrder(early, later);
        assertThat(view.isStale(early.upTokenId())).as("its book is still there").isFalse();

        view.prune(edge.plusNanos(1));
        assertThat(view.markets()).containsExactly(later);
        assertThat(view.isStale(early.upTokenId())).as("its book went with it").isTrue();
        assertThat(view.isStale(later.upTokenId())).isFalse();
    }
}
