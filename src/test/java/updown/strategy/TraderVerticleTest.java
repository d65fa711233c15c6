package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.Direction;
import updown.domain.Kst;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketCommand;
import updown.domain.MarketEvent;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.Price;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.domain.Usd;
import updown.engine.PaperEngine;
import updown.portfolio.PortfolioVerticle;
import updown.repository.InMemoryRepository;
import updown.repository.LedgerInvariant;
import updown.testkit.Await;
import updown.testkit.BusRecorder;
import updown.testkit.TestConfig;
import updown.testkit.Trades;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("Trader tick: settle, respect the breaker, decide on fresh data only, record, announce")
class TraderVerticleTest {
    private static final Instant WINDOW = Instant.parse("2026-11-25T03:00:00Z");
    private Vertx vertx;
    private VirtualClock clock;
    private InMemoryRepository repository;
    private BotConfig config;
    private Market market;
    private String traderDeployment;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        LocalRecordCodec.register(vertx.eventBus());
        clock = new VirtualClock(WINDOW.plusSeconds(60));
        repository = new InMemoryRepository();
        config = TestConfig.inDataDir(dataDir.resolve("data"), Map.of());
        market = Trades.market(WINDOW);
        Await.result(vertx.deployVerticle(new PortfolioVerticle(config, clock, repository,
                PortfolioVerticle.Admission.STRICT)));
        deployTrader();
    }

    private void deployTrader() {
        traderDeployment = Await.result(vertx.deployVerticle(new TraderVerticle(config, clock,
                PaperEngine.fromConfig(config), Decider.fromConfig(config), TraderVerticle.Ticking.ON_CALL)));
    }

    private void publish(MarketEvent e) {
        vertx.eventBus().publish(Addresses.MARKET_EVENTS, e);
    }

    private TraderTicked tick() {
        return (TraderTicked) Await.result(vertx.eventBus().request(Addresses.TRADER_TICK, "tick")).body();
    }

    private PortfolioSnapshot snapshot() {
        return (PortfolioSnapshot) Await.result(vertx.eventBus().request(Addresses.PORTFOLIO_QUERY,
                new PortfolioCommand.GetSnapshot())).body();
    }

    private List<Trade> storedTrades() {
        return Await.result(repository.load()).trades();
    }

    /** 20 closed one-minute candles rising steadily, the last one just closed. */
    private void risingCandles() {
        Instant now = clock.instant();
        for (int i = 20; i >= 1; i--) {
            Instant open = now.minus(Duration.ofMinutes(i));
            long close = 100_000_000_000L + (20 - i) * 10_000_000L;
            publish(new MarketEvent.CandleUpdated(new Candle(open, close, close, close, close, 1, true), now));
        }
    }

    /** Books leaning to Up: heavy Up bids and Down asks, Up ask 0.52. */
    private void booksLeaningUp() {
        Instant now = clock.instant();
        publish(new MarketEvent.BookSnapshot(market.upTokenId(), List.of(Level.of("0.48", "500")),
                List.of(Level.of("0.52", "100")), Price.of("0.01"), "h1", now));
        publish(new MarketEvent.BookSnapshot(market.downTokenId(), List.of(Level.of("0.47", "100")),
                List.of(Level.of("0.53", "500")), Price.of("0.01"), "h2", now));
    }

    private void liveMarketWithSignal() {
        publish(new MarketEvent.MarketDiscovered(market, clock.instant()));
        booksLeaningUp();
        risingCandles();
    }

    @Test
    @DisplayName("fresh books and candles that agree produce one BUY_UP trade, recorded and announced with its sources")
    void tradesWhenStrategiesAgree() {
        BusRecorder<PortfolioEvent.TradeExecuted> executed = BusRecorder.on(vertx, Addresses.TRADE_EXECUTED);
        liveMarketWithSignal();
        TraderTicked ticked = tick();
        assertThat(ticked.tradesOpened()).isEqualTo(1);
        Trade t = executed.awaitFirst().trade();
        assertThat(t.side()).isEqualTo(Direction.BUY_UP);
        assertThat(t.price()).isEqualTo(Price.of("0.52"));
        assertThat(t.amount()).isEqualTo(Usd.of("10"));
        assertThat(t.sources()).containsExactlyInAnyOrder("Directional", "OrderbookImbalance");
        assertThat(storedTrades()).containsExactly(t);
        LedgerInvariant.assertHolds(Await.result(repository.load()));
    }

    @Test
    @DisplayName("at most one position per market: a second tick on the same window trades nothing")
    void onePositionPerMarket() {
        liveMarketWithSignal();
        assertThat(tick().tradesOpened()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        booksLeaningUp();
        assertThat(tick().tradesOpened()).isZero();
        assertThat(storedTrades()).hasSize(1);
    }

    @Test
    @DisplayName("a book the watchdog marked stale is never traded on")
    void noTradeOnStaleBook() {
        liveMarketWithSignal();
        publish(new MarketEvent.BookHealth(market.downTokenId(), true, "socket silent", clock.instant()));
        TraderTicked ticked = tick();
        assertThat(ticked.tradesOpened()).isZero();
        assertThat(ticked.staleBooks()).isEqualTo(1);
        assertThat(storedTrades()).isEmpty();
        publish(new MarketEvent.BookHealth(market.downTokenId(), false, "resynced", clock.instant()));
        assertThat(tick().tradesOpened()).isEqualTo(1);
    }

    @Test
    @DisplayName("candles older than PRICE_STALE_MS are withheld, so the directional vote is missing and nothing trades")
    void staleCandlesMeanNoDirectionalTrade() {
        liveMarketWithSignal();
        clock.advance(Duration.ofMillis(config.market().priceStaleMs() + 1));
        booksLeaningUp();
        TraderTicked ticked = tick();
        assertThat(ticked.candlesFresh()).isFalse();
        assertThat(ticked.tradesOpened()).isZero();
    }

    @Test
    @DisplayName("Up ask + Down ask below $1 after fees and margin opens an arbitrage carrying the Down fill price")
    void arbitrage() {
        publish(new MarketEvent.MarketDiscovered(market, clock.instant()));
        publish(new MarketEvent.BookSnapshot(market.upTokenId(), List.of(Level.of("0.40", "100")),
                List.of(Level.of("0.45", "100")), Price.of("0.01"), "a", clock.instant()));
        publish(new MarketEvent.BookSnapshot(market.downTokenId(), List.of(Level.of("0.40", "100")),
                List.of(Level.of("0.45", "100")), Price.of("0.01"), "b", clock.instant()));
        assertThat(tick().tradesOpened()).isEqualTo(1);
        Trade t = storedTrades().get(0);
        assertThat(t.side()).isEqualTo(Direction.ARB);
        assertThat(t.altPrice()).isEqualTo(Price.of("0.45"));
        assertThat(t.altShares()).isNotNull();
        assertThat(t.sources()).containsExactly("Arbitrage");
    }

    @Test
    @DisplayName("a stopped bot opens no trades but still settles resolved markets")
    void stoppedBotSettlesButDoesNotTrade() {
        liveMarketWithSignal();
        tick();
        Await.result(vertx.eventBus().request(Addresses.PORTFOLIO_STOP, new PortfolioCommand.StopTrading("t", null)));
        Market next = Trades.market(WINDOW.plusSeconds(300));
        clock.advanceTo(WINDOW.plusSeconds(420));
        publish(new MarketEvent.MarketDiscovered(next, clock.instant()));
        publish(new MarketEvent.MarketResolved(market.id(), market.slug(), Resolution.UP, "test", clock.instant()));
        TraderTicked ticked = tick();
        assertThat(ticked.tradesOpened()).isZero();
        assertThat(storedTrades()).singleElement().satisfies(t -> assertThat(t.isOpen()).isFalse());
        assertThat(snapshot().balance()).isGreaterThan(Usd.of("1000"));
    }

    @Test
    @DisplayName("a resolution received between ticks is settled on the next tick, exactly once")
    void settlesOnNextTick() {
        liveMarketWithSignal();
        tick();
        clock.advanceTo(WINDOW.plusSeconds(400));
        publish(new MarketEvent.MarketResolved(market.id(), market.slug(), Resolution.DOWN, "gamma", clock.instant()));
        publish(new MarketEvent.MarketResolved(market.id(), market.slug(), Resolution.DOWN, "clob", clock.instant()));
        tick();
        Trade settled = storedTrades().get(0);
        assertThat(settled.outcome()).isEqualTo(Resolution.DOWN);
        assertThat(settled.payout()).isEqualTo(Usd.ZERO);
        assertThat(snapshot().losses()).isEqualTo(1);
        LedgerInvariant.assertHolds(Await.result(repository.load()));
    }

    @Test
    @DisplayName("every tick writes the health file, creating the data directory if missing")
    void writesHealthFile() throws Exception {
        tick();
        Path health = config.storage().healthFile();
        assertThat(Files.readString(health).strip()).isEqualTo(clock.instant().toString());
    }

    @Test
    @DisplayName("the first tick after 00:00 KST closes the previous day once")
    void closesDayOnce() {
        BusRecorder<PortfolioEvent.DayClosed> closed = BusRecorder.on(vertx, Addresses.PORTFOLIO_DAY_CLOSED);
        tick();
        Instant midnight = Kst.nextMidnight(clock.instant());
        clock.advanceTo(midnight.plusSeconds(3));
        tick();
        clock.advance(Duration.ofSeconds(5));
        tick();
        assertThat(closed.awaitFirst().day()).isEqualTo(Kst.dayOf(WINDOW));
        List<?> days = ((PortfolioCommand.DailySnapshots) Await.result(vertx.eventBus().request(
                Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetDailySnapshots())).body()).days();
        assertThat(days).hasSize(1);
    }

    @Test
    @DisplayName("seed bug 3: after a restart the first tick asks market data to look up the markets of open trades")
    void looksUpOpenTradeMarketsAfterRestart() {
        liveMarketWithSignal();
        tick();
        BusRecorder<MarketCommand.LookupMarkets> lookups = BusRecorder.on(vertx, Addresses.MARKET_LOOKUP);
        Await.result(vertx.undeploy(traderDeployment));
        deployTrader();
        Await.result(vertx.eventBus().request(Addresses.PORTFOLIO_STOP, new PortfolioCommand.StopTrading("t", null)));
        tick(); // even a stopped bot looks them up: it must still settle them
        assertThat(lookups.awaitFirst().slugs()).containsExactly(market.slug());
    }

    @Test
    @DisplayName("ticks never overlap: a tick requested while one runs is refused, not queued")
    void ticksDoNotOverlap() {
        liveMarketWithSignal();
        var first = vertx.eventBus().request(Addresses.TRADER_TICK, "tick");
        var second = vertx.eventBus().request(Addresses.TRADER_TICK, "tick");
        Await.result(first);
        assertThat(Await.failure(second)).hasMessageContaining("already running");
        assertThat(storedTrades()).hasSize(1);
    }

    @Test
    @DisplayName("the dashboard view lists the live market with best prices and freshness")
    void marketsView() {
        liveMarketWithSignal();
        tick();
        updown.domain.MarketsView view = (updown.domain.MarketsView) Await.result(
                vertx.eventBus().request(Addresses.TRADER_MARKETS, "q")).body();
        assertThat(view.markets()).singleElement().satisfies(m -> {
            assertThat(m.upAsk()).isEqualTo(Price.of("0.52"));
            assertThat(m.upStale()).isFalse();
            assertThat(m.lastDecision()).startsWith("traded BUY_UP");
        });
        assertThat(view.candlesFresh()).isTrue();
    }

    @Test
    @DisplayName("a window that ends while the tick is under way is not traded: the decision uses the time it is made")
    void windowEndingDuringTheTickIsNotTraded() {
        liveMarketWithSignal();
        // the steps before trading (health file, settlements, portfolio queries) take until the window closes
        io.vertx.core.Handler<io.vertx.core.eventbus.DeliveryContext<Object>> slowSteps = dc -> {
            if (dc.message().body() instanceof PortfolioCommand.GetOpenTrades) {
                clock.advanceTo(market.windowEnd());
            }
            dc.next();
        };
        vertx.eventBus().addOutboundInterceptor(slowSteps);
        try {
            TraderTicked ticked = tick();
            assertThat(ticked.tradesOpened()).isZero();
            assertThat(storedTrades()).isEmpty();
            updown.domain.MarketsView view = (updown.domain.MarketsView) Await.result(
                    vertx.eventBus().request(Addresses.TRADER_MARKETS, "q")).body();
            assertThat(view.markets()).singleElement()
                    .satisfies(m -> assertThat(m.lastDecision()).contains("window ended"));
        } finally {
            vertx.eventBus().removeOutboundInterceptor(slowSteps);
        }
    }

    /** Runs one tick during which the steps before trading move the clock on by {@code during}. */
    private TraderTicked tickTaking(Duration during) {
        io.vertx.core.Handler<io.vertx.core.eventbus.DeliveryContext<Object>> slowSteps = dc -> {
            if (dc.message().body() instanceof PortfolioCommand.GetOpenTrades) {
                clock.advanceTo(clock.instant().plus(during));
            }
            dc.next();
        };
        vertx.eventBus().addOutboundInterceptor(slowSteps);
        try {
            return tick();
        } finally {
            vertx.eventBus().removeOutboundInterceptor(slowSteps);
        }
    }

    private String lastDecision() {
        updown.domain.MarketsView view = (updown.domain.MarketsView) Await.result(
                vertx.eventBus().request(Addresses.TRADER_MARKETS, "q")).body();
        return view.markets().get(0).lastDecision();
    }

    @Test
    @DisplayName("the decision is made on the picture as of the tick's instant, the one the tape marks, not a later one")
    void decidesAsOfTheTickInstant() {
        liveMarketWithSignal();
        // 25 s on, the candles are still fresh (PRICE_STALE_MS 30 s); 10 s more inside the tick and they would not be
        clock.advanceTo(clock.instant().plusSeconds(25));
        TraderTicked ticked = tickTaking(Duration.ofSeconds(10));
        assertThat(ticked.tradesOpened()).isEqualTo(1);
        assertThat(storedTrades()).singleElement().satisfies(t -> assertThat(t.sources()).contains("Directional"));
    }

    @Test
    @DisplayName("a tick that has run longer than BOOK_STALE_MS trades nothing: what it saw is stale by then")
    void tickOverrunningTheStalenessLimitDoesNotTrade() {
        liveMarketWithSignal();
        TraderTicked ticked = tickTaking(Duration.ofMillis(config.market().bookStaleMs() + 1));
        assertThat(ticked.tradesOpened()).isZero();
        assertThat(storedTrades()).isEmpty();
        assertThat(lastDecision()).contains("its data is stale");
    }

    @Test
    @DisplayName("a stale verdict that arrives while the tick runs counts at once: that tick does not trade the book")
    void staleVerdictDuringTheTickCountsAtOnce() {
        liveMarketWithSignal();
        io.vertx.core.Handler<io.vertx.core.eventbus.DeliveryContext<Object>> watchdogFires = dc -> {
            if (dc.message().body() instanceof PortfolioCommand.GetOpenTrades) {
                publish(new MarketEvent.BookHealth(market.upTokenId(), true, "no book update for 31000 ms",
                        clock.instant()));
            }
            dc.next();
        };
        vertx.eventBus().addOutboundInterceptor(watchdogFires);
        TraderTicked ticked;
        try {
            ticked = tick();
        } finally {
            vertx.eventBus().removeOutboundInterceptor(watchdogFires);
        }
        assertThat(ticked.tradesOpened()).isZero();
        assertThat(storedTrades()).isEmpty();
        assertThat(lastDecision()).contains("stale");
        // and it stays stale after the tick, when the held events are folded in their order
        assertThat(tick().tradesOpened()).isZero();
    }
}
