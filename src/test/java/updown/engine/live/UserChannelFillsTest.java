package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static updown.engine.live.LiveKit.DOWN;
import static updown.engine.live.LiveKit.UP;
import static updown.engine.live.LiveKit.book;
import static updown.engine.live.LiveKit.buyUp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Level;
import updown.domain.PortfolioCommand;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.engine.Order;
import updown.portfolio.PortfolioVerticle;
import updown.repository.InMemoryRepository;
import updown.repository.StoredState;
import updown.testkit.Await;
import updown.testkit.FakeClobTrading;
import updown.testkit.Fixtures;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("Live fills are provisional until the user channel confirms them; a FAILED one is reversed")
class UserChannelFillsTest {
    private VirtualClock clock;
    private FakeClobTrading fake;
    private LiveEngine engine;
    private BotConfig config;
    private InMemoryRepository repository;
    private LiveUserChannelVerticle channel;

    @BeforeEach
    void start(Vertx vertx) {
        LocalRecordCodec.register(vertx.eventBus());
        clock = LiveKit.clock();
        fake = Await.result(LiveKit.fake(vertx, clock));
        fake.asks(UP, Level.of("0.50", "100"));
        fake.asks(DOWN, Level.of("0.45", "100"));
        config = LiveKit.config(fake, Map.of("CLOB_WS_URL", fake.wsMarketUrl(), "INITIAL_BALANCE", "1000"));
        engine = Await.result(LiveEngine.create(vertx, config, clock));
        repository = new InMemoryRepository();
        Await.result(vertx.deployVerticle(new PortfolioVerticle(config, clock, repository,
                PortfolioVerticle.Admission.EVERY_FILL)));
    }

    @AfterEach
    void stop() {
        engine.close();
        Await.result(fake.stop());
    }

    /** A real fill on the fake, booked by the portfolio as the trader would. */
    private Trade fillAndBook(Vertx vertx) {
        Order order = buyUp("10", "0.55", book(UP, Level.of("0.50", "100")));
        Execution ex = Await.result(engine.execute(order));
        assertThat(ex).isInstanceOf(Execution.Filled.class);
        Trade trade = Trade.open(order.market(), ((Execution.Filled) ex).fill(), order.signal(), clock.instant());
        return (Trade) Await.result(vertx.eventBus().request(Addresses.PORTFOLIO_OPEN_TRADE,
                new PortfolioCommand.OpenTrade(trade))).body();
    }

    private void connect(Vertx vertx) {
        channel = new LiveUserChannelVerticle(engine, config, clock, new Random(1));
        Await.result(vertx.deployVerticle(channel));
        Await.result(Await.until(vertx, () -> fake.userSubscribers() == 1));
        Await.result(channel.lastReconcile());
    }

    private StoredState stored() {
        return Await.result(repository.load());
    }

    @Test
    @DisplayName("MATCHED → MINED moves the state only; FAILED (pushed twice) reverses the trade once, cash back")
    void failedOnTheChannel(Vertx vertx) {
        Trade booked = fillAndBook(vertx);
        Usd walletBefore = fake.balance();
        connect(vertx);
        String tradeId = fake.trades().get(0).getString("id");
        assertThat(channel.stateOf(tradeId)).contains("MATCHED"); // from the re-read at connect

        fake.tradeStatus(tradeId, "MINED", true);
        Await.result(Await.until(vertx, () -> channel.stateOf(tradeId).equals(Optional.of("MINED"))));
        assertThat(stored().trades().get(0).status()).isEqualTo(TradeStatus.OPEN);

        fake.tradeStatus(tradeId, "FAILED", true).tradeStatus(tradeId, "FAILED", true);
        Await.result(Await.until(vertx, () -> stored().trades().get(0).status() == TradeStatus.REVERSED));

        StoredState s = stored();
        assertThat(s.ledger()).extracting(LedgerEntry::kind).containsExactly(LedgerKind.INITIAL_DEPOSIT,
                LedgerKind.TRADE_DEBIT, LedgerKind.TRADE_REVERSAL);
        assertThat(s.ledger().get(2).amount()).isEqualTo(booked.totalCost());
        assertThat(s.ledger().stream().map(LedgerEntry::amount).reduce(Usd.ZERO, Usd::plus)).isEqualTo(Usd.of("1000"));
        assertThat(fake.balance()).isEqualTo(walletBefore.plus(booked.totalCost())); // the venue gave it back too
        assertThat(fake.problems()).isEmpty();
    }

    @Test
    @DisplayName("a CONFIRMED trade stays booked, and a later FAILED for it is ignored (final states never change)")
    void confirmedIsFinal(Vertx vertx) {
        fillAndBook(vertx);
        connect(vertx);
        String tradeId = fake.trades().get(0).getString("id");
        fake.tradeStatus(tradeId, "CONFIRMED", true);
        Await.result(Await.until(vertx, () -> channel.stateOf(tradeId).equals(Optional.of("CONFIRMED"))));
        assertThat(stored().trades().get(0).status()).isEqualTo(TradeStatus.OPEN);

        FillConfirmations c = new FillConfirmations();
        UserTrade t = new UserTrade("t1", UserTrade.State.CONFIRMED, "0xorder", List.of());
        assertThat(c.observe(t)).isEmpty();
        assertThat(c.observe(new UserTrade("t1", UserTrade.State.FAILED, "0xorder", List.of()))).isEmpty();
        assertThat(c.state("t1")).contains(UserTrade.State.CONFIRMED);
        assertThat(c.observe(new UserTrade("t2", UserTrade.State.RETRYING, "0xo2", List.of()))).isEmpty();
        assertThat(c.provisional()).isEqualTo(1);
        assertThat(c.observe(new UserTrade("t2", UserTrade.State.FAILED, "0xo2", List.of()))).isPresent();
    }

    @Test
    @DisplayName("after a restart the re-read reverses a fill that FAILED while away, and cancels a resting order")
    void reconcileAfterRestart(Vertx vertx) {
        Trade booked = fillAndBook(vertx);
        String tradeId = fake.trades().get(0).getString("id");
        fake.tradeStatus(tradeId, "FAILED", false); // nobody listening: the channel missed it
        fake.restingOrder("0xresting");
        connect(vertx);

        StoredState s = stored();
        assertThat(s.trades().get(0).status()).isEqualTo(TradeStatus.REVERSED);
        assertThat(s.ledger().get(s.ledger().size() - 1)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(LedgerKind.TRADE_REVERSAL);
            assertThat(e.amount()).isEqualTo(booked.totalCost());
        });
        assertThat(fake.hits("DELETE /order")).isEqualTo(1);
        assertThat(fake.hits("GET /data/orders")).isEqualTo(1);
    }

    @Test
    @DisplayName("the docs' trade event reads as id, status and orders; PONG and order events give no trade")
    void wire() {
        List<UserTrade> trades = UserChannel.trades(Fixtures.fixture("clob-ws/user-trade-doc-example.json"));
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e");
            assertThat(t.state()).isEqualTo(UserTrade.State.MATCHED);
            assertThat(t.takerOrderId()).isEqualTo(
                    "0x06bc63e346ed4ceddce9efd6b3af37c8f8f440c92fe7da6b2d0f9e4ccbc50c42");
            assertThat(t.makerOrderIds()).containsExactly(
                    "0xff354cd7ca7539dfa9c28d90943ab5779a4eac34b9b37a757d7b32bdfb11790b");
        });
        assertThat(UserChannel.trades("PONG")).isEmpty();
        assertThat(UserChannel.trades("[{\"event_type\":\"order\",\"id\":\"0x1\"}]")).isEmpty();
        assertThatThrownBy(() -> UserChannel.trades("<html>")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UserChannel.urlBeside(URI.create("wss://ws-subscriptions-clob.polymarket.com/ws/market")))
                .hasToString("wss://ws-subscriptions-clob.polymarket.com/ws/user");
        assertThat(UserChannel.subscription(LiveKit.creds())).contains("\"type\":\"user\"", "\"markets\":[]",
                "\"apiKey\"", "\"passphrase\"");
    }
}
