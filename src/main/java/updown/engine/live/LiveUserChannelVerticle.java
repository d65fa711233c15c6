package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.net.URI;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.PortfolioCommand;
import updown.time.ClockScheduler;
import updown.net.Counters;
import updown.net.WsConnection;
import updown.time.BotClock;

/**
 * Live fills are provisional until final. This verticle listens on the authenticated user channel and follows each
 * of the key's trades MATCHED → MINED → CONFIRMED (or RETRYING / FAILED) through {@link FillConfirmations}. A FAILED
 * trade means nothing changed hands: its order's trade is reversed in the ledger by the portfolio (the single writer,
 * {@link Addresses#PORTFOLIO_REVERSE}), once.
 *
 * <p>Messages missed while disconnected are recovered: on every (re)connect, and so after a restart, the key's trades
 * of the last {@link #LOOKBACK} are re-read ({@code GET /data/trades}) and fed through the same path, and its open
 * orders are re-read ({@code GET /data/orders}): the engine sends only FOK/FAK orders, so a resting one is logged and
 * cancelled. A submit whose outcome was unknown is not this verticle's business: the engine resolves it by its order
 * hash and never sends it again ({@link OrderPlacer}).
 */
public final class LiveUserChannelVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUserChannelVerticle.class);
    static final Duration LOOKBACK = Duration.ofHours(24);
    static final long PING_EVERY_MS = 10_000;

    private final LiveEngine engine;
    private final BotConfig config;
    private final BotClock clock;
    private final RandomGenerator random;
    private final FillConfirmations confirmations = new FillConfirmations();
    private final Counters counters = new Counters();
    private ClockScheduler scheduler;
    private WsConnection ws;
    private volatile Future<Void> lastReconcile = Future.succeededFuture();

    public LiveUserChannelVerticle(LiveEngine engine, BotConfig config, BotClock clock, RandomGenerator random) {
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        scheduler = new ClockScheduler(vertx, clock);
        URI url = UserChannel.urlBeside(config.market().clobWsUrl());
        ws = new WsConnection(vertx, scheduler, config.market(), url, random, counters, "clob-user",
                new WsConnection.Listener() {
                    @Override
                    public void onOpen() {
                        ws.send(UserChannel.subscription(engine.credentials()));
                        lastReconcile = reconcile();
                    }

                    @Override
                    public void onText(String text) {
                        onFrame(text);
                    }

                    @Override
                    public void onDown(String reason) {
                        counters.inc("user.down");
                    }
                });
        scheduler.every(PING_EVERY_MS, () -> ws.send(UserChannel.PING));
        ws.start();
        LOG.info("live user channel {}: fills stay provisional until the venue reports them CONFIRMED", url);
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        return ws == null ? Future.succeededFuture() : ws.stop();
    }

    /** The settlement state last seen for a venue trade. */
    public java.util.Optional<String> stateOf(String tradeId) {
        return confirmations.state(tradeId).map(Enum::name);
    }

    /** Completes when the re-read started by the latest (re)connect is done. */
    public Future<Void> lastReconcile() {
        return lastReconcile;
    }

    private void onFrame(String text) {
        UserChannel.Frame frame;
        try {
            frame = UserChannel.frame(text);
        } catch (IllegalArgumentException e) {
            counters.inc("user.bad-frames");
            LOG.warn("user channel: {}; frame skipped", e.getMessage());
            return;
        }
        if (!frame.skipped().isEmpty()) {
            counters.inc("user.bad-trades");
            LOG.warn("user channel: {} unreadable trade event(s) skipped ({})", frame.skipped().size(),
                    frame.skipped().get(0));
        }
        frame.trades().forEach(this::observe);
    }

    private Future<Void> observe(UserTrade t) {
        return confirmations.observe(t).map(this::reverse).orElse(Future.succeededFuture());
    }

    /** Each order of the failed trade: the portfolio reverses the open trade that carries it, if any. */
    private Future<Void> reverse(UserTrade failed) {
        Future<Void> chain = Future.succeededFuture();
        for (String orderId : failed.orderIds()) {
            PortfolioCommand.ReverseFill cmd = new PortfolioCommand.ReverseFill(orderId,
                    "venue trade " + failed.id() + " FAILED on chain");
            chain = chain.compose(v -> vertx.eventBus().<Object>request(Addresses.PORTFOLIO_REVERSE, cmd)
                    .transform(ar -> {
                        if (ar.failed()) {
                            LOG.error("reversal of order {} (trade {}) not booked: {}; the wallet check will show "
                                    + "the drift", orderId, failed.id(), ar.cause().getMessage());
                        }
                        return Future.<Void>succeededFuture();
                    }));
        }
        return chain;
    }

    /** Re-reads recent trades and open orders after a (re)connect: nothing missed while away stays unseen. */
    private Future<Void> reconcile() {
        Future<Void> trades = engine.tradesSince(clock.instant().minus(LOOKBACK)).transform(ar -> {
            if (ar.failed()) {
                LOG.warn("user channel: recent trades not re-read ({}); relying on the channel", ar.cause().getMessage());
                return Future.succeededFuture();
            }
            Future<Void> chain = Future.succeededFuture();
            for (VenueTrade n : ar.result()) {
                UserTrade t = UserTrade.of(n);
                chain = chain.compose(v -> observe(t));
            }
            return chain;
        });
        return trades.compose(v -> engine.openOrders().transform(ar -> {
            if (ar.failed()) {
                LOG.warn("user channel: open orders not re-read ({})", ar.cause().getMessage());
                return Future.succeededFuture();
            }
            Future<Void> chain = Future.succeededFuture();
            for (VenueOrder o : ar.result()) {
                String id = o.id();
                LOG.warn("live order {} is resting on the book (the engine sends only FOK/FAK); cancelling it", id);
                chain = chain.compose(x -> engine.cancel(id).recover(err -> {
                    LOG.error("live order {} could not be cancelled: {}", id, err.getMessage());
                    return Future.succeededFuture();
                }));
            }
            return chain;
        }));
    }
}
