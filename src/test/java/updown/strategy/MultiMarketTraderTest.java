package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.Direction;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.MarketKey;
import updown.domain.MarketStatus;
import updown.domain.MarketsView;
import updown.domain.Price;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.engine.PaperEngine;
import updown.portfolio.PortfolioVerticle;
import updown.repository.InMemoryRepository;
import updown.testkit.Await;
import updown.testkit.TestConfig;
import updown.testkit.Trades;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("One trader tick decides every market: own settings, own feed freshness, one risk budget")
class MultiMarketTraderTest {
    private static final Instant WINDOW = Instant.parse("2026-11-25T03:00:00Z");
    private static final MarketKey BTC = new MarketKey("BTC", 5);
    private static final MarketKey ETH = new MarketKey("ETH", 5);

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private VirtualClock clock;
    private InMemoryRepository repository;
    private final Map<MarketKey, Market> markets = new HashMap<>();

    private void start(Vertx vertx, Map<String, String> settings) {
        this.vertx = vertx;
        LocalRecordCodec.register(vertx.eventBus());
        clock = new VirtualClock(WINDOW.plusSeconds(60));
        repository = new InMemoryRepository();
        Map<String, String> all = new HashMap<>(settings);
        all.put("MARKETS", "btc-5m,eth-5m");
        BotConfig config = TestConfig.inDataDir(dataDir.resolve("data"), all);
        Await.result(vertx.deployVerticle(new PortfolioVerticle(config, clock, repository,
                PortfolioVerticle.Admission.STRICT)));
        Await.result(vertx.deployVerticle(new TraderVerticle(config, clock, PaperEngine.fromConfig(config),
                Decider.fromConfig(config), TraderVerticle.Ticking.ON_CALL)));
        for (MarketKey key : List.of(BTC, ETH)) {
            Market m = Trades.market(key, WINDOW);
            markets.put(key, m);
            publish(new MarketEvent.MarketDiscovered(m, clock.instant()));
            booksLeaningUp(m);
            risingCandles(key.asset());
        }
    }

    private void publish(MarketEvent e) {
        vertx.eventBus().publish(Addresses.MARKET_EVENTS, e);
    }

    private TraderTicked tick() {
        return (TraderTicked) Await.result(vertx.eventBus().request(Addresses.TRADER_TICK, "tick")).body();
    }

    private List<Trade> storedTrades() {
        return Await.result(repository.load()).trades();
    }

    private String decision(MarketKey key) {
        MarketsView v = (MarketsView) Await.result(vertx.eventBus().request(Addresses.TRADER_MARKETS, "q")).body();
        return v.markets().stream().filter(s -> s.slug().equals(markets.get(key).slug())).findFirst()
                .map(MarketStatus::lastDecision).orElseThrow();
    }

    /** 20 closed one-minute candles of one asset rising steadily, the last one just closed. */
    private void risingCandles(String asset) {
        Instant now = clock.instant();
        for (int i = 20; i >= 1; i--) {
            Instant open = now.minus(Duration.ofMinutes(i));
            long close = 100_000_000_000L + (20 - i) * 10_000_000L;
            publish(new MarketEvent.CandleUpdated(asset, new Candle(open, close, close, close, close, 1, true), now));
        }
    }

    private void booksLeaningUp(Market m) {
        Instant now = clock.instant();
        publish(new MarketEvent.BookSnapshot(m.upTokenId(), List.of(Level.of("0.48", "500")),
                List.of(Level.of("0.52", "100")), Price.of("0.01"), "h1", now));
        publish(new MarketEvent.BookSnapshot(m.downTokenId(), List.of(Level.of("0.47", "100")),
                List.of(Level.of("0.53", "500")), Price.of("0.01"), "h2", now));
    }

    @Test
    @DisplayName("both markets with a signal: one tick opens one trade in each, each carrying its market key")
    void oneTickTradesEveryMarket(Vertx vertx) {
        start(vertx, Map.of());
        assertThat(tick().tradesOpened()).isEqualTo(2);
        assertThat(storedTrades()).extracting(Trade::marketKey).containsExactlyInAnyOrder(BTC, ETH);
        assertThat(storedTrades()).extracting(Trade::side).containsOnly(Direction.BUY_UP);
    }

    @Test
    @DisplayName("a stale ETH feed stops ETH only: BTC trades on, ETH trades once its feed is fresh again")
    void staleEthStopsEthOnly(Vertx vertx) {
        start(vertx, Map.of());
        publish(new MarketEvent.FeedHealth("binance:ETH", true, "no update for 30000 ms", clock.instant()));
        TraderTicked ticked = tick();
        assertThat(ticked.tradesOpened()).isEqualTo(1);
        assertThat(ticked.candlesFresh()).as("BTC still trades: the feed as a whole is healthy").isTrue();
        assertThat(storedTrades()).extracting(Trade::marketKey).containsExactly(BTC);
        assertThat(decision(ETH)).startsWith("skip:");
        assertThat(decision(BTC)).startsWith("traded BUY_UP");

        publish(new MarketEvent.FeedHealth("binance:ETH", false, "updates resumed", clock.instant()));
        risingCandles("ETH");
        assertThat(tick().tradesOpened()).isEqualTo(1);
        assertThat(storedTrades()).extracting(Trade::marketKey).containsExactlyInAnyOrder(BTC, ETH);
    }

    @Test
    @DisplayName("the whole Binance feed stale stops every market")
    void wholeFeedStaleStopsAll(Vertx vertx) {
        start(vertx, Map.of());
        publish(new MarketEvent.FeedHealth("binance", true, "socket down", clock.instant()));
        TraderTicked ticked = tick();
        assertThat(ticked.tradesOpened()).isZero();
        assertThat(ticked.candlesFresh()).isFalse();
    }

    @Test
    @DisplayName("ETH_5M_MAX_ENTRY_PRICE below the ask skips ETH alone; BTC keeps the global 0.70")
    void perMarketOverride(Vertx vertx) {
        start(vertx, Map.of("ETH_5M_MAX_ENTRY_PRICE", "0.40"));
        assertThat(tick().tradesOpened()).isEqualTo(1);
        assertThat(storedTrades()).extracting(Trade::marketKey).containsExactly(BTC);
        assertThat(decision(ETH)).startsWith("skip:");
    }

    @Test
    @DisplayName("MAX_TOTAL_EXPOSURE: with room for one $10 bet (+fee) only the first market trades")
    void totalCap(Vertx vertx) {
        start(vertx, Map.of("MAX_TOTAL_EXPOSURE", "15"));
        assertThat(tick().tradesOpened()).isEqualTo(1);
        assertThat(storedTrades()).hasSize(1);
        MarketKey skipped = storedTrades().get(0).marketKey().equals(BTC) ? ETH : BTC;
        assertThat(decision(skipped)).contains("would exceed MAX_TOTAL_EXPOSURE 15");
    }

    @Test
    @DisplayName("MAX_MARKET_EXPOSURE: an open BTC position from the last window blocks BTC, ETH still trades")
    void marketCap(Vertx vertx) {
        start(vertx, Map.of("MAX_MARKET_EXPOSURE", "15"));
        Market previous = Trades.market(BTC, WINDOW.minusSeconds(300));
        Trade held = Trades.directional(previous, Direction.BUY_UP, "0.50", "10", "0.10", clock.instant());
        Await.result(vertx.eventBus().request(Addresses.PORTFOLIO_OPEN_TRADE,
                new updown.domain.PortfolioCommand.OpenTrade(held)));
        assertThat(tick().tradesOpened()).isEqualTo(1);
        assertThat(storedTrades()).extracting(Trade::marketKey).containsExactly(BTC, ETH);
        assertThat(decision(BTC)).contains("btc-5m exposure").contains("MAX_MARKET_EXPOSURE 15");
    }
}
