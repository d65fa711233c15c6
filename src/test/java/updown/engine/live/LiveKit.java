package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Signal;
import updown.domain.Usd;
import updown.engine.Order;
import updown.testkit.FakeClobTrading;
import updown.testkit.LiveOnFake;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

/** Shared set-up for live engine tests: the public Anvil test key, test API credentials, a BTC 5m market. */
final class LiveKit {
    static final String KEY = LiveOnFake.KEY;
    static final String ADDRESS = LiveOnFake.ADDRESS;
    static final String UP = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    static final String DOWN = "52114319501245915516055106046884209969926127482827954674443846427813813222426";
    static final Instant START = Instant.parse("2026-05-12T11:10:00Z");

    private LiveKit() {
    }

    static ApiCredentials creds() {
        return LiveOnFake.CREDENTIALS;
    }

    static VirtualClock clock() {
        return new VirtualClock(START.plusSeconds(60));
    }

    static Future<FakeClobTrading> fake(Vertx vertx, VirtualClock clock) {
        return new FakeClobTrading(vertx, ADDRESS, creds(), 137, clock).start();
    }

    /** Live settings pointing at the fake, with explicit API credentials, plus overrides. */
    static BotConfig config(FakeClobTrading fake, Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(LiveOnFake.liveSettings(fake.baseUrl()));
        m.put("LIVE_MAX_ORDER_USD", "25");
        m.put("LIVE_MAX_DAILY_USD", "200");
        m.putAll(overrides);
        return TestConfig.with(m);
    }

    static Market market() {
        return new Market("540816", "0x5f0c8a1e0b2d7c4f3a9e8d6b5c4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a",
                "btc-updown-5m-1778584200", "Bitcoin Up or Down - May 12, 7:10AM-7:15AM ET", "BTC", START,
                START.plusSeconds(300), UP, DOWN, Price.of("0.01"), Shares.ofWhole(5), FeeSchedule.CRYPTO_5M,
                true, false, true, true);
    }

    /** The same window as a Protocol V2 market ({@code version:"v2"}): its orders go to ExchangeV3. */
    static Market protocolV2Market() {
        Market m = market();
        return new Market(m.id(), m.conditionId(), m.slug(), m.question(), m.asset(), m.windowStart(), m.windowEnd(),
                m.upTokenId(), m.downTokenId(), m.tickSize(), m.minOrderSize(), m.fees(), m.active(), m.closed(),
                m.acceptingOrders(), m.enableOrderBook(), true);
    }

    static OrderBook book(String token, Level... asks) {
        return new OrderBook(token, List.of(Level.of("0.40", "100")), List.of(asks), Price.of("0.01"), "h",
                START.plusSeconds(59));
    }

    static Order buyUp(String amount, String limit, OrderBook upBook) {
        return new Order(market(), Direction.BUY_UP, Usd.of(amount), Price.of(limit), upBook,
                book(DOWN, Level.of("0.50", "100")), Usd.of("1000"),
                Signal.of(Direction.BUY_UP, Ratio.of("0.70"), "test", "test signal"));
    }

    static Order arb(String amount, String upLimit, String downLimit, OrderBook upBook, OrderBook downBook) {
        Signal s = new Signal(Direction.ARB, Ratio.of("0.90"), List.of("arb"), "sum below 1", Price.of(downLimit));
        return new Order(market(), Direction.ARB, Usd.of(amount), Price.of(upLimit), upBook, downBook,
                Usd.of("1000"), s);
    }
}
