package updown.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.TraderTicked;

@DisplayName("the freshness rule shared by /health and the data/health file")
class FreshnessTest {
    private static final Instant NOW = Instant.parse("2026-05-12T10:00:00Z");
    private static final long MAX = 120_000;

    private static TraderTicked tick(Instant at, int markets, int staleBooks, boolean candles) {
        return new TraderTicked(at, markets, staleBooks, candles, 0, 1);
    }

    @Test
    @DisplayName("a tick exactly HEALTH_MAX_AGE_MS old is fresh, one millisecond older is not")
    void boundary() {
        assertThat(Freshness.tickFresh(NOW.minusMillis(MAX), NOW, MAX)).isTrue();
        assertThat(Freshness.tickFresh(NOW.minusMillis(MAX + 1), NOW, MAX)).isFalse();
        assertThat(Freshness.tickFresh(NOW, NOW, MAX)).isTrue();
    }

    @Test
    @DisplayName("no tick at all is not fresh")
    void never() {
        assertThat(Freshness.tickFresh(null, NOW, MAX)).isFalse();
        Freshness.Verdict v = Freshness.evaluate(null, NOW, MAX);
        assertThat(v.healthy()).isFalse();
        assertThat(v.reasons()).containsExactly("the trader has not ticked yet");
    }

    @Test
    @DisplayName("a timestamp further in the future than the window is not trusted")
    void future() {
        assertThat(Freshness.tickFresh(NOW.plusMillis(MAX), NOW, MAX)).isTrue();
        assertThat(Freshness.tickFresh(NOW.plusMillis(MAX + 1), NOW, MAX)).isFalse();
    }

    @Test
    @DisplayName("feeds are stale when the BTC candles are stale")
    void candles() {
        assertThat(Freshness.feedsFresh(tick(NOW, 1, 0, false))).isFalse();
        assertThat(Freshness.feedProblems(tick(NOW, 1, 0, false))).containsExactly("the price feed is stale (no asset has fresh candles)");
    }

    @Test
    @DisplayName("feeds are stale only when every book of the active markets is stale")
    void books() {
        assertThat(Freshness.feedsFresh(tick(NOW, 1, 1, true))).isTrue();
        assertThat(Freshness.feedsFresh(tick(NOW, 1, 2, true))).isFalse();
        assertThat(Freshness.feedsFresh(tick(NOW, 3, 5, true))).isTrue();
        assertThat(Freshness.feedsFresh(tick(NOW, 3, 6, true))).isFalse();
        assertThat(Freshness.feedsFresh(tick(NOW, 0, 0, true))).as("between windows, no markets").isTrue();
    }

    @Test
    @DisplayName("the verdict lists every failed condition")
    void verdict() {
        Freshness.Verdict v = Freshness.evaluate(tick(NOW.minusSeconds(121), 2, 4, false), NOW, MAX);
        assertThat(v.tickFresh()).isFalse();
        assertThat(v.feedsFresh()).isFalse();
        assertThat(v.reasons()).hasSize(3);
        assertThat(v.reasons().get(0)).contains("121000 ms").contains("limit 120000 ms");
        assertThat(Freshness.evaluate(tick(NOW.minusSeconds(5), 2, 1, true), NOW, MAX).healthy()).isTrue();
        assertThat(Freshness.evaluate(tick(NOW.minusSeconds(5), 2, 1, true), NOW, MAX).reasons()).isEmpty();
    }
}
