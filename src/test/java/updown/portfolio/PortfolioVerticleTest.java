package updown.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.bus.Replies;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.LedgerKind;
import updown.domain.Market;
import updown.domain.MarketEvent.MarketResolved;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.Resolution;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.repository.InMemoryRepository;
import updown.repository.LedgerInvariant;
import updown.repository.StoredState;
import updown.testkit.Await;
import updown.testkit.BusRecorder;
import updown.testkit.TestConfig;
import updown.testkit.Trades;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("Portfolio verticle: single writer, stored before announced, rebuilt from the ledger")
class PortfolioVerticleTest {
    private static final Instant T0 = Trades.T0;
    private final BotConfig config = TestConfig.with(Map.of("MAX_DAILY_LOSS", "30"));
    private Vertx vertx;
    private VirtualClock clock;
    private InMemoryRepository repository;
    private String deployment;
    private PortfolioVerticle portfolio;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        LocalRecordCodec.register(vertx.eventBus());
        clock = new VirtualClock(T0);
        repository = new InMemoryRepository();
        deploy();
    }

    @AfterEach
    void invariant() {
        LedgerInvariant.assertHolds(Await.result(repository.load()));
    }

    private void deploy() {
        portfolio = new PortfolioVerticle(config, clock, repository, PortfolioVerticle.Admission.STRICT);
        deployment = Await.result(vertx.deployVerticle(portfolio));
    }

    /** Undeploy, then deploy a new verticle on a new handle to the same stored data: a restart. */
    private void restart() {
        Await.result(vertx.undeploy(deployment));
        repository = repository.reopened();
        deploy();
    }

    private <T> T ask(String address, Object body) {
        @SuppressWarnings("unchecked")
        T reply = (T) Await.result(vertx.eventBus().request(address, body)).body();
        return reply;
    }

    private ResultCode refused(String address, Object body) {
        return Replies.codeOf(Await.failure(vertx.eventBus().request(address, body)));
    }

    private PortfolioSnapshot snapshot() {
        return ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot());
    }

    private Trade open(Trade t) {
        return ask(Addresses.PORTFOLIO_OPEN_TRADE, new PortfolioCommand.OpenTrade(t));
    }

    private List<Trade> settle(Market m, Resolution winner) {
        PortfolioCommand.SettledTrades r = ask(Addresses.PORTFOLIO_SETTLE, new PortfolioCommand.SettleMarket(
                new MarketResolved(m.id(), m.slug(), winner, "test", clock.instant())));
        return r.trades();
    }

    @Test
    @DisplayName("reads(): on its event loop the snapshot and open trades come at once, as the bus answers them; "
            + "from another thread over the bus")
    void directReads() {
        Trade stored = open(Trades.directional(Trades.market(T0), Direction.BUY_UP, "0.50", "10", "0.35", T0));
        PortfolioReads reads = portfolio.reads();
        PortfolioSnapshot overBus = snapshot();
        PortfolioCommand.OpenTrades openOverBus = ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetOpenTrades());

        List<Object> onLoop = Await.result(Future.future(p -> portfolio.runsOn().runOnContext(v -> {
            Future<PortfolioSnapshot> snap = reads.snapshot();
            Future<List<Trade>> open = reads.openTrades();
            // completed before anything else ran on the loop: no message went out
            p.complete(List.of(snap.isComplete(), open.isComplete(), snap.result(), open.result()));
        })));
        assertThat(onLoop).containsExactly(true, true, overBus, openOverBus.trades());
        assertThat(openOverBus.trades()).containsExactly(stored);

        assertThat(Await.result(reads.snapshot())).isEqualTo(overBus);
        assertThat(Await.result(reads.openTrades())).containsExactly(stored);
    }

    @Test
    @DisplayName("a fresh ledger is funded once with INITIAL_BALANCE, and a restart does not fund it again")
    void initialDepositOnce() {
        assertThat(snapshot().balance()).isEqualTo(Usd.of("1000"));
        restart();
        assertThat(snapshot().balance()).isEqualTo(Usd.of("1000"));
        StoredState stored = Await.result(repository.load());
        assertThat(stored.ledger()).filteredOn(e -> e.kind() == LedgerKind.INITIAL_DEPOSIT).hasSize(1);
    }

    @Test
    @DisplayName("an opened trade is stored with an id, debited, then announced with the new snapshot")
    void openTrade() {
        BusRecorder<PortfolioEvent.TradeExecuted> executed = BusRecorder.on(vertx, Addresses.TRADE_EXECUTED);
        Trade stored = open(Trades.directional(Trades.market(T0), Direction.BUY_UP, "0.50", "10", "0.35", T0));
        assertThat(stored.id()).isPositive();
        PortfolioEvent.TradeExecuted event = executed.awaitFirst();
        assertThat(event.trade()).isEqualTo(stored);
        assertThat(event.snapshot().balance()).isEqualTo(Usd.of("989.65"));
        assertThat(Await.result(repository.load()).trades()).containsExactly(stored);
    }

    @Test
    @DisplayName("GetMarketPnl groups every stored trade by market: record, realised P&L, fees and open cost")
    void pnlByMarket() {
        Market btc = Trades.market(T0);
        Market eth = Trades.market(new updown.domain.MarketKey("ETH", 15), T0);
        open(Trades.directional(btc, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        open(Trades.directional(eth, Direction.BUY_DOWN, "0.40", "10", "0.30", T0));
        open(Trades.directional(Trades.market(new updown.domain.MarketKey("ETH", 15), T0.plusSeconds(900)),
                Direction.BUY_UP, "0.50", "5", "0.10", T0));
        settle(btc, Resolution.UP);
        settle(eth, Resolution.UP);
        PortfolioCommand.MarketPnls r = ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetMarketPnl());
        assertThat(r.markets()).containsExactly(
                new updown.domain.MarketPnl("btc-5m", 1, 0, 1, 0, Usd.of("9.65"), Usd.of("0.35"), Usd.ZERO),
                new updown.domain.MarketPnl("eth-15m", 2, 1, 0, 1, Usd.of("-10.30"), Usd.of("0.40"), Usd.of("5.10")));
    }

    @Test
    @DisplayName("a fill the balance cannot pay is refused with INSUFFICIENT_BALANCE and nothing is stored")
    void insufficientBalance() {
        Trade huge = Trades.directional(Trades.market(T0), Direction.BUY_UP, "0.50", "1000", "0.01", T0);
        assertThat(refused(Addresses.PORTFOLIO_OPEN_TRADE, new PortfolioCommand.OpenTrade(huge)))
                .isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
        assertThat(Await.result(repository.load()).trades()).isEmpty();
        assertThat(snapshot().balance()).isEqualTo(Usd.of("1000"));
    }

    @Test
    @DisplayName("a second position in one market is refused with POSITION_ALREADY_OPEN")
    void onePositionPerMarket() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        Trade again = Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0);
        assertThat(refused(Addresses.PORTFOLIO_OPEN_TRADE, new PortfolioCommand.OpenTrade(again)))
                .isEqualTo(ResultCode.POSITION_ALREADY_OPEN);
    }

    @Test
    @DisplayName("a resolution settles the market's trade once, even when it arrives twice")
    void settlesExactlyOnce() {
        BusRecorder<PortfolioEvent.TradeSettled> settled = BusRecorder.on(vertx, Addresses.TRADE_SETTLED);
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        clock.advance(Duration.ofMinutes(7));
        assertThat(settle(m, Resolution.UP)).hasSize(1);
        assertThat(settle(m, Resolution.UP)).isEmpty();
        PortfolioEvent.TradeSettled event = settled.awaitFirst();
        assertThat(event.trade().payout()).isEqualTo(Usd.of("20"));
        assertThat(event.snapshot().balance()).isEqualTo(Usd.of("1009.65"));
        assertThat(Await.result(repository.load()).ledger())
                .filteredOn(e -> e.kind() == LedgerKind.SETTLEMENT_CREDIT).hasSize(1);
    }

    @Test
    @DisplayName("a resolution that arrives again after a restart does not settle twice")
    void settlesOnceAcrossRestart() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        settle(m, Resolution.DOWN);
        restart();
        assertThat(settle(m, Resolution.DOWN)).isEmpty();
        assertThat(snapshot().balance()).isEqualTo(Usd.of("989.65"));
    }

    @Test
    @DisplayName("an UNKNOWN resolution leaves the trade open and is not counted as a loss")
    void unknownStaysOpen() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        assertThat(settle(m, Resolution.UNKNOWN)).isEmpty();
        PortfolioSnapshot s = snapshot();
        assertThat(s.openPositions()).isEqualTo(1);
        assertThat(s.losses()).isZero();
        assertThat(Await.result(repository.load()).trades()).allMatch(t -> t.status() == TradeStatus.OPEN);
    }

    @Test
    @DisplayName("state after a restart equals state before it, open positions included")
    void restartLosesNothing() {
        Market a = Trades.market(T0);
        Market b = Trades.market(T0.plusSeconds(300));
        open(Trades.directional(a, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        open(Trades.directional(b, Direction.BUY_DOWN, "0.40", "12", "0.40", T0.plusSeconds(300)));
        settle(a, Resolution.UP);
        ask(Addresses.PORTFOLIO_TOPUP, new PortfolioCommand.TopUp(Usd.of("25"), "test"));
        PortfolioSnapshot before = snapshot();
        PortfolioCommand.OpenTrades openBefore = ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetOpenTrades());
        restart();
        assertThat(snapshot()).isEqualTo(before);
        PortfolioCommand.OpenTrades openAfter = ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetOpenTrades());
        assertThat(openAfter.trades()).isEqualTo(openBefore.trades());
    }

    @Test
    @DisplayName("a top-up is a ledger entry and is announced")
    void topUp() {
        BusRecorder<PortfolioEvent.ToppedUp> topped = BusRecorder.on(vertx, Addresses.PORTFOLIO_TOPPED_UP);
        PortfolioSnapshot s = ask(Addresses.PORTFOLIO_TOPUP, new PortfolioCommand.TopUp(Usd.of("100"), "owner"));
        assertThat(s.balance()).isEqualTo(Usd.of("1100"));
        assertThat(topped.awaitFirst().amount()).isEqualTo(Usd.of("100"));
        assertThat(Await.result(repository.load()).ledger()).filteredOn(e -> e.kind() == LedgerKind.TOPUP)
                .singleElement().extracting(e -> e.amount()).isEqualTo(Usd.of("100"));
    }

    @Test
    @DisplayName("a zero or negative top-up is refused as invalid input")
    void badTopUp() {
        assertThat(refused(Addresses.PORTFOLIO_TOPUP, new PortfolioCommand.TopUp(Usd.ZERO, "owner")))
                .isEqualTo(ResultCode.INVALID_INPUT);
        assertThat(refused(Addresses.PORTFOLIO_TOPUP, new PortfolioCommand.TopUp(Usd.of("-5"), "owner")))
                .isEqualTo(ResultCode.INVALID_INPUT);
    }

    @Test
    @DisplayName("a manual stop survives a restart until resumed; stopping twice says it is already stopped")
    void stopSurvivesRestart() {
        BusRecorder<PortfolioEvent.TradingStateChanged> changes =
                BusRecorder.on(vertx, Addresses.TRADING_STATE_CHANGED);
        PortfolioSnapshot s = ask(Addresses.PORTFOLIO_STOP, new PortfolioCommand.StopTrading("owner", null));
        assertThat(s.control().state()).isEqualTo(TradingState.STOPPED);
        assertThat(changes.awaitFirst().by()).isEqualTo("owner");
        assertThat(refused(Addresses.PORTFOLIO_STOP, new PortfolioCommand.StopTrading("owner", null)))
                .isEqualTo(ResultCode.ALREADY_STOPPED);
        restart();
        assertThat(snapshot().control().state()).isEqualTo(TradingState.STOPPED);
        PortfolioSnapshot resumed = ask(Addresses.PORTFOLIO_RESUME, new PortfolioCommand.ResumeTrading("owner"));
        assertThat(resumed.control().state()).isEqualTo(TradingState.RUNNING);
        assertThat(refused(Addresses.PORTFOLIO_RESUME, new PortfolioCommand.ResumeTrading("owner")))
                .isEqualTo(ResultCode.ALREADY_RUNNING);
    }

    @Test
    @DisplayName("a day's losses reaching MAX_DAILY_LOSS trip the breaker, which is stored and survives a restart")
    void breakerTripsAndPersists() {
        BusRecorder<PortfolioEvent.BreakerTripped> trips = BusRecorder.on(vertx, Addresses.BREAKER_TRIPPED);
        Market a = Trades.market(T0);
        Market b = Trades.market(T0.plusSeconds(300));
        open(Trades.directional(a, Direction.BUY_UP, "0.50", "20", "0.5", T0));
        open(Trades.directional(b, Direction.BUY_UP, "0.50", "20", "0.5", T0));
        settle(a, Resolution.DOWN);
        assertThat(snapshot().control().state()).isEqualTo(TradingState.RUNNING);
        settle(b, Resolution.DOWN);
        PortfolioEvent.BreakerTripped trip = trips.awaitFirst();
        assertThat(trip.reason()).contains("daily limit");
        assertThat(snapshot().control().state()).isEqualTo(TradingState.BREAKER);
        restart();
        assertThat(snapshot().control().state()).isEqualTo(TradingState.BREAKER);
        PortfolioSnapshot resumed = ask(Addresses.PORTFOLIO_RESUME, new PortfolioCommand.ResumeTrading("owner"));
        assertThat(resumed.control().state()).isEqualTo(TradingState.RUNNING);
        assertThat(resumed.todayLoss()).isEqualTo(Usd.ZERO);
    }

    @Test
    @DisplayName("closing a KST day stores its snapshot and announces it once")
    void closeDayOnce() {
        BusRecorder<PortfolioEvent.DayClosed> closed = BusRecorder.on(vertx, Addresses.PORTFOLIO_DAY_CLOSED);
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        settle(m, Resolution.UP);
        LocalDate day = updown.domain.Kst.dayOf(T0);
        clock.advanceTo(updown.domain.Kst.nextMidnight(T0).plusSeconds(1));
        ask(Addresses.PORTFOLIO_CLOSE_DAY, new PortfolioCommand.CloseDay(day));
        ask(Addresses.PORTFOLIO_CLOSE_DAY, new PortfolioCommand.CloseDay(day));
        PortfolioEvent.DayClosed event = closed.awaitFirst();
        assertThat(event.day()).isEqualTo(day);
        assertThat(event.trades()).isEqualTo(1);
        assertThat(event.pnl()).isEqualTo(Usd.of("9.65"));
        PortfolioCommand.DailySnapshots days = ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetDailySnapshots());
        assertThat(days.days()).singleElement().satisfies(d -> assertThat(d.day()).isEqualTo(day));
    }

    @Test
    @DisplayName("a day that has not ended cannot be closed")
    void cannotCloseToday() {
        assertThat(refused(Addresses.PORTFOLIO_CLOSE_DAY,
                new PortfolioCommand.CloseDay(updown.domain.Kst.dayOf(T0)))).isEqualTo(ResultCode.INVALID_INPUT);
    }

    @Test
    @DisplayName("the equity curve starts at the initial balance and moves only with deposits and settlements")
    void equityCurve() {
        Market m = Trades.market(T0);
        open(Trades.directional(m, Direction.BUY_UP, "0.50", "10", "0.35", T0));
        settle(m, Resolution.UP);
        PortfolioCommand.EquityCurve curve = ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetEquity());
        assertThat(curve.points()).extracting(PortfolioCommand.EquityPoint::balance)
                .containsExactly(Usd.of("1000"), Usd.of("1009.65"));
    }

    @Test
    @DisplayName("the storage health probe answers OK after a repository round trip")
    void storageProbe() {
        ResultCode ok = ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.CheckStorage());
        assertThat(ok).isEqualTo(ResultCode.OK);
    }

    @Test
    @DisplayName("the trade history is paged newest first with its total")
    void tradeHistory() {
        for (int i = 0; i < 3; i++) {
            open(Trades.directional(Trades.market(T0.plusSeconds(300L * i)), Direction.BUY_UP, "0.50", "10", "0",
                    T0.plusSeconds(300L * i)));
        }
        PortfolioCommand.TradePage page = ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.ListTrades(2, 0));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.trades()).hasSize(2);
        assertThat(page.trades().get(0).openedAt()).isAfter(page.trades().get(1).openedAt());
    }

    @Test
    @DisplayName("something that is not a command is refused as invalid input")
    void notACommand() {
        assertThat(refused(Addresses.PORTFOLIO_OPEN_TRADE, "hello")).isEqualTo(ResultCode.INVALID_INPUT);
    }

    @SuppressWarnings("unused")
    private static Future<Void> none() {
        return Future.succeededFuture();
    }

    @Test
    @DisplayName("live wallet readings are held against the ledger and published with their drift")
    void walletReadingsAreReconciled() {
        BusRecorder<updown.domain.WalletCheck> checks = BusRecorder.on(vertx, Addresses.PORTFOLIO_WALLET);
        vertx.eventBus().publish(Addresses.LIVE_WALLET,
                new updown.domain.WalletBalance(Usd.of("300"), Usd.of("1000"), clock.instant()));
        Trade stored = open(Trades.directional(Trades.market(T0), Direction.BUY_UP, "0.50", "10", "0.175", T0));
        // the wallet paid the same cost the ledger booked, plus a deposit of 50 made outside the bot
        vertx.eventBus().publish(Addresses.LIVE_WALLET, new updown.domain.WalletBalance(
                Usd.of("300").minus(stored.totalCost()).plus(Usd.of("50")), Usd.of("1000"), clock.instant()));
        List<updown.domain.WalletCheck> seen = checks.awaitCount(2);
        assertThat(seen.get(0).drift()).isEqualTo(Usd.ZERO);
        assertThat(seen.get(0).ledgerBalance()).isEqualTo(Usd.of("1000"));
        assertThat(seen.get(1).ledgerBalance()).isEqualTo(snapshot().balance());
        assertThat(seen.get(1).drift()).isEqualTo(Usd.of("50"));
    }
}
