package updown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.testkit.TradingFixtures.downBook;
import static updown.testkit.TradingFixtures.levels;
import static updown.testkit.TradingFixtures.upBook;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.ResultCode;
import updown.domain.Signal;
import updown.domain.Usd;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;

/**
 * What every {@link Engine} must do, whatever it is (paper now, live on a fake CLOB later). Subclasses build the
 * engine and, if it talks to a venue, load that venue with the books each order is decided on: the venue must
 * match marketable orders against exactly those books. Only interface behaviour is checked here.
 */
public abstract class EngineContractTest {
    protected static final Price LIMIT = Price.of("0.70");
    private static final long AWAIT_SECONDS = 10;

    private Engine engine;
    protected final Market market = TradingFixtures.market();

    /** The engine under test, built from {@code config} (called once per test). */
    protected abstract Engine engine(BotConfig config);

    /**
     * Called before every order with the books it will be matched against and the cash the venue should hold.
     * A paper engine needs nothing (the books travel in the order); a live engine on a fake CLOB loads them.
     */
    protected void prepareVenue(Market market, OrderBook up, OrderBook down, Usd venueBalance) {
    }

    /**
     * Cash the venue has taken since the test began, for engines that have one; empty when the engine keeps no
     * venue state (then "nothing spent" is shown by the rejection alone).
     */
    protected Optional<Usd> venueCashSpent() {
        return Optional.empty();
    }

    /** Settings for the engine; subclasses may override to pin a fill or fee model. */
    protected BotConfig config() {
        return TestConfig.with(Map.of());
    }

    @BeforeEach
    void buildEngine() {
        engine = engine(config());
    }

    protected Execution execute(Direction side, Usd amount, OrderBook up, OrderBook down, Usd available) {
        prepareVenue(market, up, down, available);
        Signal signal = side == Direction.ARB
                ? new Signal(Direction.ARB, Ratio.ONE, List.of("Arbitrage"), "contract", down.asks().get(0).price())
                : Signal.of(side, Ratio.of("0.8"), "Directional", "contract");
        Future<Execution> future = engine.execute(new Order(market, side, amount, LIMIT, up, down, available, signal));
        try {
            return future.toCompletionStage().toCompletableFuture().get(AWAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("an expected outcome came back as a failed future", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the engine did not answer within " + AWAIT_SECONDS + " s", e);
        }
    }

    private static OrderBook deepUp() {
        return upBook(levels("0.44:500"), levels("0.45:500", "0.46:500", "0.47:500"));
    }

    private static OrderBook deepDown() {
        return downBook(levels("0.49:500"), levels("0.50:500", "0.51:500", "0.52:500"));
    }

    private static Fill filled(Execution e) {
        assertThat(e).as("execution").isInstanceOf(Execution.Filled.class);
        return ((Execution.Filled) e).fill();
    }

    private static Execution.Rejected rejected(Execution e, ResultCode code) {
        assertThat(e).as("execution").isInstanceOf(Execution.Rejected.class);
        Execution.Rejected r = (Execution.Rejected) e;
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.reason()).isNotBlank();
        return r;
    }

    private void nothingSpent() {
        venueCashSpent().ifPresent(spent -> assertThat(spent).isEqualTo(Usd.ZERO));
    }

    @Test
    @DisplayName("an engine has a name")
    void hasAName() {
        assertThat(engine.name()).isNotBlank();
    }

    @Test
    @DisplayName("a fillable BUY_UP fills the Up token with amount + fee within the balance and shares × price ≈ amount")
    void fillsUp() {
        Usd available = Usd.of("1000");
        Fill fill = filled(execute(Direction.BUY_UP, Usd.of("10"), deepUp(), deepDown(), available));
        assertThat(fill.side()).isEqualTo(Direction.BUY_UP);
        assertThat(fill.tokenId()).isEqualTo(market.upTokenId());
        assertThat(fill.totalCost()).isLessThanOrEqualTo(available);
        assertThat(fill.amount()).isLessThanOrEqualTo(Usd.of("10")).isGreaterThan(Usd.of("9.99"));
        assertThat(fill.price()).isLessThanOrEqualTo(LIMIT).isGreaterThanOrEqualTo(Price.of("0.45"));
        assertThat(fill.price().costOf(fill.shares()).minus(fill.amount()).micros()).isBetween(-10_000L, 10_000L);
        assertThat(fill.shares()).isGreaterThanOrEqualTo(market.minOrderSize());
        assertThat(fill.fee().isNegative()).isFalse();
        assertThat(fill.altPrice()).isNull();
    }

    @Test
    @DisplayName("a fillable BUY_DOWN fills the Down token")
    void fillsDown() {
        Fill fill = filled(execute(Direction.BUY_DOWN, Usd.of("10"), deepUp(), deepDown(), Usd.of("1000")));
        assertThat(fill.side()).isEqualTo(Direction.BUY_DOWN);
        assertThat(fill.tokenId()).isEqualTo(market.downTokenId());
        assertThat(fill.price()).isGreaterThanOrEqualTo(Price.of("0.50")).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    @DisplayName("insufficient balance is a rejection with the reason, not a failure, and nothing is spent")
    void insufficientBalance() {
        rejected(execute(Direction.BUY_UP, Usd.of("10"), deepUp(), deepDown(), Usd.of("5")),
                ResultCode.INSUFFICIENT_BALANCE);
        nothingSpent();
    }

    @Test
    @DisplayName("a balance one cent over the fill's amount + fee fills; one cent under it is rejected")
    void balanceAroundTheCost() {
        // the exact-to-the-micro boundary is the paper engine's (PaperEngineTest); a venue may round a fill below
        // what was offered, so the contract brackets the cost by a cent on each side
        Fill reference = filled(execute(Direction.BUY_UP, Usd.of("10"), deepUp(), deepDown(), Usd.of("1000")));
        Usd cost = reference.totalCost();
        assertThat(filled(execute(Direction.BUY_UP, Usd.of("10"), deepUp(), deepDown(), cost.plus(Usd.ofCents(1))))
                .totalCost()).isEqualTo(cost);
        rejected(execute(Direction.BUY_UP, Usd.of("10"), deepUp(), deepDown(), cost.minus(Usd.ofCents(1))),
                ResultCode.INSUFFICIENT_BALANCE);
    }

    @Test
    @DisplayName("an order below the venue minimum size is rejected BELOW_MIN_ORDER_SIZE and spends nothing")
    void belowMinimum() {
        // $2 at 0.45 is 4.4 shares, under the 5-share minimum
        rejected(execute(Direction.BUY_UP, Usd.of("2"), deepUp(), deepDown(), Usd.of("1000")),
                ResultCode.BELOW_MIN_ORDER_SIZE);
        nothingSpent();
    }

    @Test
    @DisplayName("a best ask above the limit price is rejected PRICE_ABOVE_LIMIT")
    void aboveLimit() {
        OrderBook dear = upBook(levels("0.74:500"), levels("0.75:500"));
        rejected(execute(Direction.BUY_UP, Usd.of("10"), dear, deepDown(), Usd.of("1000")),
                ResultCode.PRICE_ABOVE_LIMIT);
        nothingSpent();
    }

    @Test
    @DisplayName("a book without asks is rejected NO_LIQUIDITY")
    void noLiquidity() {
        OrderBook bare = upBook(levels("0.44:500"), List.of());
        rejected(execute(Direction.BUY_UP, Usd.of("10"), bare, deepDown(), Usd.of("1000")), ResultCode.NO_LIQUIDITY);
        nothingSpent();
    }

    @Test
    @DisplayName("an ARB fill buys both tokens and carries the Down price and shares as alt price and alt shares")
    void arbitrage() {
        Fill fill = filled(execute(Direction.ARB, Usd.of("20"), deepUp(), deepDown(), Usd.of("1000")));
        assertThat(fill.side()).isEqualTo(Direction.ARB);
        assertThat(fill.tokenId()).isEqualTo(market.upTokenId());
        assertThat(fill.altTokenId()).isEqualTo(market.downTokenId());
        assertThat(fill.altPrice()).isNotNull().isEqualTo(Price.of("0.50"));
        assertThat(fill.price()).isEqualTo(Price.of("0.45"));
        assertThat(fill.altShares()).isNotNull();
        assertThat(fill.altPrice().costOf(fill.altShares()).minus(Usd.of("10")).micros()).isBetween(-10_000L, 10_000L);
        assertThat(fill.price().costOf(fill.shares()).minus(Usd.of("10")).micros()).isBetween(-10_000L, 10_000L);
        assertThat(fill.totalCost()).isLessThanOrEqualTo(Usd.of("1000"));
    }

    @Test
    @DisplayName("an ARB the balance cannot pay for is rejected whole")
    void arbitrageInsufficient() {
        rejected(execute(Direction.ARB, Usd.of("20"), deepUp(), deepDown(), Usd.of("15")),
                ResultCode.INSUFFICIENT_BALANCE);
        nothingSpent();
    }

    @Test
    @DisplayName("a rejected order leaves the engine able to fill the next one")
    void rejectionDoesNotPoison() {
        rejected(execute(Direction.BUY_UP, Usd.of("10"), deepUp(), deepDown(), Usd.of("1")),
                ResultCode.INSUFFICIENT_BALANCE);
        filled(execute(Direction.BUY_UP, Usd.of("10"), deepUp(), deepDown(), Usd.of("1000")));
    }
}
