package updown.strategy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.Kst;
import updown.domain.Market;
import updown.domain.MarketCommand;
import updown.domain.MarketEvent;
import updown.domain.MarketKey;
import updown.domain.MarketEvent.MarketResolved;
import updown.domain.MarketSnapshot;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.domain.Usd;
import updown.engine.Engine;
import updown.engine.Execution;
import updown.portfolio.PortfolioReads;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * Drives trading (SPEC §3). A periodic timer runs one tick at a time: write the health file, settle what resolved,
 * respect the breaker and the kill switch, read fresh candles, then for every live market decide, size, execute and
 * record. Ticks never overlap: a tick that finds the previous one still running is skipped and counted.
 *
 * <p>Books and candles are not fetched per tick: they stream in as market events and are folded into a
 * {@link MarketView}, so "fetch both books" is a lookup and strategies run in microseconds on the event loop.
 * Events that arrive while a tick runs are held and folded in when it ends: every decision of a tick sees the view
 * as it stood when the tick started, so a replay that gives the trader the same events before the same tick
 * reproduces its decisions exactly.
 *
 * <p>{@link Hooks}: with {@code tape} the trader publishes its input, in the order it used it, on
 * {@link Addresses#TRADER_TAPE} (each event as it is folded in, each tick's {@code TraderTicked} after the tick) for
 * the recorder; backtests turn the health file off.
 */
public final class TraderVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(TraderVerticle.class);
    /** How long after its window an open trade's market must be unresolved before it is looked up again. */
    static final Duration LOOKUP_AFTER_END = Duration.ofMinutes(3);
    static final Duration LOOKUP_REPEAT = Duration.ofMinutes(5);

    private final BotConfig config;
    private final BotClock clock;
    private final Engine engine;
    private final MarketDeciders deciders;
    private final boolean autoTick;
    private final Hooks hooks;
    private final MarketView view;
    private final List<MarketEvent> heldDuringTick = new ArrayList<>();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final Map<String, Instant> lookedUp = new HashMap<>();
    private Timers timers;
    private long timerId = -1;
    private boolean ticking;
    private Future<TraderTicked> inFlight = Future.succeededFuture();
    private long skippedTicks;
    private LocalDate lastTickDay;
    /** False until the first tick looked up every open trade's market. */
    private boolean lookedUpSinceStart;
    private String healthError;
    /** Where the tick reads the portfolio: the bus unless a replay gave a direct reader. */
    private PortfolioReads portfolio;

    /**
     * What the trader does besides trading.
     *
     * @param tape          publish its input on {@link Addresses#TRADER_TAPE} for the recorder
     * @param healthFile    write DATA_DIR/health every tick (off in backtests: their time is not the wall clock)
     * @param announceTicks publish each tick's report on {@link Addresses#TRADER_TICKED} (metrics, dashboard, fleet;
     *                      a replay has none of them, and a publish per tick was 4 % of its event loop)
     */
    public record Hooks(boolean tape, boolean healthFile, boolean announceTicks) {
        /** The service: health file, ticks announced, no tape. */
        public static final Hooks DEFAULT = new Hooks(false, true, true);
        /** The service with the recorder on: health file, ticks announced, and tape. */
        public static final Hooks RECORDING = new Hooks(true, true, true);
        /** A replay: none of them. */
        public static final Hooks BACKTEST = new Hooks(false, false, false);
    }

    /** Who starts a tick. */
    public enum Ticking {
        /** The trader's own periodic timer, every TICK_INTERVAL_MS. */
        TIMER,
        /** Only calls of {@link #tick()} (backtests, and tests that drive the ticks themselves). */
        ON_CALL
    }

    public TraderVerticle(BotConfig config, BotClock clock, Engine engine, Decider decider, Ticking ticking) {
        this(config, clock, engine, decider, ticking, Hooks.DEFAULT);
    }

    public TraderVerticle(BotConfig config, BotClock clock, Engine engine, Decider decider, Ticking ticking,
                          Hooks hooks) {
        this(config, clock, engine, decider, ticking, hooks, null);
    }

    /**
     * @param portfolio how each tick reads the portfolio (null: over the bus, as the bot does); a replay passes
     *                  {@link updown.portfolio.PortfolioVerticle#reads()}
     */
    public TraderVerticle(BotConfig config, BotClock clock, Engine engine, Decider decider, Ticking ticking,
                          Hooks hooks, PortfolioReads portfolio) {
        this.portfolio = portfolio;
        this.config = config;
        this.clock = clock;
        this.engine = engine;
        // markets with overridden settings ({@code ETH_15M_EMA_FAST}) get their own decider, the rest share this one
        this.deciders = MarketDeciders.of(config, decider);
        this.autoTick = ticking == Ticking.TIMER;
        this.hooks = hooks;
        this.view = new MarketView(config.market().candleHistory(), config.market().priceStaleMs());
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        LocalRecordCodec.register(bus);
        if (portfolio == null) {
            portfolio = PortfolioReads.overBus(bus);
        }
        MessageConsumer<MarketEvent> events = bus.consumer(Addresses.MARKET_EVENTS, m -> onMarketEvent(m.body()));
        MessageConsumer<Object> markets = bus.consumer(Addresses.TRADER_MARKETS,
                m -> m.reply(view.view(clock.instant())));
        MessageConsumer<Object> tick = bus.consumer(Addresses.TRADER_TICK,
                m -> tick().onSuccess(m::reply).onFailure(err -> m.fail(ResultCode.TRADING_HALTED.number(),
                        err.getMessage())));
        consumers.add(events);
        consumers.add(markets);
        consumers.add(tick);
        return Future.all(events.completion(), markets.completion(), tick.completion())
                .compose(v -> openTrades())
                .map(open -> {
                    // the lookup of open trades' markets waits for the first tick: market data deploys after the
                    // trader (so no discovery or book snapshot is published before the trader listens)
                    lastTickDay = Kst.dayOf(clock.instant());
                    if (autoTick) {
                        timers = new Timers(vertx, clock);
                        timerId = timers.every(config.trading().tickIntervalMs(), id -> onTimer());
                    }
                    LOG.info("trader ready: engine {}, tick every {} ms, {} open trades", engine.name(),
                            config.trading().tickIntervalMs(), open.size());
                    return null;
                });
    }

    /**
     * Hands the trader one market event directly, exactly as its {@link Addresses#MARKET_EVENTS} consumer does. For an
     * in-process replay driving the trader from its own event loop (a bus hop per event is most of a backtest's cost
     * otherwise). Call it on the trader's event loop only.
     */
    public void accept(MarketEvent event) {
        onMarketEvent(event);
    }

    private void onMarketEvent(MarketEvent event) {
        if (!ticking) {
            fold(event);
            return;
        }
        if (isStaleVerdict(event)) {
            // never trade on what is already known to be stale: a stale verdict counts at once, mid-tick. It is held
            // too, so the verdicts that came before it are folded in their order and cannot undo it at the tick's end;
            // the tape gets it then, after the tick's mark (a replay must tick at the mark's own instant, and an
            // event stamped mid-tick before the mark would move its clock past it)
            view.apply(event);
        }
        heldDuringTick.add(event);
    }

    private static boolean isStaleVerdict(MarketEvent event) {
        return (event instanceof MarketEvent.BookHealth b && b.stale())
                || (event instanceof MarketEvent.FeedHealth f && f.stale());
    }

    private void fold(MarketEvent event) {
        view.apply(event);
        if (hooks.tape()) {
            vertx.eventBus().publish(Addresses.TRADER_TAPE, event);
        }
    }

    /** Folds in what arrived during the tick, in arrival order. */
    private void releaseHeld() {
        if (heldDuringTick.isEmpty()) {
            return;
        }
        List<MarketEvent> held = new ArrayList<>(heldDuringTick);
        heldDuringTick.clear();
        for (MarketEvent e : held) {
            fold(e);
        }
    }

    private void onTimer() {
        if (ticking) {
            skippedTicks++;
            LOG.debug("tick skipped: the previous tick is still running ({} skipped so far)", skippedTicks);
            return;
        }
        tick();
    }

    /** The context the trader runs on (null before it is deployed): {@link #accept} and {@link #tick} belong there. */
    public io.vertx.core.Context runsOn() {
        return context;
    }

    /** Ticks the timer found still busy. */
    public long skippedTicks() {
        return skippedTicks;
    }

    /** The trader's current picture (tests, backtest). Only touch it on this verticle's context. */
    public MarketView view() {
        return view;
    }

    /**
     * Runs one tick now. Returns the tick's report; if a tick is already running, returns a failed future and does
     * nothing (ticks never overlap).
     */
    public Future<TraderTicked> tick() {
        if (ticking) {
            skippedTicks++;
            return Future.failedFuture(new IllegalStateException("a tick is already running"));
        }
        ticking = true;
        long started = System.nanoTime();
        Instant now = clock.instant();
        TickState state = new TickState(now);
        inFlight = writeHealthFile(now)
                .compose(v -> settleResolved())
                .compose(v -> closeDayIfNeeded(now))
                .compose(v -> snapshot())
                .compose(snap -> openTrades().compose(open -> {
                    // a stopped bot still looks up (and so settles) the markets of its open trades
                    lookUpOpenTradeMarkets(open, !lookedUpSinceStart);
                    lookedUpSinceStart = true;
                    state.balance = snap.balance();
                    if (!snap.control().allowsTrading()) {
                        state.halted = snap.control().state() + ": " + snap.control().reason();
                        return Future.succeededFuture();
                    }
                    Set<String> held = open.stream().map(Trade::marketId).collect(Collectors.toSet());
                    state.exposure = new ExposureGate(config.risk(), open);
                    return tradeMarkets(state, held);
                }))
                .transform(ar -> {
                    ticking = false;
                    view.prune(now);
                    if (ar.failed()) {
                        LOG.warn("tick at {} failed: {}", now, ar.cause().toString());
                    }
                    long micros = (System.nanoTime() - started) / 1_000;
                    List<Market> live = view.liveMarkets(now);
                    int stale = 0;
                    for (Market m : live) {
                        stale += (view.isStale(m.upTokenId()) ? 1 : 0) + (view.isStale(m.downTokenId()) ? 1 : 0);
                    }
                    TraderTicked ticked = new TraderTicked(now, live.size(), stale, view.candlesFresh(now),
                            state.opened, micros);
                    if (hooks.announceTicks()) {
                        vertx.eventBus().publish(Addresses.TRADER_TICKED, ticked);
                    }
                    if (hooks.tape()) {
                        vertx.eventBus().publish(Addresses.TRADER_TAPE, ticked);
                    }
                    releaseHeld();
                    return Future.succeededFuture(ticked);
                });
        return inFlight;
    }

    /** Mutable scratch of one tick. */
    private static final class TickState {
        final Instant now;
        Usd balance = Usd.ZERO;
        /** Open positions' cost per market and in total, against the exposure caps. */
        ExposureGate exposure;
        int opened;
        String halted;

        TickState(Instant now) {
            this.now = now;
        }
    }

    // ----------------------------------------------------------------------------------------------- steps

    private Future<Void> writeHealthFile(Instant now) {
        if (!hooks.healthFile()) {
            return Future.succeededFuture();
        }
        Path dir = config.storage().dataDir();
        Path file = config.storage().healthFile();
        return vertx.fileSystem().mkdirs(dir.toString())
                .compose(v -> vertx.fileSystem().writeFile(file.toString(), Buffer.buffer(now.toString() + "\n")))
                .transform(ar -> {
                    // a full disk must not stop trading; the health check will report it
                    String err = ar.failed() ? ar.cause().toString() : null;
                    if (err != null && !err.equals(healthError)) {
                        LOG.error("cannot write health file {}: {}", file, err);
                    } else if (err == null && healthError != null) {
                        LOG.info("health file {} writable again", file);
                    }
                    healthError = err;
                    return Future.succeededFuture();
                });
    }

    private Future<Void> settleResolved() {
        Future<Void> chain = Future.succeededFuture();
        for (MarketResolved r : view.drainResolutions()) {
            chain = chain.compose(v -> vertx.eventBus()
                    .request(Addresses.PORTFOLIO_SETTLE, new PortfolioCommand.SettleMarket(r))
                    .transform(ar -> {
                        if (ar.failed()) {
                            LOG.error("settlement of {} failed, will retry next tick: {}", r.slug(),
                                    ar.cause().getMessage());
                            // put it back: a resolution is never lost
                            view.apply(r);
                        }
                        return Future.<Void>succeededFuture();
                    }));
        }
        return chain;
    }

    private Future<Void> closeDayIfNeeded(Instant now) {
        LocalDate today = Kst.dayOf(now);
        if (lastTickDay == null || !today.isAfter(lastTickDay)) {
            lastTickDay = lastTickDay == null ? today : lastTickDay;
            return Future.succeededFuture();
        }
        LocalDate ended = today.minusDays(1);
        lastTickDay = today;
        return vertx.eventBus().request(Addresses.PORTFOLIO_CLOSE_DAY, new PortfolioCommand.CloseDay(ended))
                .transform(ar -> {
                    if (ar.failed()) {
                        LOG.warn("closing day {} failed: {}", ended, ar.cause().getMessage());
                    }
                    return Future.succeededFuture();
                });
    }

    private Future<PortfolioSnapshot> snapshot() {
        return portfolio.snapshot();
    }

    private Future<List<Trade>> openTrades() {
        return portfolio.openTrades();
    }

    /**
     * Asks market data to find the markets of open trades, whether closed or not (seed bug 3): at startup for all
     * of them, later again for those still unresolved a while after their window ended.
     */
    private void lookUpOpenTradeMarkets(List<Trade> open, boolean all) {
        if (open.isEmpty()) {
            lookedUp.clear(); // nothing open, nothing to look up (most ticks: no streams, no sets)
            return;
        }
        Instant now = clock.instant();
        List<String> slugs = new ArrayList<>();
        for (Trade t : open) {
            boolean overdue = t.windowEnd() == null || t.windowEnd().plus(LOOKUP_AFTER_END).isBefore(now);
            Instant last = lookedUp.get(t.slug());
            boolean due = last == null || last.plus(LOOKUP_REPEAT).isBefore(now);
            if ((all || overdue) && due && !slugs.contains(t.slug())) {
                slugs.add(t.slug());
                lookedUp.put(t.slug(), now);
            }
        }
        lookedUp.keySet().retainAll(open.stream().map(Trade::slug).collect(Collectors.toSet()));
        if (!slugs.isEmpty()) {
            LOG.info("looking up {} market(s) holding open trades: {}", slugs.size(), slugs);
            vertx.eventBus().publish(Addresses.MARKET_LOOKUP, new MarketCommand.LookupMarkets(slugs));
        }
    }

    private Future<Void> tradeMarkets(TickState state, Set<String> held) {
        Future<Void> chain = Future.succeededFuture();
        for (Market market : view.liveMarkets(state.now)) {
            chain = chain.compose(v -> tradeMarket(state, market, held));
        }
        return chain;
    }

    private Future<Void> tradeMarket(TickState state, Market market, Set<String> held) {
        if (held.contains(market.id())) {
            view.recordDecision(market.slug(), "holding a position");
            return Future.succeededFuture();
        }
        // decide as of the tick's instant: the view holds what had arrived by then (later events wait for the tick's
        // end), and the tape marks the tick with that instant, so a replay decides on exactly the same picture
        Instant now = state.now;
        // but never act on a moment that has passed: the steps before (a slow disk, earlier markets' trades) may
        // have taken long enough for this window to end, or for what the view shows to be stale
        Instant current = clock.instant();
        if (!market.isLiveAt(current)) {
            view.recordDecision(market.slug(), "skip: the window ended during the tick");
            return Future.succeededFuture();
        }
        long lagMs = Duration.between(now, current).toMillis();
        if (lagMs > config.market().bookStaleMs()) {
            view.recordDecision(market.slug(), "skip: the tick ran " + lagMs + " ms, its data is stale");
            LOG.warn("{}: not traded, the tick has run {} ms (BOOK_STALE_MS {}): its picture is stale",
                    market.slug(), lagMs, config.market().bookStaleMs());
            return Future.succeededFuture();
        }
        MarketSnapshot snap = view.snapshot(market, now);
        if (snap.up() == null || snap.down() == null) {
            view.recordDecision(market.slug(), "skip: book stale or missing");
            return Future.succeededFuture();
        }
        Decision decision = deciders.forMarket(market).decide(snap, state.balance);
        if (decision instanceof Decision.Skip skip) {
            view.recordDecision(market.slug(), "skip: " + skip.reason());
            return Future.succeededFuture();
        }
        Decision.Place place = (Decision.Place) decision;
        java.util.Optional<String> capped = state.exposure.refuse(MarketKey.of(market), place.order().amount());
        if (capped.isPresent()) {
            view.recordDecision(market.slug(), "skip: " + capped.get());
            LOG.info("{} not traded: {}", market.slug(), capped.get());
            return Future.succeededFuture();
        }
        return engine.execute(place.order()).compose(exec -> {
            if (exec instanceof Execution.Rejected rej) {
                view.recordDecision(market.slug(), "rejected: " + rej.reason());
                LOG.info("{} {} rejected by {}: {}", market.slug(), place.order().side(), engine.name(),
                        rej.reason());
                return Future.succeededFuture();
            }
            Execution.Filled filled = (Execution.Filled) exec;
            Trade trade = Trade.open(market, filled.fill(), place.signal(), clock.instant());
            return vertx.eventBus().request(Addresses.PORTFOLIO_OPEN_TRADE, new PortfolioCommand.OpenTrade(trade))
                    .map(m -> (Trade) m.body())
                    .compose(stored -> {
                        state.opened++;
                        held.add(market.id());
                        state.exposure.add(stored);
                        state.balance = state.balance.minus(stored.totalCost());
                        view.recordDecision(market.slug(), "traded " + stored.side() + " @ " + stored.price());
                        return Future.<Void>succeededFuture();
                    })
                    .recover(err -> {
                        LOG.error("{} fill of {} was not recorded: {}", engine.name(), market.slug(),
                                err.getMessage());
                        view.recordDecision(market.slug(), "not recorded: " + err.getMessage());
                        return Future.succeededFuture();
                    });
        });
    }

    @Override
    public Future<?> stop() {
        if (timerId >= 0) {
            timers.cancel(timerId);
        }
        // let the tick in flight finish its writes, then stop listening
        return inFlight.transform(ar -> Future.all(consumers.stream().map(MessageConsumer::unregister).toList()));
    }
}
