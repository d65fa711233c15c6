package updown.sim.exchange;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import updown.domain.Outcome;
import updown.time.BotClock;
import updown.synthetic.SimMarketModel;
import updown.synthetic.SimOptions;
import updown.synthetic.SimResolution;
import updown.synthetic.SimWindow;
import updown.synthetic.fault.FaultEvent;
import updown.synthetic.fault.FaultPlan;

/**
 * An offline exchange on 127.0.0.1: Gamma, the CLOB (REST and market websocket), Binance (REST and websocket) and
 * RTDS (Chainlink), each on its own ephemeral port, speaking the real wire formats. The bot reaches it only through
 * the URLs of {@link #settings()}; nothing in the bot knows it is simulated.
 *
 * <p>Time: everything is read from the injected clock. With {@link SimOptions#autoStep()} a timer steps the exchange
 * every {@code stepMs} of simulated time (simulate, with a {@code ScaledClock} shared with the bot). Tests turn that
 * off, advance a {@code VirtualClock} and call {@link #step()}, which publishes everything that happened since the
 * previous step and completes once it has been written.
 */
public final class SimExchange {
    private final Vertx vertx;
    private final BotClock clock;
    private final String deploymentId;
    private final SimExchangeVerticle verticle;

    private SimExchange(Vertx vertx, BotClock clock, String deploymentId, SimExchangeVerticle verticle) {
        this.vertx = vertx;
        this.clock = clock;
        this.deploymentId = deploymentId;
        this.verticle = verticle;
    }

    /** Builds the model (reading the kline CSV off the event loop if one is given), then starts the servers. */
    public static Future<SimExchange> start(Vertx vertx, BotClock clock, SimOptions options) {
        Instant simStart = clock.instant();
        return vertx.executeBlocking(() -> SimMarketModel.createAll(options, simStart))
                .compose(models -> {
                    SimExchangeVerticle v = new SimExchangeVerticle(clock, models);
                    return vertx.deployVerticle(v).map(id -> new SimExchange(vertx, clock, id, v));
                });
    }

    /** Closes every server and socket and stops the timer. */
    public Future<Void> stop() {
        return vertx.undeploy(deploymentId);
    }

    /**
     * The market-data settings that point the bot here: GAMMA_API_URL, CLOB_API_URL, CLOB_WS_URL (with
     * {@code /ws/market}), BINANCE_REST_URL, BINANCE_WS_URL, and RTDS_WS_URL (the sim serves BTCUSDT, so MARKETS=btc-*).
     */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("GAMMA_API_URL", "http://127.0.0.1:" + verticle.gammaPort());
        s.put("CLOB_API_URL", "http://127.0.0.1:" + verticle.clobPort());
        s.put("CLOB_WS_URL", "ws://127.0.0.1:" + verticle.clobPort() + ClobServer.WS_PATH);
        s.put("BINANCE_REST_URL", "http://127.0.0.1:" + verticle.binancePort());
        s.put("BINANCE_WS_URL", "ws://127.0.0.1:" + verticle.binancePort());
        s.put("RTDS_WS_URL", "ws://127.0.0.1:" + verticle.rtdsPort());
        return s;
    }

    /**
     * Moves the exchange to the clock's current instant, publishing everything due since the previous step (in
     * order: listings, openings, closings, resolutions, faults, book deltas, klines, Chainlink reports). Completes
     * once every frame has been handed to its socket. A clock that did not move makes it a no-op.
     */
    public Future<Void> step() {
        Promise<Void> done = Promise.promise();
        verticle.context().runOnContext(v -> {
            try {
                verticle.stepTo(clock.instant());
                done.complete();
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        return done.future();
    }

    /** The simulated world of the primary series: windows, prices, Chainlink, fair values. */
    public SimMarketModel model() {
        return verticle.state().model();
    }

    /** A window of any served series by its slug. */
    public Optional<SimWindow> windowBySlug(String slug) {
        return verticle.state().find(m -> m.windowBySlug(slug));
    }

    /** The model of every served series, primary first. */
    public List<SimMarketModel> models() {
        return verticle.state().models();
    }

    /** The instant of the last step: every venue answers as of this instant. */
    public Instant now() {
        return verticle.state().now();
    }

    /** The outcome the exchange published for {@code w}, once it has resolved (possibly overridden). */
    public Optional<Outcome> publishedWinner(SimWindow w) {
        return verticle.state().winner(w);
    }

    /**
     * Every window resolved while the exchange ran, in order of resolution (windows that had resolved before the start
     * are not listed; one that ended just before the start and resolved after it is).
     */
    public List<SimResolution> resolutions() {
        return verticle.resolutions();
    }

    /** When {@code w} resolves, late-resolution faults included. */
    public Instant resolvesAt(SimWindow w) {
        return verticle.state().resolvesAt(w);
    }

    /** Every fault placed in window {@code index} (scheduled and random). */
    public List<FaultEvent> faultsInWindow(int index) {
        return verticle.faults().inWindow(index);
    }

    public FaultPlan faultPlan() {
        return verticle.faults().plan();
    }

    public SimStats stats() {
        return verticle.stats();
    }
}
