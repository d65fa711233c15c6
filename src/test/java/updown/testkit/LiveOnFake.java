package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import updown.config.BotConfig;
import updown.config.Secret;
import updown.domain.Level;
import updown.domain.OrderBook;
import updown.engine.Engine;
import updown.engine.Execution;
import updown.engine.Order;
import updown.engine.live.ApiCredentials;
import updown.engine.live.LiveEngine;
import updown.engine.live.WalletSource;
import updown.domain.WalletBalance;
import updown.time.BotClock;

/**
 * A {@link LiveEngine} wired to a {@link FakeClobTrading} on 127.0.0.1, for the Engine contract suite and
 * paper-vs-live comparisons. As an {@link Engine}, each {@link #execute} first copies the order's books (asks) and
 * its market's fee rate into the fake, so the venue matches against exactly what the decision saw; the fake's
 * matching rules are documented on {@link FakeClobTrading}.
 *
 * <p>Settings: the caller's config with the live ones replaced (public Anvil test key, test API credentials, the
 * fake's URL, LIVE_CONFIRM=yes, chain 137) plus any {@code overrides} (e.g. LIVE_MAX_ORDER_USD, LIVE_ORDER_TYPE).
 */
public final class LiveOnFake implements Engine, WalletSource {
    /** Hardhat/Anvil account #0: a published development key, never funded on a real chain. */
    public static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final String ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public static final ApiCredentials CREDENTIALS = new ApiCredentials(
            Secret.of("00000000-1111-2222-3333-444444444444"),
            Secret.of("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA=="),
            Secret.of("test-passphrase-0123456789abcdef"));

    private final FakeClobTrading fake;
    private final LiveEngine engine;

    private LiveOnFake(FakeClobTrading fake, LiveEngine engine) {
        this.fake = fake;
        this.engine = engine;
    }

    /** The live settings for a fake at {@code baseUrl}, over {@code base}'s other settings. */
    public static Map<String, String> liveSettings(String baseUrl) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TRADING_MODE", "live");
        m.put("PRIVATE_KEY", KEY);
        m.put("LIVE_CONFIRM", "yes");
        m.put("CLOB_API_URL", baseUrl);
        // the fake also answers the Data API's GET /positions: a live bot's redeem check stays on 127.0.0.1
        m.put("DATA_API_URL", baseUrl);
        m.put("HTTP_TIMEOUT_MS", "5000");
        m.put("CHAIN_ID", "137");
        m.put("CLOB_API_KEY", CREDENTIALS.apiKey().reveal());
        m.put("CLOB_API_SECRET", CREDENTIALS.secret().reveal());
        m.put("CLOB_API_PASSPHRASE", CREDENTIALS.passphrase().reveal());
        return m;
    }

    /** Starts a fake CLOB and a live engine on it; {@code overrides} are settings (NAME → value). */
    public static Future<LiveOnFake> start(Vertx vertx, BotClock clock, Map<String, String> overrides) {
        FakeClobTrading fake = new FakeClobTrading(vertx, ADDRESS, CREDENTIALS, 137, clock);
        return fake.start().compose(f -> {
            Map<String, String> m = liveSettings(f.baseUrl());
            m.putAll(overrides);
            BotConfig config = TestConfig.with(m);
            return LiveEngine.create(vertx, config, clock)
                    .map(e -> new LiveOnFake(f, e))
                    .recover(t -> f.stop().transform(x -> Future.failedFuture(t)));
        });
    }

    public FakeClobTrading fake() {
        return fake;
    }

    public LiveEngine engine() {
        return engine;
    }

    @Override
    public String name() {
        return engine.name();
    }

    /** Mirrors the order's asks and fee rate into the fake, then executes the order on the live engine. */
    @Override
    public Future<Execution> execute(Order order) {
        mirror(order.upBook());
        mirror(order.downBook());
        fake.feeRateBps(order.market().fees().rate().toBigDecimal().movePointRight(4).intValueExact());
        return engine.execute(order);
    }

    /** The fake wallet, read through the live engine (so the bot's wallet check runs as in live mode). */
    @Override
    public Future<WalletBalance> walletBalance() {
        return engine.walletBalance();
    }

    private void mirror(OrderBook book) {
        if (book != null) {
            fake.asks(book.tokenId(), book.asks().toArray(new Level[0]));
        }
    }

    public Future<Void> stop() {
        engine.close();
        return fake.stop();
    }
}
