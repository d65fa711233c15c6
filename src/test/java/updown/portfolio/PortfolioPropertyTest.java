package updown.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.bus.Replies;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.Market;
import updown.domain.MarketEvent.MarketResolved;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioSnapshot;
import updown.domain.Resolution;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.Usd;
import updown.repository.InMemoryRepository;
import updown.repository.LedgerInvariant;
import updown.repository.StoredState;
import updown.testkit.Await;
import updown.testkit.TestConfig;
import updown.testkit.Trades;
import updown.time.VirtualClock;

/**
 * Property: whatever sequence of trades, settlements (repeated, unknown, out of order), top-ups and restarts
 * happens, after every step {@code balance = initial + topups − Σ(amount + fee) + Σ payout}, both in memory and in
 * the stored ledger, and each trade is settled at most once. Seeded; the seed is in every assertion message.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Property: the balance always equals initial + top-ups − costs + payouts")
class PortfolioPropertyTest {
    private static final int STEPS = 40;
    // breaker disabled so random losses do not stop the sequence early (the breaker has its own tests)
    private final BotConfig config = TestConfig.with(Map.of("MAX_DRAWDOWN_LIMIT", "1", "MAX_DAILY_LOSS", "1000000000"));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946})
    @DisplayName("random trades, settlements, top-ups and restarts keep the money invariant at every step")
    void invariantHoldsAtEveryStep(long seed, Vertx vertx) {
        LocalRecordCodec.register(vertx.eventBus());
        Random rnd = new Random(seed);
        VirtualClock clock = new VirtualClock(Trades.T0);
        InMemoryRepository repo = new InMemoryRepository();
        String[] deployment = {deploy(vertx, clock, repo)};
        InMemoryRepository[] current = {repo};
        List<Market> markets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            markets.add(Trades.market(Trades.T0.plusSeconds(300L * i)));
        }
        Usd topups = Usd.ZERO;
        Map<Long, Integer> settleCount = new HashMap<>();

        for (int step = 0; step < STEPS; step++) {
            String where = "seed " + seed + ", step " + step;
            clock.advance(Duration.ofSeconds(1 + rnd.nextInt(90)));
            int action = rnd.nextInt(10);
            if (action < 4) {
                Market m = markets.get(rnd.nextInt(markets.size()));
                Trade t = randomTrade(rnd, m, clock.instant());
                Object reply = requestOrCode(vertx, Addresses.PORTFOLIO_OPEN_TRADE, new PortfolioCommand.OpenTrade(t));
                if (reply instanceof ResultCode code) {
                    assertThat(code).as(where).isIn(ResultCode.INSUFFICIENT_BALANCE,
                            ResultCode.POSITION_ALREADY_OPEN);
                }
            } else if (action < 7) {
                Market m = markets.get(rnd.nextInt(markets.size()));
                Resolution winner = Resolution.values()[rnd.nextInt(3)];
                PortfolioCommand.SettledTrades r = (PortfolioCommand.SettledTrades) requestOrCode(vertx,
                        Addresses.PORTFOLIO_SETTLE, new PortfolioCommand.SettleMarket(
                                new MarketResolved(m.id(), m.slug(), winner, "prop", clock.instant())));
                for (Trade s : r.trades()) {
                    settleCount.merge(s.id(), 1, Integer::sum);
                }
            } else if (action < 9) {
                Usd amount = Usd.ofCents(1 + rnd.nextInt(10_000));
                requestOrCode(vertx, Addresses.PORTFOLIO_TOPUP, new PortfolioCommand.TopUp(amount, "prop"));
                topups = topups.plus(amount);
            } else {
                Await.result(vertx.undeploy(deployment[0]));
                current[0] = current[0].reopened();
                deployment[0] = deploy(vertx, clock, current[0]);
            }

            StoredState stored = Await.result(current[0].load());
            LedgerInvariant.assertHolds(stored);
            Usd expected = config.trading().initialBalance().plus(topups);
            for (Trade t : stored.trades()) {
                expected = expected.minus(t.totalCost());
                if (t.status() == TradeStatus.SETTLED) {
                    expected = expected.plus(t.payout());
                }
            }
            PortfolioSnapshot snap = (PortfolioSnapshot) requestOrCode(vertx, Addresses.PORTFOLIO_QUERY,
                    new PortfolioCommand.GetSnapshot());
            assertThat(snap.balance()).as(where + ": balance in memory").isEqualTo(expected);
            assertThat(LedgerInvariant.balance(stored.ledger())).as(where + ": balance in the ledger")
                    .isEqualTo(expected);
            assertThat(snap.balance().isNegative()).as(where + ": paper balance never negative").isFalse();
            assertThat(settleCount.values()).as(where + ": each trade settled at most once").allMatch(n -> n == 1);
            assertThat(snap.openPositions()).as(where + ": open positions")
                    .isEqualTo((int) stored.trades().stream().filter(Trade::isOpen).count());
        }
    }

    private String deploy(Vertx vertx, VirtualClock clock, InMemoryRepository repo) {
        return Await.result(vertx.deployVerticle(new PortfolioVerticle(config, clock, repo,
                PortfolioVerticle.Admission.STRICT)));
    }

    private static Trade randomTrade(Random rnd, Market m, Instant at) {
        String amount = (1 + rnd.nextInt(80)) + "." + rnd.nextInt(100);
        String fee = "0." + String.format("%03d", rnd.nextInt(1000));
        String p1 = "0." + String.format("%02d", 1 + rnd.nextInt(98));
        if (rnd.nextInt(4) == 0) {
            String p2 = rnd.nextInt(10) == 0 ? "0.0" : "0." + String.format("%02d", 1 + rnd.nextInt(98));
            return Trades.arbitrage(m, p1, p2, amount, fee, at);
        }
        return Trades.directional(m, rnd.nextBoolean() ? Direction.BUY_UP : Direction.BUY_DOWN, p1, amount, fee, at);
    }

    /** The reply body, or the ResultCode of a refusal. */
    private static Object requestOrCode(Vertx vertx, String address, Object body) {
        try {
            return Await.result(vertx.eventBus().request(address, body)).body();
        } catch (ReplyException e) {
            return Replies.codeOf(e);
        }
    }
}
