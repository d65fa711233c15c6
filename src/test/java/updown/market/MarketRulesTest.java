package updown.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.BookSide;
import updown.domain.Level;
import updown.domain.MarketEvent;
import updown.domain.MarketKey;
import updown.domain.Price;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.net.Counters;

class MarketRulesTest {
    static final Instant T = Instant.parse("2026-05-12T11:12:34Z");

    @Test
    @DisplayName("windows start at multiples of their length; the slug carries the start in Unix seconds")
    void windows() {
        assertThat(Windows.startOf(T, 5)).isEqualTo(Instant.parse("2026-05-12T11:10:00Z"));
        assertThat(Windows.startOf(T, 15)).isEqualTo(Instant.parse("2026-05-12T11:00:00Z"));
        assertThat(Windows.startOf(Instant.parse("2026-05-12T11:10:00Z"), 5)).isEqualTo(Instant.parse("2026-05-12T11:10:00Z"));
        assertThat(Windows.slug("BTC", 5, Instant.ofEpochSecond(1778584200L))).isEqualTo("btc-updown-5m-1778584200");
        assertThat(Windows.slug("ETH", 15, Instant.ofEpochSecond(1778584500L))).isEqualTo("eth-updown-15m-1778584500");
        assertThat(Windows.slugEpochSeconds("btc-updown-5m-1778584200")).hasValue(1778584200L);
        assertThat(Windows.slugEpochSeconds("bitcoin-up-or-down-may-13-2026-5am-et")).isEmpty();
        assertThat(Windows.assetOf("sol-updown-5m-1")).isEqualTo("SOL");
    }

    @Test
    @DisplayName("slugs match asset and window tokens in any order, as whole words, never one hard-coded pattern")
    void slugMatcher() {
        SlugMatcher m = new SlugMatcher(List.of(new MarketKey("BTC", 5), new MarketKey("BTC", 15),
                new MarketKey("ETH", 5), new MarketKey("ETH", 15)));
        assertThat(m.match("btc-updown-5m-1778584200")).hasValue(new SlugMatcher.Match("BTC", 5));
        assertThat(m.match("updown-5m-btc-1778584200")).hasValue(new SlugMatcher.Match("BTC", 5));
        assertThat(m.match("BTC_5m_updown")).hasValue(new SlugMatcher.Match("BTC", 5));
        assertThat(m.match("eth-updown-15m-1778584500")).hasValue(new SlugMatcher.Match("ETH", 15));
        assertThat(m.match("btc-updown-15m-1778584500")).hasValue(new SlugMatcher.Match("BTC", 15));
        assertThat(m.match("sol-updown-5m-1778584200")).isEmpty();
        assertThat(m.match("btcx-updown-5m-1")).isEmpty();
        assertThat(m.match("btc-updown-55m-1")).isEmpty();
        assertThat(m.match(null)).isEmpty();
        assertThat(new SlugMatcher(List.of(MarketKey.DEFAULT)).match("btc-updown-15m-1")).isEmpty();
    }

    @Test
    @DisplayName("a resolution needs Gamma's verdict plus an agreeing CLOB or websocket signal; anything else waits")
    void decide() {
        assertThat(ResolutionRule.decide(Resolution.DOWN, Resolution.DOWN, Resolution.UNKNOWN))
                .isEqualTo(new ResolutionRule.Verdict(Resolution.DOWN, "gamma+clob", false));
        assertThat(ResolutionRule.decide(Resolution.UP, Resolution.UNKNOWN, Resolution.UP))
                .isEqualTo(new ResolutionRule.Verdict(Resolution.UP, "gamma+ws", false));
        assertThat(ResolutionRule.decide(Resolution.UP, Resolution.UP, Resolution.UP).source()).isEqualTo("gamma+clob+ws");
        assertThat(ResolutionRule.decide(Resolution.UP, Resolution.UNKNOWN, Resolution.UNKNOWN))
                .isEqualTo(ResolutionRule.Verdict.NOT_YET);
        assertThat(ResolutionRule.decide(Resolution.UNKNOWN, Resolution.UP, Resolution.UP))
                .isEqualTo(ResolutionRule.Verdict.NOT_YET);
        ResolutionRule.Verdict conflict = ResolutionRule.decide(Resolution.UP, Resolution.DOWN, Resolution.UNKNOWN);
        assertThat(conflict.winner()).isEqualTo(Resolution.UNKNOWN);
        assertThat(conflict.conflict()).isTrue();
        assertThat(ResolutionRule.decide(Resolution.UP, Resolution.UP, Resolution.DOWN).conflict()).isTrue();
    }

    @Test
    @DisplayName("with no cross-check at all, Gamma's verdict settles alone once it has stood for 15 minutes; a conflict"
            + " never does")
    void gammaAloneAfterGrace() {
        java.time.Duration grace = ResolutionRule.GAMMA_ALONE_AFTER;
        assertThat(ResolutionRule.decide(Resolution.UP, Resolution.UNKNOWN, Resolution.UNKNOWN,
                grace.minusMillis(1))).isEqualTo(ResolutionRule.Verdict.NOT_YET);
        ResolutionRule.Verdict alone = ResolutionRule.decide(Resolution.UP, Resolution.UNKNOWN, Resolution.UNKNOWN,
                grace);
        assertThat(alone.winner()).isEqualTo(Resolution.UP);
        assertThat(alone.source()).startsWith("gamma alone");
        assertThat(ResolutionRule.decide(Resolution.UP, Resolution.DOWN, Resolution.UNKNOWN, grace.multipliedBy(10))
                .conflict()).isTrue();
        assertThat(ResolutionRule.decide(Resolution.UNKNOWN, Resolution.UNKNOWN, Resolution.UNKNOWN,
                grace.multipliedBy(10))).isEqualTo(ResolutionRule.Verdict.NOT_YET);
    }

    @Test
    @DisplayName("the CLOB cross-check needs exactly one winner token that belongs to the market")
    void clobWinner() {
        var m = BookFeedVerticleTest.market(Instant.ofEpochSecond(1778584200L), "1", "2");
        assertThat(ResolutionRule.clob(new ClobMarketInfo(m.conditionId(), true, List.of(
                new ClobMarketInfo.Token("1", "Up", false), new ClobMarketInfo.Token("2", "Down", true))), m))
                .isEqualTo(Resolution.DOWN);
        assertThat(ResolutionRule.clob(new ClobMarketInfo(m.conditionId(), true, List.of(
                new ClobMarketInfo.Token("1", "Up", true), new ClobMarketInfo.Token("2", "Down", true))), m))
                .isEqualTo(Resolution.UNKNOWN);
        assertThat(ResolutionRule.clob(new ClobMarketInfo("0xother", true, List.of(
                new ClobMarketInfo.Token("1", "Up", true))), m)).isEqualTo(Resolution.UNKNOWN);
        assertThat(ResolutionRule.clob(new ClobMarketInfo(m.conditionId(), true, List.of(
                new ClobMarketInfo.Token("3", "Up", true))), m)).isEqualTo(Resolution.UNKNOWN);
        assertThat(ResolutionRule.byToken("1", m)).isEqualTo(Resolution.UP);
        assertThat(ResolutionRule.byToken(null, m)).isEqualTo(Resolution.UNKNOWN);
    }

    @Test
    @DisplayName("the book keeper publishes health only on transitions and never trusts an older REST book")
    void bookKeeper() {
        Counters c = new Counters();
        BookKeeper k = new BookKeeper(30_000, c);
        assertThat(k.follow("1", Price.of("0.01"), T)).isTrue();
        assertThat(k.follow("1", Price.of("0.01"), T)).isFalse();
        RestBook b1 = new RestBook("1", List.of(Level.of("0.4", "1")), List.of(Level.of("0.6", "1")), null, "h1", 1_000, false);
        List<MarketEvent> e = k.onBook(b1, BookKeeper.Source.WEBSOCKET, T);
        assertThat(e).hasSize(2);
        assertThat(e.get(0)).isInstanceOf(MarketEvent.BookSnapshot.class);
        assertThat(((MarketEvent.BookSnapshot) e.get(0)).tickSize()).isEqualTo(Price.of("0.01"));
        assertThat(e.get(1)).isEqualTo(new MarketEvent.BookHealth("1", false, "websocket snapshot", T));
        // the same book again: nothing to say
        assertThat(k.onBook(b1, BookKeeper.Source.REST_CHECK, T.plusSeconds(1))).isEmpty();
        // a change
        assertThat(k.onChanges(new ClobWsEvent.PriceChange(2_000, List.of(
                new ClobWsEvent.Change("1", BookSide.BID, Price.of("0.41"), Shares.of("2")),
                new ClobWsEvent.Change("unknown", BookSide.BID, Price.of("0.41"), Shares.of("2")))), T.plusSeconds(2)))
                .hasSize(1);
        // a REST answer older than the socket's last change is ignored
        RestBook old = new RestBook("1", List.of(), List.of(), null, "h0", 1_500, false);
        assertThat(k.onBook(old, BookKeeper.Source.REST_CHECK, T.plusSeconds(3))).isEmpty();
        assertThat(c.get("book.rest-older-than-ws")).isEqualTo(1);
        // silence: stale once
        assertThat(k.watchdog(T.plusSeconds(32))).isEmpty();
        List<MarketEvent> stale = k.watchdog(T.plusSeconds(33));
        assertThat(stale).singleElement().isEqualTo(new MarketEvent.BookHealth("1", true, "no book update for 31000 ms", T.plusSeconds(33)));
        assertThat(k.watchdog(T.plusSeconds(90))).isEmpty();
        assertThat(k.dueForResync(T.plusSeconds(90), 1_000)).containsExactly("1");
        assertThat(k.dueForResync(T.plusSeconds(90), 1_000)).isEmpty();
        // a level change keeps it stale; only a snapshot makes it fresh
        assertThat(k.onChanges(new ClobWsEvent.PriceChange(3_000, List.of(
                new ClobWsEvent.Change("1", BookSide.ASK, Price.of("0.6"), Shares.ZERO))), T.plusSeconds(91)))
                .noneMatch(x -> x instanceof MarketEvent.BookHealth);
        assertThat(k.health("1")).isEqualTo(BookKeeper.Health.STALE);
        RestBook b2 = new RestBook("1", List.of(Level.of("0.41", "2")), List.of(), Price.of("0.001"), "h2", 4_000, false);
        List<MarketEvent> back = k.onBook(b2, BookKeeper.Source.REST_RESYNC, T.plusSeconds(92));
        assertThat(back.get(back.size() - 1)).isEqualTo(new MarketEvent.BookHealth("1", false, "resynced from REST", T.plusSeconds(92)));
        assertThat(k.book("1").tickSize()).isEqualTo(Price.of("0.001"));
        // no book on the venue
        assertThat(k.onBook(new RestBook("1", List.of(), List.of(), null, "0000", 5_000, true), BookKeeper.Source.WEBSOCKET,
                T.plusSeconds(93))).singleElement().extracting(x -> ((MarketEvent.BookHealth) x).reason())
                .isEqualTo("no book on the venue");
        assertThat(k.unfollow("1", "gone", T.plusSeconds(94))).isEmpty(); // already stale
        assertThat(k.followed()).isEmpty();
    }

    @Test
    @DisplayName("a book never seen is stale after the limit, with its own reason")
    void neverSeen() {
        BookKeeper k = new BookKeeper(1_000, new Counters());
        k.follow("7", null, T);
        assertThat(k.watchdog(T.plusMillis(1_001))).singleElement()
                .extracting(x -> ((MarketEvent.BookHealth) x).reason()).isEqualTo("no snapshot yet after 1001 ms");
        assertThat(k.onFallbackFailed("7", "HTTP 503", T.plusMillis(1_002))).isEmpty(); // already stale
        assertThat(k.onFallbackFailed("nope", "x", T)).isEmpty();
    }
}
