package updown.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.FeeSchedule;
import updown.domain.Market;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.testkit.Fixtures;

class GammaParserTest {
    static final String UP_TOKEN = "48418917734180607831833027288777571190488909295977497623601373906809754084036";
    static final String DOWN_TOKEN = "14943202171143669362180565155331992758433128192256190594100236888666963607938";

    private static GammaMarket only(String fixture) {
        ParseResult<GammaPage> r = GammaParser.parse(Fixtures.fixture(fixture));
        assertThat(r.isOk()).as(r.toString()).isTrue();
        assertThat(r.value().skipped()).isEmpty();
        assertThat(r.value().markets()).hasSize(1);
        return r.value().markets().get(0);
    }

    @Test
    @DisplayName("a live event (single object) yields its market with window, tokens, tick, min size and fees")
    void liveEvent() {
        GammaMarket gm = only("gamma/event-btc-updown-5m-1778584200-live.json");
        Market m = gm.market();
        assertThat(m.id()).isEqualTo("2229686");
        assertThat(m.slug()).isEqualTo("btc-updown-5m-1778584200");
        assertThat(m.asset()).isEqualTo("BTC");
        assertThat(m.conditionId()).startsWith("0xa5c6d0c4");
        assertThat(m.windowStart()).isEqualTo(Instant.parse("2026-05-12T11:10:00Z"));
        assertThat(m.windowEnd()).isEqualTo(Instant.parse("2026-05-12T11:15:00Z"));
        assertThat(m.upTokenId()).isEqualTo(UP_TOKEN);
        assertThat(m.downTokenId()).isEqualTo(DOWN_TOKEN);
        assertThat(m.tickSize()).isEqualTo(Price.of("0.01"));
        assertThat(m.minOrderSize()).isEqualTo(Shares.ofWhole(5));
        assertThat(m.fees()).isEqualTo(new FeeSchedule(Ratio.of("0.07"), 1, true));
        assertThat(m.active()).isTrue();
        assertThat(m.closed()).isFalse();
        assertThat(m.acceptingOrders()).isTrue();
        assertThat(m.enableOrderBook()).isTrue();
        assertThat(m.isLiveAt(Instant.parse("2026-05-12T11:12:00Z"))).isTrue();
        assertThat(gm.outcomePrices()).containsExactly(Price.of("0.515"), Price.of("0.485"));
        assertThat(gm.resolutionSource()).isEqualTo("https://data.chain.link/streams/btc-usd");
        assertThat(ResolutionRule.gamma(gm)).isEqualTo(Resolution.UNKNOWN);
    }

    @Test
    @DisplayName("the markets?slug= list shape parses, window from eventStartTime not the listing startDate")
    void marketsListPrewindow() {
        GammaMarket gm = only("gamma/markets-slug-btc-updown-5m-1789697400-prewindow.json");
        assertThat(gm.market().windowStart()).isEqualTo(Instant.ofEpochSecond(1789697400L));
        assertThat(gm.market().windowEnd()).isEqualTo(Instant.ofEpochSecond(1789697700L));
        assertThat(gm.market().upTokenId()).startsWith("3147933641");
        // the trimmed capture has no enableOrderBook: a market accepting orders has a book
        assertThat(gm.market().enableOrderBook()).isTrue();
    }

    @Test
    @DisplayName("a pre-fee-era market (feesEnabled false, no book) is free and not live")
    void fullFieldsPreFee() {
        GammaMarket gm = only("gamma/event-btc-updown-5m-1766972400-full-market-fields.json");
        assertThat(gm.market().fees()).isEqualTo(FeeSchedule.FREE);
        assertThat(gm.market().enableOrderBook()).isFalse();
        assertThat(gm.market().acceptingOrders()).isFalse();
        assertThat(gm.market().isLiveAt(gm.market().windowStart().plusSeconds(10))).isFalse();
        assertThat(gm.outcomePrices()).isEmpty();
    }

    @Test
    @DisplayName("a resolved market (closed, prices 0/1) resolves Down by the Gamma rule")
    void resolvedMarket() {
        ParseResult<GammaMarket> r = GammaParser.parseMarket(
                Fixtures.fixture("gamma/market-btc-updown-5m-resolved.assembled.json"));
        assertThat(r.isOk()).isTrue();
        assertThat(r.value().market().closed()).isTrue();
        assertThat(r.value().umaResolutionStatus()).isEqualTo("resolved");
        assertThat(ResolutionRule.gamma(r.value())).isEqualTo(Resolution.DOWN);
    }

    @Test
    @DisplayName("a resolved event list with eventMetadata parses to the closed market")
    void resolvedEvent() {
        GammaMarket gm = only("gamma/event-btc-updown-5m-resolved-with-eventMetadata.assembled.json");
        assertThat(ResolutionRule.gamma(gm)).isEqualTo(Resolution.DOWN);
        assertThat(gm.market().acceptingOrders()).isFalse();
    }

    @Test
    @DisplayName("the real market in shared/data (no feeSchedule, fees enabled) gets the crypto fee schedule")
    void dataMarket() throws java.io.IOException {
        ParseResult<GammaMarket> r = GammaParser.parseMarket(java.nio.file.Files.readString(
                Fixtures.dataPath("polymarket/gamma-market-btc-updown-5m-1773307200.json")));
        assertThat(r.isOk()).as(r.toString()).isTrue();
        assertThat(r.value().market().fees()).isEqualTo(FeeSchedule.CRYPTO_5M);
        assertThat(r.value().market().windowStart()).isEqualTo(Instant.ofEpochSecond(1773307200L));
    }

    @Test
    @DisplayName("real JSON lists are accepted as well as JSON-encoded strings, and labels decide Up/Down")
    void realListsAndSwappedLabels() {
        String body = """
                [{"id":"1","slug":"btc-updown-5m-1778584200","conditionId":"0xabc",
                  "clobTokenIds":["111","222"],"outcomes":["Down","Up"],"outcomePrices":["1","0"],
                  "endDate":"2026-05-12T11:15:00Z","eventStartTime":"2026-05-12T11:10:00Z",
                  "closed":true,"active":true}]""";
        GammaMarket gm = GammaParser.parse(body).value().markets().get(0);
        assertThat(gm.market().upTokenId()).isEqualTo("222");
        assertThat(gm.market().downTokenId()).isEqualTo("111");
        assertThat(gm.outcomePrices()).containsExactly(Price.ZERO, Price.ONE);
        assertThat(ResolutionRule.gamma(gm)).isEqualTo(Resolution.DOWN);
    }

    @Test
    @DisplayName("without outcome labels the first token is Up")
    void firstIsUp() {
        String body = """
                {"id":"1","slug":"btc-updown-5m-1778584200","conditionId":"0xabc","clobTokenIds":"[\\"111\\",\\"222\\"]",
                 "endDate":"2026-05-12T11:15:00Z"}""";
        GammaMarket gm = GammaParser.parse(body).value().markets().get(0);
        assertThat(gm.market().upTokenId()).isEqualTo("111");
        assertThat(gm.market().windowStart()).isEqualTo(Instant.ofEpochSecond(1778584200L)); // from the slug
    }

    @Test
    @DisplayName("Protocol V2 markets take their token ids from positionIds and are marked for ExchangeV3")
    void protocolV2() {
        String body = """
                {"id":"1","slug":"btc-updown-5m-1778584200","conditionId":"0xabc","version":"v2",
                 "positionIds":["333","444"],"clobTokenIds":"[\\"111\\",\\"222\\"]",
                 "endDate":"2026-05-12T11:15:00Z","eventStartTime":"2026-05-12T11:10:00Z"}""";
        assertThat(GammaParser.parse(body).value().markets().get(0).market().upTokenId()).isEqualTo("333");
        assertThat(GammaParser.parse(body).value().markets().get(0).market().protocolV2()).isTrue();
        assertThat(GammaParser.parse(body.replace("\"v2\"", "\"v1\"")).value().markets().get(0).market()
                .protocolV2()).isFalse();
    }

    @Test
    @DisplayName("not-final prices like 0.9995/0.0005 or 0.5/0.5 on a closed market are not a resolution")
    void notFinalPrices() {
        for (String prices : new String[]{"[\"0.9995\",\"0.0005\"]", "[\"0.5\",\"0.5\"]", "[\"1\",\"1\"]"}) {
            String body = """
                    {"id":"1","slug":"btc-updown-5m-1778584200","conditionId":"0xabc","clobTokenIds":["1","2"],
                     "outcomePrices":%s,"closed":true,"endDate":"2026-05-12T11:15:00Z"}""".formatted(prices);
            assertThat(ResolutionRule.gamma(GammaParser.parse(body).value().markets().get(0)))
                    .as(prices).isEqualTo(Resolution.UNKNOWN);
        }
        String open = """
                {"id":"1","slug":"btc-updown-5m-1778584200","conditionId":"0xabc","clobTokenIds":["1","2"],
                 "outcomePrices":["1","0"],"closed":false,"endDate":"2026-05-12T11:15:00Z"}""";
        assertThat(ResolutionRule.gamma(GammaParser.parse(open).value().markets().get(0)))
                .as("open market with final-looking prices").isEqualTo(Resolution.UNKNOWN);
    }

    @Test
    @DisplayName("a malformed market inside a list is skipped with a typed error; the others survive")
    void skipsBadElement() {
        String body = """
                [{"id":"1","slug":"btc-updown-5m-1778584200","conditionId":"0xabc","clobTokenIds":["1","2"],
                  "endDate":"2026-05-12T11:15:00Z"},
                 {"id":"2","slug":"btc-updown-5m-1778584500","conditionId":"0xdef","clobTokenIds":"[\\"1\\"]",
                  "endDate":"2026-05-12T11:20:00Z"},
                 {"id":"3","slug":"btc-updown-5m-1778584800","clobTokenIds":["5","6"],"endDate":"x"}]""";
        GammaPage page = GammaParser.parse(body).value();
        assertThat(page.markets()).extracting(g -> g.market().id()).containsExactly("1");
        assertThat(page.skipped()).extracting(ParseError::kind)
                .containsExactly(ParseError.Kind.BAD_VALUE, ParseError.Kind.MISSING_FIELD);
    }

    @Test
    @DisplayName("an empty answer is an empty page; garbage is one typed error")
    void emptyAndGarbage() {
        assertThat(GammaParser.parse("[]").value().markets()).isEmpty();
        assertThat(GammaParser.parse("[{\"id\":").error().kind()).isEqualTo(ParseError.Kind.MALFORMED_JSON);
        assertThat(GammaParser.parse("42").error().kind()).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(GammaParser.parse("{\"error\":\"boom\"}").error().kind()).isEqualTo(ParseError.Kind.BAD_VALUE);
    }
}
