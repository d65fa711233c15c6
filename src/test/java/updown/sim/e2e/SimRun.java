package updown.sim.e2e;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.domain.PortfolioCommand;
import updown.engine.Engine;
import updown.engine.PaperEngine;
import updown.domain.PortfolioSnapshot;
import updown.domain.Trade;
import updown.repository.SqliteRepository;
import updown.repository.StoredState;
import updown.sim.exchange.SimExchange;
import updown.synthetic.SimOptions;
import updown.synthetic.SimWindow;
import updown.sim.run.Simulation;
import updown.sim.run.SimulationReport;
import updown.testkit.TestConfig;
import updown.time.ScaledClock;

/**
 * One end-to-end run: the SimExchange and the unchanged bot on a {@link ScaledClock} they share, started the way
 * {@code simulate} starts them ({@link Simulation#start}), with a temporary DATA_DIR, no Telegram, and a
 * {@link BotObserver} attached before anything starts. Waits are conditions on the exchange's or the bot's state,
 * checked every few real milliseconds; the timeout is only a safety net against a hung run.
 */
final class SimRun implements AutoCloseable {
    /** Safety net for one wait; a healthy run meets every condition long before. */
    static final long SAFETY_NET_SECONDS = 45;
    /** Simulated seconds per real second for bot and exchange alike. */
    static final double SPEED = Double.parseDouble(System.getProperty("updown.e2e.speed", "600"));
    /**
     * BOOK_STALE_MS and PRICE_STALE_MS of the runs (simulated ms). At 600x the default 30 s is 50 real ms, less than
     * a scheduling hiccup on two busy cores; 90 s (150 real ms) keeps the feeds usable without changing any rule.
     */
    static final long STALE_MS = Long.parseLong(System.getProperty("updown.e2e.staleMs", "90000"));
    /** Every run starts here (a fixed instant: the same slugs, ids and KST day in every run). */
    static final Instant START = Instant.parse("2026-05-12T00:00:30Z");

    final Vertx vertx;
    final ScaledClock clock;
    final Path dataDir;
    final Map<String, String> settings;
    final SimExchange exchange;
    final BotObserver observer;
    final List<String> lines;
    private Simulation sim;
    private boolean botRunning = true;
    private boolean exchangeRunning = true;

    private SimRun(Vertx vertx, ScaledClock clock, Path dataDir, Map<String, String> settings, SimExchange exchange,
                   BotObserver observer, Simulation sim, List<String> lines) {
        this.vertx = vertx;
        this.clock = clock;
        this.dataDir = dataDir;
        this.settings = settings;
        this.exchange = exchange;
        this.observer = observer;
        this.sim = sim;
        this.lines = lines;
    }

    /**
     * Starts exchange and bot.
     *
     * @param settings bot settings on top of the shipped defaults (DATA_DIR and the exchange's URLs are added)
     * @param observerHook receives the observer before the exchange starts (e.g. for an outcome override)
     */
    static SimRun start(Vertx vertx, double speed, SimOptions options, Path dataDir, Map<String, String> settings,
                        java.util.function.Consumer<BotObserver> observerHook) {
        return start(vertx, speed, options, dataDir, settings, observerHook, PaperEngine::fromConfig);
    }

    /** As above, trading through {@code engineFor}'s engine instead of the paper one. */
    static SimRun start(Vertx vertx, double speed, SimOptions options, Path dataDir, Map<String, String> settings,
                        java.util.function.Consumer<BotObserver> observerHook,
                        java.util.function.Function<BotConfig, Engine> engineFor) {
        // held while exchange and bot start (seconds on a busy machine = many windows at this speed)
        ScaledClock clock = ScaledClock.held(START, speed);
        // Simulation.start in two halves, so the observer knows the exchange before the bot's first decision
        SimExchange exchange = await(SimExchange.start(vertx, clock, options));
        BotObserver observer = BotObserver.start(vertx, slug -> exchange.windowBySlug(slug)
                .map(w -> List.of(w.upTokenId(), w.downTokenId())));
        observerHook.accept(observer);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Simulation sim = await(Simulation.startOn(vertx, clock, exchange,
                overrides -> configFor(dataDir, settings, overrides), lines::add, engineFor));
        clock.release();
        return new SimRun(vertx, clock, dataDir, settings, exchange, observer, sim, lines);
    }

    static BotConfig configFor(Path dataDir, Map<String, String> settings, Map<String, String> exchangeUrls) {
        Map<String, String> all = new LinkedHashMap<>(Simulation.simulateDefaults());
        all.put("DASHBOARD_ENABLED", "false");
        all.put("BOOK_STALE_MS", Long.toString(STALE_MS));
        all.put("PRICE_STALE_MS", Long.toString(STALE_MS));
        all.putAll(settings);
        all.putAll(exchangeUrls);
        all.put("DATA_DIR", dataDir.toString());
        return TestConfig.with(all);
    }

    Simulation simulation() {
        return sim;
    }

    Path dbPath() {
        return sim.config().storage().dbPath();
    }

    /** Stops the bot (ledger closed), leaving the exchange running. */
    void stopBot() {
        await(sim.stopBot());
        botRunning = false;
    }

    /** Ends the run as simulate does ({@link Simulation#stop}): bot, ledger and exchange; returns the summary. */
    SimulationReport.Summary stopAll(int windows) {
        SimulationReport.Summary summary = await(sim.stop(windows));
        botRunning = false;
        exchangeRunning = false;
        return summary;
    }

    /** Starts the bot again on the same DATA_DIR against the running exchange. */
    void restartBot() {
        sim = await(Simulation.startOn(vertx, clock, exchange, overrides -> configFor(dataDir, settings, overrides),
                lines::add));
        botRunning = true;
    }

    SimWindow window(int index) {
        return exchange.model().window(index);
    }

    SimWindow windowOf(Trade t) {
        return exchange.windowBySlug(t.slug())
                .orElseThrow(() -> new AssertionError("the exchange never listed " + t.slug()));
    }

    /** Windows 0..n-1 resolved on the exchange and the bot settled its trades in them. */
    void untilWindows(int n) {
        try {
            await(sim.untilWindows(n));
        } catch (AssertionError e) {
            throw new AssertionError("windows 0.." + (n - 1) + " not done: " + sim.resolvedAmongFirst(n)
                    + " resolved, open trades " + openTrades() + ", exchange at " + exchange.now(), e);
        }
    }

    /** Blocks until the condition holds (checked every 5 real ms on an event loop). */
    void until(String what, BooleanSupplier condition) {
        Promise<Void> p = Promise.promise();
        long[] id = new long[1];
        id[0] = vertx.setPeriodic(5, t -> {
            if (condition.getAsBoolean()) {
                // its own id: id[0] may not be stored yet when a preempted caller is slow
                vertx.cancelTimer(t);
                p.tryComplete();
            }
        });
        try {
            p.future().toCompletionStage().toCompletableFuture().get(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            vertx.cancelTimer(id[0]);
            dumpThreads();
            throw new AssertionError("never happened: " + what + " (exchange at " + exchange.now() + ", clock at "
                    + clock.instant() + ")", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** A hung run is worth a thread dump in the test output. */
    private static void dumpThreads() {
        StringBuilder sb = new StringBuilder("thread dump of a hung end-to-end run:\n");
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean()
                .dumpAllThreads(false, false)) {
            sb.append(t.toString());
        }
        System.out.println(sb);
    }

    /** Blocks until the asynchronous condition answers true (asked again 5 real ms after each answer). */
    void untilAsync(String what, java.util.function.Supplier<Future<Boolean>> condition) {
        Promise<Void> p = Promise.promise();
        askAgain(condition, p);
        try {
            p.future().toCompletionStage().toCompletableFuture().get(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            p.tryFail("timed out");
            dumpThreads();
            throw new AssertionError("never happened: " + what + " (exchange at " + exchange.now() + ")", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private void askAgain(java.util.function.Supplier<Future<Boolean>> condition, Promise<Void> p) {
        if (p.future().isComplete()) {
            return;
        }
        condition.get().onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
                p.tryComplete();
            } else {
                vertx.setTimer(5, id -> askAgain(condition, p));
            }
        });
    }

    /** True once the exchange's clock reached the start of window {@code index}. */
    boolean reached(Instant t) {
        return !exchange.now().isBefore(t);
    }

    /**
     * Ends the run's trading so memory and DB can be compared exactly: the kill switch (no new trades), then one
     * whole trader tick that began after it (a tick in flight may still have opened a trade), then every open trade
     * settled. From then on nothing changes the portfolio; returns its snapshot.
     */
    PortfolioSnapshot quiesce() {
        // refused when the breaker already stopped trading: just as good
        await(vertx.eventBus().request(Addresses.PORTFOLIO_STOP, new PortfolioCommand.StopTrading("e2e", "end of run"))
                .otherwiseEmpty());
        Instant stoppedAt = clock.instant();
        until("a whole trader tick after the kill switch", () -> {
            Instant tick = observer.lastTick();
            return tick != null && tick.isAfter(stoppedAt);
        });
        untilAsync("every open trade settled", () -> openTradesAsync().map(List::isEmpty));
        return snapshot();
    }

    PortfolioSnapshot snapshot() {
        return await(sim.snapshot());
    }

    List<Trade> openTrades() {
        return await(openTradesAsync());
    }

    private Future<List<Trade>> openTradesAsync() {
        return vertx.eventBus().request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetOpenTrades())
                .map(m -> ((PortfolioCommand.OpenTrades) m.body()).trades());
    }

    /** The ledger as stored, read through a fresh connection (the bot must be stopped). */
    StoredState readDb() {
        return await(SqliteRepository.openExisting(vertx, dbPath())
                .compose(repo -> repo.load().eventually(repo::close)));
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + SAFETY_NET_SECONDS + " s", e);
        }
    }

    /** Stops bot and exchange. */
    @Override
    public void close() {
        try {
            if (botRunning) {
                await(sim.stop(0));
            } else if (exchangeRunning) {
                await(exchange.stop());
            }
        } finally {
            observer.close();
        }
    }
}
