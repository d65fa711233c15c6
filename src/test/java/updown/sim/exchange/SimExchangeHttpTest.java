package updown.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.sim.exchange.SimTestSupport.assertConforms;
import static updown.sim.exchange.SimTestSupport.fixture;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import updown.testkit.TestConfig;
import updown.synthetic.Kline;
import updown.synthetic.SimWindow;
import updown.testkit.JsonShape;

@ExtendWith(VertxExtension.class)
class SimExchangeHttpTest {
    private SimTestSupport sim;
    private SimWindow w0;

    @BeforeEach
    void start(Vertx vertx) {
        sim = SimTestSupport.start(vertx, SimTestSupport.options());
        w0 = sim.ex.model().window(0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonArray array(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.getHeader("content-type")).startsWith("application/json");
        return r.bodyAsJsonArray();
    }

    private JsonObject object(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    @Test
    @DisplayName("settings() gives the six market-data URLs on 127.0.0.1, and the config loader accepts them")
    void settingsPointAtLoopback() {
        Map<String, String> s = sim.ex.settings();
        assertThat(s).containsKeys("GAMMA_API_URL", "CLOB_API_URL", "CLOB_WS_URL", "BINANCE_REST_URL",
                "BINANCE_WS_URL", "RTDS_WS_URL");
        for (String k : List.of("GAMMA_API_URL", "CLOB_API_URL", "CLOB_WS_URL", "BINANCE_REST_URL", "BINANCE_WS_URL",
                "RTDS_WS_URL")) {
            URI u = URI.create(s.get(k));
            assertThat(u.getHost()).isEqualTo("127.0.0.1");
            assertThat(u.getPort()).isPositive();
            assertThat(u.getScheme()).isEqualTo(k.contains("WS") ? "ws" : "http");
        }
        assertThat(URI.create(s.get("CLOB_WS_URL")).getPath()).isEqualTo("/ws/market");
        assertThat(TestConfig.with(s).market().clobWsUrl()).isEqualTo(URI.create(s.get("CLOB_WS_URL")));
    }

    @Test
    @DisplayName("Gamma events by slug have the live event's fields and types, JSON-encoded fields still strings")
    void gammaEventBySlug() {
        JsonArray events = array(sim.get("GAMMA_API_URL", "/events?slug=" + w0.slug()));
        assertThat(events).hasSize(1);
        JsonObject live = (JsonObject) fixture("gamma/event-btc-updown-5m-1778584200-live.json");
        assertConforms(events.getJsonObject(0), live);
        JsonObject e = events.getJsonObject(0);
        assertThat(e.getString("slug")).isEqualTo("btc-updown-5m-1778584200");
        assertThat(e.getString("startTime")).isEqualTo("2026-05-12T11:10:00Z");
        assertThat(e.getString("endDate")).isEqualTo("2026-05-12T11:15:00Z");
        JsonObject m = e.getJsonArray("markets").getJsonObject(0);
        assertThat(m.getValue("outcomes")).isEqualTo("[\"Up\", \"Down\"]");
        JsonArray tokens = new JsonArray(m.getString("clobTokenIds"));
        assertThat(List.of(tokens.getString(0), tokens.getString(1)))
                .containsExactly(w0.upTokenId(), w0.downTokenId());
        assertThat(tokens).hasSize(2);
        JsonArray prices = new JsonArray(m.getString("outcomePrices"));
        assertThat(new BigDecimal(prices.getString(0)).add(new BigDecimal(prices.getString(1))))
                .isEqualByComparingTo("1");
        assertThat(m.getBoolean("closed")).isFalse();
        assertThat(m.getBoolean("acceptingOrders")).isTrue();
        assertThat(m.getJsonObject("feeSchedule")).isEqualTo(new JsonObject(
                "{\"exponent\":1,\"rate\":0.07,\"takerOnly\":true,\"rebateRate\":0.2}"));
        assertThat(m.getString("eventStartTime")).isEqualTo("2026-05-12T11:10:00Z");
        assertThat(e.getJsonObject("eventMetadata").getDouble("priceToBeat"))
                .isEqualTo(sim.ex.model().chainlinkPrice(w0.start()).doubleValue());
        // the same event by path and by id; an unknown slug gives [] and 404
        assertThat(object(sim.get("GAMMA_API_URL", "/events/slug/" + w0.slug()))).isEqualTo(e);
        assertThat(object(sim.get("GAMMA_API_URL", "/events/" + w0.eventId()))).isEqualTo(e);
        assertThat(array(sim.get("GAMMA_API_URL", "/events?slug=btc-updown-5m-1778584201"))).isEmpty();
        assertThat(sim.get("GAMMA_API_URL", "/events/slug/btc-updown-5m-1").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("Gamma markets by slug match the captured /markets?slug= list and the full-field capture's types")
    void gammaMarketBySlug() {
        JsonArray markets = array(sim.get("GAMMA_API_URL", "/markets?slug=" + w0.slug()));
        assertThat(markets).hasSize(1);
        assertConforms(markets, fixture("gamma/markets-slug-btc-updown-5m-1789697400-prewindow.json"));
        JsonObject m = markets.getJsonObject(0);
        JsonObject liveMarket = ((JsonObject) fixture("gamma/event-btc-updown-5m-1778584200-live.json"))
                .getJsonArray("markets").getJsonObject(0);
        assertConforms(m, liveMarket);
        JsonObject full = ((JsonObject) fixture("gamma/event-btc-updown-5m-1766972400-full-market-fields.json"))
                .getJsonArray("markets").getJsonObject(0);
        for (String k : m.fieldNames()) {
            if (full.containsKey(k)) {
                assertThat(JsonShape.type(m.getValue(k))).as(k).isEqualTo(JsonShape.type(full.getValue(k)));
            }
        }
        assertThat(object(sim.get("GAMMA_API_URL", "/markets/slug/" + w0.slug()))).isEqualTo(m);
        assertThat(object(sim.get("GAMMA_API_URL", "/markets/" + w0.marketId()))).isEqualTo(m);
        assertThat(array(sim.get("GAMMA_API_URL", "/markets?clob_token_ids=" + w0.downTokenId()))).containsExactly(m);
        assertThat(array(sim.get("GAMMA_API_URL", "/markets?condition_ids=" + w0.conditionId()))).containsExactly(m);
    }

    @Test
    @DisplayName("the series listing returns open windows by end date, through the listing horizon and no further")
    void gammaSeriesListing() {
        JsonArray events = array(sim.get("GAMMA_API_URL",
                "/events?series_slug=btc-up-or-down-5m&closed=false&limit=500&order=endDate&ascending=true"));
        List<String> slugs = events.stream().map(o -> ((JsonObject) o).getString("slug")).toList();
        assertThat(slugs.get(0)).isEqualTo(w0.slug());
        assertThat(slugs).contains(sim.ex.model().window(6).slug()).doesNotContain(sim.ex.model().window(8).slug());
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.getJsonObject(i).getString("endDate"))
                    .isGreaterThan(events.getJsonObject(i - 1).getString("endDate"));
            assertThat(events.getJsonObject(i).getBoolean("closed")).isFalse();
        }
        // closed ones are there without the filter (a restart must find them), newest first when descending
        JsonArray closed = array(sim.get("GAMMA_API_URL",
                "/events?series_slug=btc-up-or-down-5m&closed=true&order=endDate&ascending=false&limit=2"));
        assertThat(closed).hasSize(2);
        assertThat(closed.getJsonObject(0).getString("slug")).isEqualTo(sim.ex.model().window(-1).slug());
        JsonArray page = array(sim.get("GAMMA_API_URL",
                "/markets?closed=false&order=endDate&ascending=true&limit=2&offset=1"));
        assertThat(page.getJsonObject(0).getString("slug")).isEqualTo(sim.ex.model().window(1).slug());
        assertThat(page).hasSize(2);
        assertThat(array(sim.get("GAMMA_API_URL", "/events?series_slug=eth-up-or-down-5m"))).isEmpty();
        assertThat(sim.get("GAMMA_API_URL", "/events?limit=abc").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("GET /book has the captured fields, decimal strings, best bid and best ask LAST, the model's levels")
    void clobBook() {
        HttpResponse<Buffer> r = sim.get("CLOB_API_URL", "/book?token_id=" + w0.upTokenId());
        JsonObject b = object(r);
        assertConforms(b, fixture("clob/book-btc-updown-5m-1778584200-up-midwindow.json"));
        assertThat(JsonShape.extraKeys(b,
                (JsonObject) fixture("clob/book-btc-updown-5m-1778584200-up-midwindow.json"))).isEmpty();
        JsonArray bids = b.getJsonArray("bids");
        JsonArray asks = b.getJsonArray("asks");
        for (int i = 1; i < bids.size(); i++) {
            assertThat(new BigDecimal(bids.getJsonObject(i).getString("price")))
                    .isGreaterThan(new BigDecimal(bids.getJsonObject(i - 1).getString("price")));
        }
        for (int i = 1; i < asks.size(); i++) {
            assertThat(new BigDecimal(asks.getJsonObject(i).getString("price")))
                    .isLessThan(new BigDecimal(asks.getJsonObject(i - 1).getString("price")));
        }
        OrderBook model = sim.ex.model().books(w0, sim.ex.now()).up();
        OrderBook wire = SimTestSupport.restBook(b);
        assertThat(wire.bids()).isEqualTo(model.bids());
        assertThat(wire.asks()).isEqualTo(model.asks());
        assertThat(b.getString("market")).isEqualTo(w0.conditionId());
        // POST /books answers the same books
        JsonArray many = array(sim.post("CLOB_API_URL", "/books", new JsonArray()
                .add(new JsonObject().put("token_id", w0.upTokenId()))
                .add(new JsonObject().put("token_id", w0.downTokenId())).toBuffer()));
        assertThat(many).hasSize(2);
        assertThat(many.getJsonObject(0)).isEqualTo(b);
        assertThat(sim.post("CLOB_API_URL", "/books", Buffer.buffer("{")).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("/book errors: 400 Invalid token id, 404 No orderbook, bodies as captured")
    void clobBookErrors() {
        HttpResponse<Buffer> bad = sim.get("CLOB_API_URL", "/book?token_id=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject()).isEqualTo(fixture("clob/error-400-invalid-token-id.json"));
        assertThat(sim.get("CLOB_API_URL", "/book").statusCode()).isEqualTo(400);
        HttpResponse<Buffer> unknown = sim.get("CLOB_API_URL", "/book?token_id=1234567890");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject()).isEqualTo(fixture("clob/error-404-book-no-orderbook.json"));
        // a resolved window's book is gone too
        SimWindow old = sim.ex.model().window(-2);
        assertThat(sim.ex.publishedWinner(old)).isPresent();
        assertThat(sim.get("CLOB_API_URL", "/book?token_id=" + old.upTokenId()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("price, midpoint, spread, tick size, neg risk, fee rate, last trade: captured shapes, BUY = best bid")
    void clobSmallEndpoints() {
        String q = "?token_id=" + w0.upTokenId();
        OrderBook b = sim.ex.model().books(w0, sim.ex.now()).up();
        JsonObject buy = object(sim.get("CLOB_API_URL", "/price" + q + "&side=BUY"));
        assertConforms(buy, fixture("clob/price-side-BUY-returns-best-bid.json"));
        assertThat(buy.getString("price")).isEqualTo(b.bestBid().orElseThrow().format());
        JsonObject sell = object(sim.get("CLOB_API_URL", "/price" + q + "&side=SELL"));
        assertThat(sell.getString("price")).isEqualTo(b.bestAsk().orElseThrow().format());
        assertThat(sim.get("CLOB_API_URL", "/price" + q + "&side=HOLD").statusCode()).isEqualTo(400);
        JsonObject mid = object(sim.get("CLOB_API_URL", "/midpoint" + q));
        assertConforms(mid, fixture("clob/midpoint.json"));
        assertThat(new BigDecimal(mid.getString("mid"))).isEqualByComparingTo(
                b.bestBid().orElseThrow().toBigDecimal().add(b.bestAsk().orElseThrow().toBigDecimal())
                        .divide(BigDecimal.valueOf(2)));
        assertConforms(object(sim.get("CLOB_API_URL", "/spread" + q)), fixture("clob/spread.json"));
        JsonObject tick = object(sim.get("CLOB_API_URL", "/tick-size" + q));
        assertThat(tick).isEqualTo(fixture("clob/tick-size.json"));
        assertThat(object(sim.get("CLOB_API_URL", "/neg-risk" + q))).isEqualTo(fixture("clob/neg-risk.assembled.json"));
        assertThat(object(sim.get("CLOB_API_URL", "/fee-rate" + q)))
                .isEqualTo(fixture("clob/fee-rate-fee-enabled-market.json"));
        assertConforms(object(sim.get("CLOB_API_URL", "/last-trade-price" + q)), fixture("clob/last-trade-price.json"));
        HttpResponse<Buffer> time = sim.get("CLOB_API_URL", "/time");
        assertThat(time.bodyAsString()).isEqualTo(Long.toString(SimTestSupport.T0.getEpochSecond()));
    }

    @Test
    @DisplayName("CLOB market by condition id: captured fields, tokens[].winner set once resolved; short form too")
    void clobMarkets() {
        SimWindow old = sim.ex.model().window(-2);
        JsonObject resolved = object(sim.get("CLOB_API_URL", "/markets/" + old.conditionId()));
        assertConforms(resolved, fixture("clob/market-by-condition-id-resolved.assembled.json"));
        Outcome won = sim.ex.publishedWinner(old).orElseThrow();
        JsonArray tokens = resolved.getJsonArray("tokens");
        assertThat(tokens.getJsonObject(0).getString("token_id")).isEqualTo(old.upTokenId());
        assertThat(tokens.getJsonObject(0).getBoolean("winner")).isEqualTo(won == Outcome.UP);
        assertThat(tokens.getJsonObject(1).getBoolean("winner")).isEqualTo(won == Outcome.DOWN);
        assertThat(resolved.getBoolean("closed")).isTrue();
        JsonObject open = object(sim.get("CLOB_API_URL", "/markets/" + w0.conditionId()));
        assertThat(open.getBoolean("closed")).isFalse();
        assertThat(open.getBoolean("accepting_orders")).isTrue();
        assertThat(open.getJsonArray("tokens").getJsonObject(0).getBoolean("winner")).isFalse();
        JsonObject info = object(sim.get("CLOB_API_URL", "/clob-markets/" + w0.conditionId()));
        assertConforms(info, fixture("clob/clob-market-info-btc-5m.assembled.json"));
        assertThat(info.getJsonObject("fd")).isEqualTo(new JsonObject("{\"r\":0.07,\"e\":1,\"to\":true}"));
        assertThat(sim.get("CLOB_API_URL", "/markets/0xdead").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("Binance klines: 12-field rows as documented, closes from the model, the current minute still open")
    void binanceKlines() {
        long end = SimTestSupport.T0.toEpochMilli();
        long start = end - 10 * 60_000;
        JsonArray rows = array(sim.get("BINANCE_REST_URL",
                "/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=" + start + "&endTime=" + end + "&limit=1000"));
        assertThat(rows).hasSize(11);
        assertConforms(rows, fixture("binance/rest-klines-doc-example.json"));
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.getJsonArray(i);
            assertThat(row.getLong(0)).isEqualTo(start + i * 60_000L);
            assertThat(row.getLong(6)).isEqualTo(start + i * 60_000L + 59_999);
            Kline k = sim.ex.model().kline(Instant.ofEpochMilli(row.getLong(0)), sim.ex.now()).orElseThrow();
            assertThat(row.getString(4)).isEqualTo(Kline.price(k.closeCents()));
            assertThat(new BigDecimal(row.getString(2))).isGreaterThanOrEqualTo(new BigDecimal(row.getString(3)));
        }
        // without a range: the latest `limit`, ending with the minute now forming
        JsonArray latest = array(sim.get("BINANCE_REST_URL", "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=3"));
        assertThat(latest).hasSize(3);
        assertThat(latest.getJsonArray(2).getLong(0)).isEqualTo(end);
        assertThat(latest.getJsonArray(2).getString(4))
                .isEqualTo(Kline.price(sim.ex.model().btcCents(SimTestSupport.T0)));
        // nothing before the epoch, errors as Binance words them
        assertThat(array(sim.get("BINANCE_REST_URL", "/api/v3/klines?symbol=BTCUSDT&interval=1m&endTime="
                + sim.ex.model().epoch().minus(Duration.ofHours(1)).toEpochMilli()))).isEmpty();
        HttpResponse<Buffer> badSymbol = sim.get("BINANCE_REST_URL", "/api/v3/klines?symbol=ETHUSDT&interval=1m");
        assertThat(badSymbol.statusCode()).isEqualTo(400);
        assertThat(badSymbol.bodyAsJsonObject().getInteger("code")).isEqualTo(-1121);
        assertThat(sim.get("BINANCE_REST_URL", "/api/v3/klines?symbol=BTCUSDT&interval=7m").bodyAsJsonObject()
                .getInteger("code")).isEqualTo(-1120);
        assertThat(object(sim.get("BINANCE_REST_URL", "/api/v3/time")).getLong("serverTime")).isEqualTo(end);
    }
}
