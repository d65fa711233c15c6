package updown.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.testkit.Trades;

class MarketKeyTest {

    @Test
    @DisplayName("eth-15m parses to ETH × 15 minutes and prints back the same; case and blanks do not matter")
    void parseAndPrint() {
        MarketKey k = MarketKey.parse(" ETH-15m ");
        assertThat(k).isEqualTo(new MarketKey("eth", 15));
        assertThat(k.toString()).isEqualTo("eth-15m");
        assertThat(k.settingPrefix()).isEqualTo("ETH_15M_");
        assertThat(k.binanceSymbol()).isEqualTo("ETHUSDT");
    }

    @Test
    @DisplayName("an unknown asset or window, or another spelling, is refused with a one-line reason")
    void refused() {
        assertThatThrownBy(() -> MarketKey.parse("doge-5m")).hasMessageStartingWith("unknown asset DOGE");
        assertThatThrownBy(() -> MarketKey.parse("btc-60m")).hasMessageStartingWith("unknown window 60m");
        assertThatThrownBy(() -> MarketKey.parse("btc5m")).hasMessageContaining("<asset>-<minutes>m");
    }

    @Test
    @DisplayName("the key of a slug, of a market and of a trade agree; an unusual slug has none")
    void fromSlugAndMarket() {
        assertThat(MarketKey.fromSlug("sol-updown-15m-1766972700")).contains(new MarketKey("SOL", 15));
        assertThat(MarketKey.fromSlug("bitcoin-up-or-down-may-13-2026-5am-et")).isEmpty();
        Market m = Trades.market(new MarketKey("XRP", 15), Instant.parse("2026-05-12T10:00:00Z"));
        assertThat(MarketKey.of(m)).isEqualTo(new MarketKey("XRP", 15));
        assertThat(Trades.directional(m, Direction.BUY_UP, "0.5", "10", "0.1", m.windowStart()).marketKey())
                .isEqualTo(MarketKey.of(m));
    }

    @Test
    @DisplayName("the real 5m and 15m slugs of the December 2025 sample all have a key matching their window")
    void realSlugs() throws Exception {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(
                updown.testkit.Fixtures.dataPath("polymarket/updown_markets_20251219-20251228.csv"));
        String[] header = lines.get(0).split(",");
        int slugCol = java.util.Arrays.asList(header).indexOf("slug");
        assertThat(slugCol).isNotNegative();
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",");
            String slug = cols[slugCol];
            if (slug.matches("[a-z]+-updown-(5|15)m-\\d+")) {
                MarketKey k = MarketKey.fromSlug(slug).orElseThrow();
                assertThat(k.asset()).as("asset of %s", slug).isEqualTo(cols[slugCol + 1]);
                assertThat(k.windowMinutes() + "m").as("duration of %s", slug).isEqualTo(cols[slugCol + 2]);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }
}
