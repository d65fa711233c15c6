package updown.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.BookSide;
import updown.domain.Level;
import updown.domain.LocalBook;
import updown.domain.Price;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.testkit.Fixtures;

class ClobParserTest {

    @Test
    @DisplayName("the REST book (best LAST on the wire) is normalised best first")
    void restBookNormalised() {
        ParseResult<RestBook> r = ClobParser.parseBook(Fixtures.fixture("clob/book-btc-updown-5m-1778584200-up-midwindow.json"));
        assertThat(r.isOk()).as(r.toString()).isTrue();
        RestBook b = r.value();
        assertThat(b.tokenId()).startsWith("4841891773");
        assertThat(b.bids().get(0)).isEqualTo(Level.of("0.24", "25"));
        assertThat(b.bids().get(b.bids().size() - 1)).isEqualTo(Level.of("0.01", "14468.29"));
        assertThat(b.asks().get(0).price()).isEqualTo(Price.of("0.25"));
        assertThat(b.asks().get(b.asks().size() - 1)).isEqualTo(Level.of("0.99", "12884.26"));
        assertThat(b.bids()).hasSize(24);
        assertThat(b.tickSize()).isEqualTo(Price.of("0.01"));
        assertThat(b.serverTimeMs()).isEqualTo(1778584369464L);
        assertThat(b.hash()).isEqualTo("d52f3ca97fa4cd60ca64282ba1ecefcb373952a7");
        assertThat(b.noBook()).isFalse();
    }

    @Test
    @DisplayName("CLOB error bodies are typed errors, not books")
    void errorBodies() {
        assertThat(ClobParser.parseBook(Fixtures.fixture("clob/error-404-book-no-orderbook.json")).error().kind())
                .isEqualTo(ParseError.Kind.BAD_VALUE);
        assertThat(ClobParser.parseBook(Fixtures.fixture("clob/error-400-invalid-token-id.json")).isOk()).isFalse();
    }

    @Test
    @DisplayName("null bid/ask lists read as empty; a real empty book is not 'no book'")
    void nullSides() {
        RestBook b = ClobParser.parseBook("{\"asset_id\":\"1\",\"bids\":null,\"asks\":[],\"hash\":\"ab12\"}").value();
        assertThat(b.bids()).isEmpty();
        assertThat(b.noBook()).isFalse();
    }

    @Test
    @DisplayName("the resolved CLOB market names the Down token as winner")
    void clobMarketResolved() {
        ClobMarketInfo info = ClobParser.parseMarket(
                Fixtures.fixture("clob/market-by-condition-id-resolved.assembled.json")).value();
        assertThat(info.closed()).isTrue();
        GammaMarket gm = GammaParser.parseMarket(
                Fixtures.fixture("gamma/market-btc-updown-5m-resolved.assembled.json")).value();
        assertThat(ResolutionRule.clob(info, gm.market())).isEqualTo(Resolution.DOWN);
    }

    @Test
    @DisplayName("the live initial frame is an array of books; the all-zero-hash empty one is 'no book'")
    void initialFrame() {
        ClobFrame f = ClobWsParser.parse(Fixtures.fixture("clob-ws/initial-book-frame-live-2026-10-02.json")).value();
        assertThat(f.skipped()).isEmpty();
        assertThat(f.events()).hasSize(2);
        RestBook live = ((ClobWsEvent.Book) f.events().get(0)).book();
        assertThat(live.noBook()).isFalse();
        assertThat(live.bids().get(0)).isEqualTo(Level.of("0.03", "41666.32"));
        assertThat(live.asks().get(0)).isEqualTo(Level.of("0.97", "8960.67"));
        RestBook placeholder = ((ClobWsEvent.Book) f.events().get(1)).book();
        assertThat(placeholder.tokenId()).isEqualTo("1111");
        assertThat(placeholder.noBook()).isTrue();
    }

    @Test
    @DisplayName("a bare [] frame means no book for a token we named")
    void emptyFrame() {
        ClobFrame f = ClobWsParser.parse(Fixtures.fixture("clob-ws/unknown-or-closed-token-frame.json")).value();
        assertThat(f.events()).containsExactly(new ClobWsEvent.EmptyFrame());
    }

    @Test
    @DisplayName("the doc book example (prices like '.48', asks ascending) is keyed by numeric price")
    void docBook() {
        RestBook b = ((ClobWsEvent.Book) ClobWsParser.parse(Fixtures.fixture("clob-ws/book-doc-example.json"))
                .value().events().get(0)).book();
        assertThat(b.bids().get(0)).isEqualTo(Level.of("0.50", "15"));
        assertThat(b.asks().get(0)).isEqualTo(Level.of("0.52", "25"));
        assertThat(b.noBook()).isFalse();
        assertThat(b.serverTimeMs()).isEqualTo(123456789000L);
    }

    @Test
    @DisplayName("price_change carries new totals per level; '0.5' and '0.50' land on the same level")
    void priceChange() {
        ClobWsEvent.PriceChange pc = (ClobWsEvent.PriceChange) ClobWsParser.parse(
                Fixtures.fixture("clob-ws/price-change-doc-example.json")).value().events().get(0);
        assertThat(pc.serverTimeMs()).isEqualTo(1757908892351L);
        assertThat(pc.changes()).containsExactly(new ClobWsEvent.Change(
                "71321045679252212594626385532706912750332728571942532289631379312455583992563", BookSide.BID,
                Price.of("0.5"), Shares.of("200")));
        LocalBook book = new LocalBook(pc.changes().get(0).tokenId());
        book.applySnapshot(List.of(Level.of("0.50", "10")), List.of(), Price.of("0.01"), "h", null);
        ClobWsEvent.Change c = pc.changes().get(0);
        book.applyChange(c.side(), c.price(), c.size(), null);
        assertThat(book.snapshot().bids()).containsExactly(Level.of("0.5", "200"));
    }

    @Test
    @DisplayName("tick_size_change, best_bid_ask (also with an empty side), last_trade_price, market_resolved, new_market")
    void otherEvents() {
        ClobWsEvent.TickSizeChange t = (ClobWsEvent.TickSizeChange) single("clob-ws/tick-size-change-doc-example.json");
        assertThat(t.newTickSize()).isEqualTo(Price.of("0.001"));
        ClobWsEvent.BestBidAsk bba = (ClobWsEvent.BestBidAsk) single("clob-ws/best-bid-ask-doc-example.json");
        assertThat(bba.bestBid()).isEqualTo(Price.of("0.73"));
        ClobWsEvent.BestBidAsk empty = (ClobWsEvent.BestBidAsk) single("clob-ws/best-bid-ask-empty-side.json");
        assertThat(empty.bestBid()).isNull();
        assertThat(empty.bestAsk()).isEqualTo(Price.of("0.77"));
        ClobWsEvent.LastTrade lt = (ClobWsEvent.LastTrade) single("clob-ws/last-trade-price-doc-example.json");
        assertThat(lt.price()).isEqualTo(Price.of("0.456"));
        ClobWsEvent.MarketResolved mr = (ClobWsEvent.MarketResolved) single("clob-ws/market-resolved-doc-example.json");
        assertThat(mr.winningTokenId()).startsWith("7604307375");
        assertThat(mr.winningOutcome()).isEqualTo("Yes");
        ClobWsEvent.NewMarket nm = (ClobWsEvent.NewMarket) single("clob-ws/new-market-btc-updown-5m-live-2026-10-02.json");
        assertThat(nm.slug()).isEqualTo("btc-updown-5m-1790994600");
    }

    @Test
    @DisplayName("PONG is a keep-alive; unknown event types and garbage are typed errors")
    void pongUnknownGarbage() {
        assertThat(ClobWsParser.parse(Fixtures.fixture("clob-ws/client-heartbeat.txt").replace("PING", "PONG"))
                .value().events()).containsExactly(new ClobWsEvent.Pong());
        assertThat(ClobWsParser.parse("{\"event_type\":\"mystery\"}").error().kind())
                .isEqualTo(ParseError.Kind.UNKNOWN_EVENT);
        assertThat(ClobWsParser.parse("[{\"event_type\":\"book\",\"asset_id\":\"1\"").error().kind())
                .isEqualTo(ParseError.Kind.MALFORMED_JSON);
        ClobFrame mixed = ClobWsParser.parse("[{\"event_type\":\"mystery\"},"
                + Fixtures.fixture("clob-ws/tick-size-change-doc-example.json") + "]").value();
        assertThat(mixed.events()).hasSize(1);
        assertThat(mixed.skipped()).extracting(ParseError::kind).containsExactly(ParseError.Kind.UNKNOWN_EVENT);
        assertThat(ClobWsParser.parse("{\"event_type\":\"price_change\",\"price_changes\":[{\"asset_id\":\"1\","
                + "\"price\":\"abc\",\"size\":\"1\",\"side\":\"BUY\"}]}").error().kind())
                .isEqualTo(ParseError.Kind.BAD_VALUE);
        assertThat(ClobWsParser.parse("{\"event_type\":\"price_change\",\"price_changes\":[{\"asset_id\":\"1\","
                + "\"price\":\"0.5\",\"size\":\"1\",\"side\":\"HOLD\"}]}").error().kind())
                .isEqualTo(ParseError.Kind.BAD_VALUE);
    }

    @Test
    @DisplayName("the subscribe messages we send match the documented shapes")
    void subscribeShapes() {
        assertThat(ClobMessages.subscribe(List.of("1", "2"))).isEqualTo(
                "{\"assets_ids\":[\"1\",\"2\"],\"type\":\"market\",\"custom_feature_enabled\":true}");
        assertThat(ClobMessages.operation("unsubscribe", List.of("3"))).isEqualTo(
                "{\"assets_ids\":[\"3\"],\"operation\":\"unsubscribe\",\"custom_feature_enabled\":true}");
        io.vertx.core.json.JsonObject doc = new io.vertx.core.json.JsonObject(Fixtures.fixture("clob-ws/subscribe-market.json"));
        java.util.List<String> ids = doc.getJsonArray("assets_ids").stream().map(String::valueOf).toList();
        assertThat(new io.vertx.core.json.JsonObject(ClobMessages.subscribe(ids))).isEqualTo(doc);
        io.vertx.core.json.JsonObject more = new io.vertx.core.json.JsonObject(
                Fixtures.fixture("clob-ws/subscribe-more-assets.assembled.json"));
        assertThat(new io.vertx.core.json.JsonObject(ClobMessages.operation("subscribe",
                more.getJsonArray("assets_ids").stream().map(String::valueOf).toList()))).isEqualTo(more);
        assertThat(Fixtures.fixture("clob-ws/client-heartbeat.txt").strip()).isEqualTo(ClobMessages.PING);
    }

    private static ClobWsEvent single(String fixture) {
        ClobFrame f = ClobWsParser.parse(Fixtures.fixture(fixture)).value();
        assertThat(f.events()).hasSize(1);
        return f.events().get(0);
    }
}
