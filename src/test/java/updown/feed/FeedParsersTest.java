package updown.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Candle;
import updown.domain.Micros;
import updown.net.ParseError;
import updown.testkit.Fixtures;

class FeedParsersTest {

    @Test
    @DisplayName("a closed combined-stream kline is a final candle with exact prices")
    void closedCombinedKline() {
        BinanceMessage.Kline k = (BinanceMessage.Kline) BinanceParser.parseWs(
                Fixtures.fixture("binance/ws-combined-kline-btcusdt-1m-closed-capture.json")).value();
        assertThat(k.symbol()).isEqualTo("BTCUSDT");
        assertThat(k.interval()).isEqualTo("1m");
        Candle c = k.candle();
        assertThat(c.openTime()).isEqualTo(Instant.ofEpochMilli(1791240000000L));
        assertThat(c.closeMicros()).isEqualTo(Micros.parse("85893.90"));
        assertThat(c.highMicros()).isEqualTo(Micros.parse("85900.00"));
        assertThat(c.lowMicros()).isEqualTo(Micros.parse("85885.40"));
        assertThat(c.volumeMicros()).isEqualTo(Micros.parse("30.033"));
        assertThat(c.closed()).isTrue();
    }

    @Test
    @DisplayName("an open kline (combined capture without f/L, and the raw doc example) is not final")
    void openKlines() {
        BinanceMessage.Kline k = (BinanceMessage.Kline) BinanceParser.parseWs(
                Fixtures.fixture("binance/ws-combined-kline-btcusdc-1m-open-capture.json")).value();
        assertThat(k.candle().closed()).isFalse();
        assertThat(k.symbol()).isEqualTo("BTCUSDC");
        BinanceMessage.Kline raw = (BinanceMessage.Kline) BinanceParser.parseWs(
                Fixtures.fixture("binance/ws-kline-1m-doc-example.json")).value();
        assertThat(raw.candle().closeMicros()).isEqualTo(Micros.parse("0.0020"));
        assertThat(raw.eventTimeMs()).isEqualTo(1672515782136L);
    }

    @Test
    @DisplayName("serverShutdown and the subscribe ack are recognised; trades are unknown events here")
    void controlFrames() {
        assertThat(BinanceParser.parseWs(Fixtures.fixture("binance/ws-server-shutdown-raw.json")).value())
                .isEqualTo(new BinanceMessage.ServerShutdown(1770123456789L));
        assertThat(BinanceParser.parseWs(Fixtures.fixture("binance/ws-subscribe-response.json")).value())
                .isEqualTo(new BinanceMessage.Ack(1));
        assertThat(BinanceParser.parseWs(Fixtures.fixture("binance/ws-aggtrade-doc-example.json")).error().kind())
                .isEqualTo(ParseError.Kind.UNKNOWN_EVENT);
        assertThat(BinanceParser.parseWs(Fixtures.fixture("binance/ws-trade-doc-example.json")).error().kind())
                .isEqualTo(ParseError.Kind.UNKNOWN_EVENT);
        assertThat(BinanceParser.parseWs(Fixtures.fixture("binance/ws-subscribe-request.json")).error().kind())
                .isEqualTo(ParseError.Kind.MISSING_FIELD);
    }

    @Test
    @DisplayName("REST klines rows parse; a row still open at 'now' is not final")
    void restKlines() {
        List<Candle> rows = BinanceParser.parseRestKlines(Fixtures.fixture("binance/rest-klines-doc-example.json"),
                Instant.ofEpochMilli(1499644799999L + 1)).value();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).openTime()).isEqualTo(Instant.ofEpochMilli(1499040000000L));
        assertThat(rows.get(0).closeMicros()).isEqualTo(Micros.parse("0.01577100"));
        assertThat(rows.get(0).closed()).isTrue();
        assertThat(BinanceParser.parseRestKlines(Fixtures.fixture("binance/rest-klines-doc-example.json"),
                Instant.ofEpochMilli(1499644799999L)).value().get(0).closed()).isFalse();
        assertThat(BinanceParser.parseRestKlines("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", Instant.EPOCH)
                .error().kind()).isEqualTo(ParseError.Kind.BAD_VALUE);
    }

    @Test
    @DisplayName("a kline whose low is above its high, or with a zero price, is refused")
    void inconsistentKline() {
        String bad = Fixtures.fixture("binance/ws-combined-kline-btcusdt-1m-closed-capture.json")
                .replace("\"l\":\"85885.40\"", "\"l\":\"99999.00\"");
        assertThat(BinanceParser.parseWs(bad).error().kind()).isEqualTo(ParseError.Kind.BAD_VALUE);
        bad = Fixtures.fixture("binance/ws-combined-kline-btcusdt-1m-closed-capture.json")
                .replace("\"o\":\"85885.40\"", "\"o\":\"0\"");
        assertThat(BinanceParser.parseWs(bad).error().kind()).isEqualTo(ParseError.Kind.BAD_VALUE);
    }

    @Test
    @DisplayName("a Chainlink update prefers the exact full_accuracy_value (E18) over the float")
    void chainlinkUpdate() {
        RtdsMessage.Update u = (RtdsMessage.Update) RtdsParser.parse(
                Fixtures.fixture("rtds/crypto-prices-chainlink-update-btc-live.json")).value();
        assertThat(u.topic()).isEqualTo("crypto_prices_chainlink");
        assertThat(u.tick().symbol()).isEqualTo("btc/usd");
        assertThat(u.tick().observedAt()).isEqualTo(Instant.ofEpochMilli(1789698805000L));
        // 76904863081625670000000 / 1e18 = 76904.86308162567 -> micros, half-even
        assertThat(u.tick().valueMicros()).isEqualTo(76_904_863_082L);
    }

    @Test
    @DisplayName("the subscribe history dump (topic crypto_prices) yields every point from its decimal text")
    void chainlinkSnapshot() {
        RtdsMessage.Snapshot s = (RtdsMessage.Snapshot) RtdsParser.parse(
                Fixtures.fixture("rtds/crypto-prices-chainlink-subscribe-snapshot-live.json")).value();
        assertThat(s.ticks()).hasSize(5);
        assertThat(s.ticks().get(0)).isEqualTo(new ReferenceTick("btc/usd", Instant.ofEpochMilli(1789697325000L),
                Micros.parse("76607.90942633283")));
    }

    @Test
    @DisplayName("the doc update (binance source, float only) parses; keep-alives and garbage are told apart")
    void docUpdateAndKeepAlive() {
        RtdsMessage.Update u = (RtdsMessage.Update) RtdsParser.parse(
                Fixtures.fixture("rtds/crypto-prices-update-doc-example.json")).value();
        assertThat(u.tick().symbol()).isEqualTo("solusdt");
        assertThat(u.tick().valueMicros()).isEqualTo(189_550_000L);
        assertThat(RtdsParser.parse("").value()).isEqualTo(new RtdsMessage.KeepAlive());
        assertThat(RtdsParser.parse("PONG").value()).isEqualTo(new RtdsMessage.KeepAlive());
        assertThat(RtdsParser.parse("{\"topic\":\"x\",\"type\":\"weird\",\"payload\":{}}").error().kind())
                .isEqualTo(ParseError.Kind.UNKNOWN_EVENT);
        assertThat(RtdsParser.parse(Fixtures.fixture("rtds/polybolt-authed-ack.json")).error().kind())
                .isEqualTo(ParseError.Kind.MISSING_FIELD);
    }

    @Test
    @DisplayName("the subscribe message we send matches the captured working Chainlink request")
    void subscribeShape() {
        assertThat(RtdsMessages.subscribeChainlink(List.of("btc/usd")))
                .isEqualTo("{\"action\":\"subscribe\",\"subscriptions\":[{\"topic\":\"crypto_prices_chainlink\","
                        + "\"type\":\"*\",\"filters\":\"{\\\"symbol\\\":\\\"btc/usd\\\"}\"}]}");
        assertThat(io.vertx.core.json.JsonObject.of().put("x", 1).encode()).isEqualTo("{\"x\":1}");
        assertThat(new io.vertx.core.json.JsonObject(RtdsMessages.subscribeChainlink(List.of("btc/usd"))))
                .isEqualTo(new io.vertx.core.json.JsonObject(
                        Fixtures.fixture("rtds/subscribe-crypto-prices-chainlink-btc.json")));
    }
}
