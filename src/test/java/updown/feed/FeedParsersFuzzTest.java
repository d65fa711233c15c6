package updown.feed;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.testkit.ParserFuzz;

/** At least 1000 seeded mutations of every fixture a feed parser reads: no exception may escape a parser. */
class FeedParsersFuzzTest {

    @Test
    @DisplayName("the Binance websocket parser survives 1200 mutated frames")
    void binanceWs() {
        ParserFuzz.run("binance ws", List.of("binance/ws-combined-kline-btcusdt-1m-closed-capture.json",
                "binance/ws-combined-kline-btcusdc-1m-open-capture.json", "binance/ws-kline-1m-doc-example.json",
                "binance/ws-server-shutdown-raw.json", "binance/ws-subscribe-response.json",
                "binance/ws-aggtrade-doc-example.json"), BinanceParser::parseWs, 6_000_000);
    }

    @Test
    @DisplayName("the Binance REST klines parser survives 1200 mutated answers")
    void binanceRest() {
        ParserFuzz.run("binance rest", List.of("binance/rest-klines-doc-example.json"),
                body -> BinanceParser.parseRestKlines(body, Instant.parse("2026-05-12T11:00:00Z")), 7_000_000);
    }

    @Test
    @DisplayName("the RTDS parser survives 1200 mutated frames")
    void rtds() {
        ParserFuzz.run("rtds", List.of("rtds/crypto-prices-chainlink-update-btc-live.json",
                "rtds/crypto-prices-chainlink-subscribe-snapshot-live.json", "rtds/crypto-prices-update-doc-example.json",
                "rtds/polybolt-price-crypto-snapshot.assembled.json"), RtdsParser::parse, 8_000_000);
    }
}
