package updown.sim.run;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.app.BotRunner;
import updown.config.BotConfig;
import updown.domain.LedgerEntry;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.Trade;
import updown.engine.Engine;
import updown.engine.PaperEngine;
import updown.time.BotClock;
import updown.time.Timers;
import updown.sim.exchange.SimExchange;
import updown.synthetic.SimOptions;

/**
 * The whole bot against a {@link SimExchange}: the exchange starts first, its loopback URLs become the bot's
 * *_URL settings, then the unchanged bot starts on them. Nothing in the bot knows it is simulated.
 */
public final class Simulation {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    /** How long after the last window resolved the run waits for the bot to settle it before calling it unknown. */
    static final Duration SETTLE_GRACE = Duration.ofMinutes(3);

    private final Vertx vertx;
    private final BotClock clock;
    private final SimExchange exchange;
    private final BotConfig config;
    private final BotRunner.Running running;
    private final SimulationReport report = new SimulationReport();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final Consumer<String> lines;
    /** Trades from this id on are this run's; lower ids are from earlier runs on the same data folder. */
    private final long firstTradeId;
    /** Ledger entries up to this sequence were there when this run started (the initial deposit included). */
    private final long lastSeqBefore;

    private Simulation(Vertx vertx, BotClock clock, SimExchange exchange, BotConfig config,
                       BotRunner.Running running, Consumer<String> lines, long firstTradeId, long lastSeqBefore) {
        this.vertx = vertx;
        this.clock = clock;
        this.exchange = exchange;
        this.config = config;
        this.running = running;
        this.lines = lines;
        this.firstTradeId = firstTradeId;
        this.lastSeqBefore = lastSeqBefore;
    }

    /**
     * Starts the exchange and the bot.
     *
     * @param configFor builds the bot's config from setting overrides (the exchange's URLs and the simulate
     *                  defaults); it fails with the list of bad settings
     * @param lines     receives one line per trade and settlement (stdout in the command)
     */
    public static Future<Simulation> start(Vertx vertx, BotClock clock, SimOptions options,
                                           Function<Map<String, String>, BotConfig> configFor,
                                           Consumer<String> lines) {
        LocalRecordCodec.register(vertx.eventBus());
        return SimExchange.start(vertx, clock, options).compose(exchange ->
                startOn(vertx, clock, exchange, configFor, lines)
                        .recover(err -> exchange.stop().transform(ar -> Future.failedFuture(err))));
    }

    /**
     * Starts the bot against an exchange that is already running, e.g. to restart it on the same ledger after
     * {@link #stopBot()}. A failure leaves the exchange running.
     */
    public static Future<Simulation> startOn(Vertx vertx, BotClock clock, SimExchange exchange,
                                             Function<Map<String, String>, BotConfig> configFor,
                                             Consumer<String> lines) {
        return startOn(vertx, clock, exchange, configFor, lines, PaperEngine::fromConfig);
    }

    /**
     * As {@link #startOn(Vertx, BotClock, SimExchange, Function, Consumer)} with another engine than the paper one
     * (tests: the live engine against a fake venue, the rest of the bot unchanged).
     */
    public static Future<Simulation> startOn(Vertx vertx, BotClock clock, SimExchange exchange,
                                             Function<Map<String, String>, BotConfig> configFor,
                                             Consumer<String> lines, Function<BotConfig, Engine> engineFor) {
        LocalRecordCodec.register(vertx.eventBus());
        BotConfig config;
        try {
            config = configFor.apply(new LinkedHashMap<>(exchange.settings()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return BotRunner.start(vertx, config, clock, engineFor.apply(config))
                // by id and sequence, not by time: earlier runs on the same data folder may carry later simulated times
                .compose(run -> run.repository().load()
                        .recover(err -> run.stop().transform(ar -> Future.failedFuture(err)))
                        .map(stored -> {
                            long firstId = stored.trades().stream().mapToLong(Trade::id).max().orElse(0L) + 1;
                            long lastSeq = stored.ledger().stream().mapToLong(LedgerEntry::seq).max().orElse(0L);
                            Simulation sim = new Simulation(vertx, clock, exchange, config, run, lines, firstId,
                                    lastSeq);
                            sim.listen();
                            return sim;
                        }));
    }

    /** The setting overrides every simulation applies besides the URLs: no Telegram, paper money. */
    public static Map<String, String> simulateDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TRADING_MODE", "paper");
        m.put("TELEGRAM_BOT_TOKEN", "");
        return m;
    }

    /**
     * The fastest simulate supports: what the end-to-end tests run at (a 5-minute window in 0.5 real s). Faster, the
     * staleness limits raised for the speed ({@link #stalenessFor}: speed × {@value #MIN_REAL_STALE_MS} ms, 150 s
     * here) approach a whole window, so a dead feed would go unnoticed for most of one, and a simulated second nears
     * the 1 ms floor of a timer ({@code ScaledClock.realDelayMillis}).
     */
    public static final double MAX_SPEED = 600;

    /** Real time a feed may be silent at any speed before it counts as stale: a busy machine's scheduling hiccup. */
    static final long MIN_REAL_STALE_MS = 250;

    /**
     * Staleness limits are simulated time, so a fast simulation shrinks them in real time: at 600x the default 30 s
     * is 50 real ms, less than a garbage collection, and every book would flap stale. Returns the settings to raise so
     * that each limit is at least {@value #MIN_REAL_STALE_MS} real ms at {@code speed} (empty when none needs it).
     */
    public static Map<String, String> stalenessFor(double speed, BotConfig config) {
        long floor = (long) Math.ceil(speed * MIN_REAL_STALE_MS);
        Map<String, String> raised = new LinkedHashMap<>();
        if (config.market().bookStaleMs() < floor) {
            raised.put("BOOK_STALE_MS", Long.toString(floor));
        }
        if (config.market().priceStaleMs() < floor) {
            raised.put("PRICE_STALE_MS", Long.toString(floor));
        }
        return raised;
    }

    private void listen() {
        MessageConsumer<PortfolioEvent.TradeExecuted> ex = vertx.eventBus().consumer(Addresses.TRADE_EXECUTED,
                m -> report.onExecuted(m.body().trade(), lines));
        MessageConsumer<PortfolioEvent.TradeSettled> st = vertx.eventBus().consumer(Addresses.TRADE_SETTLED,
                m -> report.onSettled(m.body().trade(), m.body().snapshot().balance(), lines));
        consumers.add(ex);
        consumers.add(st);
    }

    public SimExchange exchange() {
        return exchange;
    }

    public BotConfig config() {
        return config;
    }

    public BotRunner.Running running() {
        return running;
    }

    /**
     * Completes once windows 0..n-1 have resolved on the exchange and the bot settled its trades in them (or
     * {@link #SETTLE_GRACE} of simulated time passed after the last resolution, leaving them "unknown").
     */
    public Future<Void> untilWindows(int n) {
        Promise<Void> done = Promise.promise();
        Timers timers = new Timers(vertx, clock);
        Instant[] allResolvedAt = new Instant[1];
        // cancel by the id the handler is given: an id stored after every() returns may not be there yet when
        // the first run comes (a preempted caller), and cancel(0) would cancel someone else's timer
        timers.every(1_000, id -> {
            long resolved = resolvedAmongFirst(n);
            if (resolved < n) {
                return;
            }
            if (allResolvedAt[0] == null) {
                allResolvedAt[0] = clock.instant();
            }
            openTradesIn(n).onSuccess(open -> {
                boolean graceOver = clock.instant().isAfter(allResolvedAt[0].plus(SETTLE_GRACE));
                if ((open.isEmpty() || graceOver) && timers.cancel(id)) {
                    if (!open.isEmpty()) {
                        LOG.warn("{} trade(s) still open after the grace period", open.size());
                    }
                    done.tryComplete();
                }
            });
        });
        return done.future();
    }

    /**
     * How many of windows 0..n-1 have resolved. The window that ended just before the start (index -1) also
     * resolves while the exchange runs; it must not count, or the run would end a window early. Only the primary
     * series counts: the other series' windows end within its first n.
     */
    public int resolvedAmongFirst(int n) {
        return (int) exchange.resolutions().stream()
                .filter(r -> r.window().market().equals(exchange.model().key()))
                .filter(r -> r.window().index() >= 0 && r.window().index() < n).count();
    }

    private Future<List<Trade>> openTradesIn(int n) {
        Instant lastEnd = exchange.model().window(n - 1).end();
        return vertx.eventBus().request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetOpenTrades())
                .map(m -> ((PortfolioCommand.OpenTrades) m.body()).trades().stream()
                        .filter(t -> t.windowEnd() == null || !t.windowEnd().isAfter(lastEnd)).toList());
    }

    /** The portfolio's current snapshot. */
    public Future<PortfolioSnapshot> snapshot() {
        return vertx.eventBus().request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot())
                .map(m -> (PortfolioSnapshot) m.body());
    }

    /**
     * Stops the bot, reads its ledger, closes it and stops the exchange; returns the summary of this run for
     * {@code windows}, computed from the ledger (lines of trades whose events raced with the stop are printed first).
     * An open trade counts as "unknown" when the exchange has published its market's outcome, else as still open.
     */
    public Future<SimulationReport.Summary> stop(int windows) {
        // the trader finishes its tick and the portfolio its write before they go: the ledger is final after this
        return running.bot().stop()
                .compose(v -> running.repository().load())
                .transform(loaded -> stopBot()
                        .transform(v -> exchange.stop())
                        .transform(v -> loaded.succeeded()
                                ? Future.succeededFuture(report.close(loaded.result(), firstTradeId, lastSeqBefore,
                                        windows, this::resolvedOnExchange, lines))
                                : Future.failedFuture(loaded.cause())));
    }

    /** Whether the exchange has published the outcome of the market with this slug. */
    private boolean resolvedOnExchange(String slug) {
        return exchange.model().windowBySlug(slug).flatMap(exchange::publishedWinner).isPresent();
    }

    /** Stops the bot and closes its ledger, leaving the exchange running (see {@link #startOn}). Never fails. */
    public Future<Void> stopBot() {
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
                .transform(ar -> running.stop());
    }
}
