package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import updown.config.BotConfig;
import updown.config.Secret;
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
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

/** Shared set-up for live engine tests: the public Anvil test key, test API credentials, a BTC 5m market. */
final class LiveKit {
    /** Hardhat/Anvil account #0: a published development key, never funded on a real chain. */
    static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final String API_KEY = "00000000-1111-2222-3333-444444444444";
    static final String API_SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";
    static final String API_PASSPHRASE = "test-passphrase-0123456789abcdef";
    static final String UP = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    static final String DOWN = "52114319501245915516055106046884209969926127482827954674443846427813813222426";
    static final Instant START = Instant.parse("2026-05-12T11:10:00Z");

    private LiveKit() {
    }

    static ApiCredentials creds() {
        return new ApiCredentials(Secret.of(API_KEY), Secret.of(API_SECRET), Secret.of(API_PASSPHRASE));
    }

    static VirtualClock clock() {
        return new VirtualClock(START.plusSeconds(60));
    }

    static Future<FakeClobTrading> fake(Vertx vertx, VirtualClock clock) {
        return new FakeClobTrading(vertx, ADDRESS, creds(), 137, clock).start();
    }

    /** Live settings pointing at the fake, with explicit API credentials, plus overrides. */
    static BotConfig config(FakeClobTrading fake, Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TRADING_MODE", "live");
        m.put("PRIVATE_KEY", KEY);
        m.put("LIVE_CONFIRM", "yes");
        m.put("CLOB_API_URL", fake.baseUrl());
        m.put("HTTP_TIMEOUT_MS", "5000");
        m.put("CHAIN_ID", "137");
        m.put("LIVE_MAX_ORDER_USD", "25");
        m.put("LIVE_MAX_DAILY_USD", "200");
        m.put("CLOB_API_KEY", API_KEY);
        m.put("CLOB_API_SECRET", API_SECRET);
        m.put("CLOB_API_PASSPHRASE", API_PASSPHRASE);
        m.putAll(overrides);
        return TestConfig.with(m);
    }

    static Market market() {
        return new Market("540816", "0x5f0c8a1e0b2d7c4f3a9e8d6b5c4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a",
                "btc-updown-5m-1778584200", "Bitcoin Up or Down - May 12, 7:10AM-7:15AM ET", "BTC", START,
                START.plusSeconds(300), UP, DOWN, Price.of("0.01"), Shares.ofWhole(5), FeeSchedule.CRYPTO_5M,
                true, false, true, true);
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
