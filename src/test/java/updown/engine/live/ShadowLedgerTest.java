package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.bus.Addresses;
import updown.domain.Direction;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Signal;
import updown.domain.Usd;
import updown.engine.Order;
import updown.testkit.Await;
import updown.testkit.LiveOnFake;
import updown.testkit.TradingFixtures;
import updown.time.VirtualClock;

@DisplayName("Shadow ledger: the paper engine runs beside the live one on the same decisions, never booked")
class ShadowLedgerTest {
    private static Vertx vertx;
    private static LiveOnFake live;
    private static final List<Object> published = new CopyOnWriteArrayList<>();
    private static final Market MARKET = TradingFixtures.market();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        live = Await.result(LiveOnFake.start(vertx, new VirtualClock(Instant.parse("2026-05-12T11:12:00Z")),
                Map.of("LIVE_MAX_ORDER_USD", "100000", "LIVE_MAX_DAILY_USD", "1000000")));
        Await.result(vertx.eventBus().consumer(Addresses.LIVE_SHADOW, m -> published.add(m.body())).completion());
    }

    @AfterAll
    static void stop() {
        Await.result(live.stop());
        Await.result(vertx.close());
    }

    private static Order buyUp(String amount, String... asks) {
        OrderBook up = TradingFixtures.upBook(TradingFixtures.levels("0.40:500"), TradingFixtures.levels(asks));
        OrderBook down = TradingFixtures.downBook(TradingFixtures.levels("0.49:500"), TradingFixtures.levels("0.55:500"));
        return new Order(MARKET, Direction.BUY_UP, Usd.of(amount), Price.of("0.70"), up, down, Usd.of("1000"),
                Signal.of(Direction.BUY_UP, Ratio.of("0.8"), "Directional", "shadow"));
    }

    @Test
    @DisplayName("the same book on both sides: paper and live fill alike, slippage 0, fee difference 0")
    void sameBook() {
        live.fake().wallet(Usd.of("1000"), Usd.of("1000"));
        Await.result(live.execute(buyUp("10", "0.45:500")));
        ShadowTrade t = live.engine().shadow().recent(1).get(0);
        assertThat(t.paper().filled()).isTrue();
        assertThat(t.live().filled()).isTrue();
        assertThat(t.slippageMicros()).isZero();
        assertThat(t.feeDifference()).isEqualTo(Usd.ZERO);
        assertThat(t.market()).isEqualTo(MARKET.slug());
    }

    @Test
    @DisplayName("the venue's book moved after the decision: live pays 0.47 where paper assumed 0.45; the shadow shows "
            + "+0.02 slippage and the fee the venue charged on top, and publishes the comparison")
    void bookMoved() {
        live.fake().wallet(Usd.of("1000"), Usd.of("1000"));
        live.fake().feeRateBps(700);
        live.fake().asks(MARKET.upTokenId(), new updown.domain.Level(Price.of("0.47"), updown.domain.Shares.of("500")));
        Order order = buyUp("10", "0.45:500");
        Await.result(live.engine().execute(order)); // straight to the engine: the fake keeps its own (moved) book
        ShadowTrade t = live.engine().shadow().recent(1).get(0);
        assertThat(t.paper().price()).isEqualTo(Price.of("0.45"));
        assertThat(t.live().price()).isEqualTo(Price.of("0.47"));
        assertThat(t.slippageMicros()).isEqualTo(20_000L);
        assertThat(t.feeDifference()).isNotNull();
        // published on the bus: delivered asynchronously, after execute's future completed
        Await.result(Await.until(vertx, () -> published.contains(t)));
        assertThat(published).contains(t);
        JsonObject json = updown.web.ShadowJsonProbe.json(live.engine().shadow()).getJsonArray("trades").getJsonObject(0);
        assertThat(json.getString("slippage")).isEqualTo("0.02");
        assertThat(json.getJsonObject("paper").getString("price")).isEqualTo("0.45");
        assertThat(json.getJsonObject("live").getString("price")).isEqualTo("0.47");
    }

    @Test
    @DisplayName("the venue refuses what paper would have filled (wallet empty): the shadow shows the refusal")
    void liveRefused() {
        live.fake().wallet(Usd.ZERO, Usd.ZERO);
        Await.result(live.execute(buyUp("10", "0.45:500")));
        ShadowTrade t = live.engine().shadow().recent(1).get(0);
        assertThat(t.paper().filled()).isTrue();
        assertThat(t.live().filled()).isFalse();
        assertThat(t.live().refusal()).startsWith("INSUFFICIENT_BALANCE");
        assertThat(t.slippageMicros()).isNull();
    }
}
