package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import updown.config.BotConfig;
import updown.time.BotClock;

/**
 * The four market-data venues on loopback at once, and a {@link BotConfig} whose *_URL settings point at them:
 * what a test (or the lead's trader test) needs to run {@code MarketDataVerticle} with no network.
 *
 * <pre>
 * MarketFakes.start(vertx, clock).onSuccess(f -> {
 *     BotConfig cfg = f.config(Map.of("CANDLE_HISTORY", "20"));
 *     vertx.deployVerticle(new MarketDataVerticle(cfg, clock, 42, RtdsChainlinkSource.FACTORY));
 * });
 * </pre>
 */
public final class MarketFakes {
    public final FakeGamma gamma;
    public final FakeClob clob;
    public final FakeBinance binance;
    public final FakeRtds rtds;

    private MarketFakes(FakeGamma gamma, FakeClob clob, FakeBinance binance, FakeRtds rtds) {
        this.gamma = gamma;
        this.clob = clob;
        this.binance = binance;
        this.rtds = rtds;
    }

    public static Future<MarketFakes> start(Vertx vertx, BotClock clock) {
        Future<FakeGamma> g = FakeGamma.start(vertx, clock);
        Future<FakeClob> c = FakeClob.start(vertx, clock);
        Future<FakeBinance> b = FakeBinance.start(vertx, clock, "BTCUSDT");
        Future<FakeRtds> r = FakeRtds.start(vertx, clock);
        return Future.all(g, c, b, r).map(v -> new MarketFakes(g.result(), c.result(), b.result(), r.result()));
    }

    /** The market-data URL settings for these fakes. */
    public Map<String, String> urls() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("GAMMA_API_URL", gamma.url().toString());
        m.put("CLOB_API_URL", clob.url().toString());
        m.put("CLOB_WS_URL", clob.wsMarketUrl().toString());
        m.put("BINANCE_REST_URL", binance.url().toString());
        m.put("BINANCE_WS_URL", binance.wsUrl("").toString());
        m.put("RTDS_WS_URL", rtds.wsUrl("/").toString());
        return m;
    }

    /** Defaults + these fakes' URLs + a short reconnect cap and history + {@code overrides}. */
    public BotConfig config(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(urls());
        all.put("HTTP_TIMEOUT_MS", "10000");
        all.put("RECONNECT_DELAY_MAX_MS", "2000");
        all.put("CANDLE_HISTORY", "20");
        all.putAll(overrides);
        return TestConfig.with(all);
    }

    public Future<Void> close() {
        return Future.all(gamma.close(), clob.close(), binance.close(), rtds.close()).mapEmpty();
    }
}
