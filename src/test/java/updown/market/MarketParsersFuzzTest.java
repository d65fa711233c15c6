package updown.market;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.testkit.ParserFuzz;

/** At least 1000 seeded mutations of every fixture a parser reads: no exception may escape a parser. */
class MarketParsersFuzzTest {
    @Test
    @DisplayName("the Gamma parser survives 1200 mutated events and markets")
    void gamma() {
        ParserFuzz.run("gamma", List.of("gamma/event-btc-updown-5m-1778584200-live.json",
                "gamma/markets-slug-btc-updown-5m-1789697400-prewindow.json",
                "gamma/event-btc-updown-5m-1766972400-full-market-fields.json",
                "gamma/market-btc-updown-5m-resolved.assembled.json",
                "gamma/event-btc-updown-5m-resolved-with-eventMetadata.assembled.json"), GammaParser::parse, 1_000_000);
        ParserFuzz.run("gamma market", List.of("gamma/market-btc-updown-5m-resolved.assembled.json"),
                GammaParser::parseMarket, 2_000_000);
    }

    @Test
    @DisplayName("the CLOB REST parsers survive 1200 mutated books and markets each")
    void clobRest() {
        ParserFuzz.run("clob book", List.of("clob/book-btc-updown-5m-1778584200-up-midwindow.json",
                "clob/error-404-book-no-orderbook.json"), ClobParser::parseBook, 3_000_000);
        ParserFuzz.run("clob market", List.of("clob/market-by-condition-id-resolved.assembled.json"),
                ClobParser::parseMarket, 4_000_000);
    }

    @Test
    @DisplayName("the CLOB websocket parser survives 1200 mutated frames of every event type")
    void clobWs() {
        ParserFuzz.run("clob ws", List.of("clob-ws/initial-book-frame-live-2026-10-02.json", "clob-ws/book-doc-example.json",
                "clob-ws/price-change-doc-example.json", "clob-ws/tick-size-change-doc-example.json",
                "clob-ws/best-bid-ask-doc-example.json", "clob-ws/best-bid-ask-empty-side.json",
                "clob-ws/last-trade-price-doc-example.json", "clob-ws/market-resolved-doc-example.json",
                "clob-ws/new-market-btc-updown-5m-live-2026-10-02.json", "clob-ws/unknown-or-closed-token-frame.json"),
                ClobWsParser::parse, 5_000_000);
    }
}
