package updown.sim.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import updown.domain.BookSide;
import updown.domain.Level;
import updown.domain.LocalBook;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Shares;
import updown.testkit.Fixtures;
import updown.time.VirtualClock;
import updown.synthetic.SimOptions;
import updown.testkit.JsonShape;

/** A started exchange on a virtual clock, stepped by hand, with small HTTP/JSON helpers. */
final class SimTestSupport implements AutoCloseable {
    /** One minute into the window of the live fixture (btc-updown-5m-1778584200). */
    static final Instant T0 = Instant.parse("2026-05-12T11:11:00Z");

    final Vertx vertx;
    final VirtualClock clock;
    final SimExchange ex;
    final WebClient http;
    private final List<WsProbe> probes = new ArrayList<>();

    private SimTestSupport(Vertx vertx, VirtualClock clock, SimExchange ex) {
        this.vertx = vertx;
        this.clock = clock;
        this.ex = ex;
        this.http = WebClient.create(vertx);
    }

    static SimOptions options() {
        return SimOptions.defaults().withAutoStep(false).withSeed(2026).withListing(6, Duration.ofHours(1));
    }

    static SimTestSupport start(Vertx vertx, SimOptions options) {
        VirtualClock clock = new VirtualClock(T0);
        return new SimTestSupport(vertx, clock, await(SimExchange.start(vertx, clock, options)));
    }

    static <T> T await(Future<T> f) {
        try {
            return f.await(WsProbe.WAIT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out", e);
        }
    }

    String url(String setting) {
        return ex.settings().get(setting);
    }

    /** Moves the clock and steps the exchange there. */
    void advance(Duration d) {
        clock.advance(d);
        await(ex.step());
    }

    void advanceTo(Instant t) {
        clock.advanceTo(t);
        await(ex.step());
    }

    /** Steps second by second up to t, as a timer would. */
    void stepSecondsTo(Instant t) {
        while (clock.instant().isBefore(t)) {
            Instant next = clock.instant().plusSeconds(1);
            advanceTo(next.isAfter(t) ? t : next);
        }
    }

    HttpResponse<Buffer> get(String setting, String pathAndQuery) {
        return await(http.getAbs(url(setting) + pathAndQuery).send());
    }

    HttpResponse<Buffer> post(String setting, String path, Buffer body) {
        return await(http.postAbs(url(setting) + path).sendBuffer(body));
    }

    WsProbe ws(String setting, String suffix) {
        WsProbe p = WsProbe.connect(vertx, url(setting) + suffix);
        probes.add(p);
        return p;
    }

    static Object fixture(String name) {
        return JsonShape.parse(Fixtures.fixture(name));
    }

    static void assertConforms(Object actual, Object sample) {
        assertThat(JsonShape.problems(actual, sample)).as("shape of %s", actual).isEmpty();
    }

    /** A REST /book body as an OrderBook, best first (the wire has best last). */
    static OrderBook restBook(JsonObject b) {
        List<Level> bids = levels(b.getJsonArray("bids"));
        List<Level> asks = levels(b.getJsonArray("asks"));
        bids.sort(Comparator.comparing(Level::price).reversed());
        asks.sort(Comparator.comparing(Level::price));
        return new OrderBook(b.getString("asset_id"), bids, asks, Price.of(b.getString("tick_size")),
                b.getString("hash"), Instant.ofEpochMilli(Long.parseLong(b.getString("timestamp"))));
    }

    static List<Level> levels(JsonArray a) {
        List<Level> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            JsonObject l = a.getJsonObject(i);
            out.add(Level.of(l.getString("price"), l.getString("size")));
        }
        return out;
    }

    /** Applies a websocket book event to a local book. */
    static void applyBook(LocalBook book, JsonObject e) {
        book.applySnapshot(levels(e.getJsonArray("bids")), levels(e.getJsonArray("asks")),
                Price.of(e.getString("tick_size")), e.getString("hash"),
                Instant.ofEpochMilli(Long.parseLong(e.getString("timestamp"))));
    }

    /** Applies the changes of a price_change event that concern the book's token. */
    static void applyChanges(LocalBook book, JsonObject e) {
        Instant at = Instant.ofEpochMilli(Long.parseLong(e.getString("timestamp")));
        for (Object o : e.getJsonArray("price_changes")) {
            JsonObject c = (JsonObject) o;
            if (c.getString("asset_id").equals(book.tokenId())) {
                book.applyChange("BUY".equals(c.getString("side")) ? BookSide.BID : BookSide.ASK,
                        Price.of(c.getString("price")), Shares.of(c.getString("size")), at);
            }
        }
    }

    @Override
    public void close() {
        probes.forEach(WsProbe::close);
        http.close();
        await(ex.stop());
    }
}
