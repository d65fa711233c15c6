package updown.engine;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import updown.domain.ResultCode;
import updown.domain.Usd;

/**
 * Simulates taker fills against the books an order was decided on, with a swappable {@link FillModel} (default:
 * walk the ask levels) and {@link FeeModel} (default: Polymarket's schedule). Holds no state: the portfolio owns the
 * balance and passes what it may spend in {@link Order#availableBalance()}.
 *
 * <p>The fill rule:
 * <ul>
 *   <li>BUY_UP / BUY_DOWN: one leg on that token's book for the whole amount, at most {@code limitPrice} per share;
 *       {@code shares ≈ amount / price} with price the VWAP. Partial depth fills what the book holds if that is at
 *       least the market's {@code minOrderSize} shares, else the order is refused BELOW_MIN_ORDER_SIZE.</li>
 *   <li>ARB: half the amount on each side ({@code up_shares = half / up_price}, {@code down_shares = half /
 *       down_price}); the Down VWAP travels as {@link Fill#altPrice()} and the Down shares as
 *       {@link Fill#altShares()}. Both legs must fill their whole half; if either cannot, nothing is bought (a
 *       one-legged "arbitrage" is a directional bet nobody asked for).</li>
 *   <li>The fee is computed over every level taken (both legs for ARB), summed exactly and rounded once.</li>
 *   <li>{@code amount + fee > availableBalance} → INSUFFICIENT_BALANCE; equal is accepted. No partial debit: a
 *       refused order spent nothing.</li>
 * </ul>
 * Expected refusals are {@link Execution.Rejected} values; only a bug inside the engine yields a failed future.
 */
public final class PaperEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(PaperEngine.class);

    private final FillModel fillModel;
    private final FeeModel feeModel;

    public PaperEngine(FillModel fillModel, FeeModel feeModel) {
        this.fillModel = Objects.requireNonNull(fillModel, "fillModel");
        this.feeModel = Objects.requireNonNull(feeModel, "feeModel");
    }

    /** FILL_MODEL / SLIPPAGE_PCT and FEE_MODEL / FEE_PCT from the settings. */
    public static PaperEngine fromConfig(BotConfig config) {
        return new PaperEngine(FillModel.fromConfig(config.engine()), FeeModel.fromConfig(config.engine()));
    }

    @Override
    public String name() {
        return "paper";
    }

    public FillModel fillModel() {
        return fillModel;
    }

    public FeeModel feeModel() {
        return feeModel;
    }

    @Override
    public Future<Execution> execute(Order order) {
        try {
            return Future.succeededFuture(fill(order));
        } catch (RuntimeException e) {
            LOG.error("paper engine failed on an order for {}", order.market().slug(), e);
            return Future.failedFuture(e);
        }
    }

    /** The synchronous fill the {@link #execute} future carries (also used by the backtest and the benchmark). */
    public Execution fill(Order order) {
        if (!order.amount().isPositive()) {
            return Execution.rejected(ResultCode.INVALID_INPUT, "order amount must be positive, was "
                    + order.amount());
        }
        return switch (order.side()) {
            case BUY_UP, BUY_DOWN -> single(order);
            case ARB -> arbitrage(order);
            case SKIP -> Execution.rejected(ResultCode.INVALID_INPUT, "SKIP is not an order");
        };
    }

    private Execution single(Order order) {
        Market market = order.market();
        Outcome outcome = order.side().outcome();
        OrderBook book = outcome == Outcome.UP ? order.upBook() : order.downBook();
        FillModel.Leg leg = fillModel.buy(book, order.amount(), order.limitPrice(), market.minOrderSize());
        if (leg instanceof FillModel.Leg.Refused refused) {
            return Execution.rejected(refused.code(), label(outcome) + ": " + refused.reason());
        }
        FillModel.Leg.Taken taken = (FillModel.Leg.Taken) leg;
        Usd fee = feeModel.fee(market.fees(), taken.levels());
        Execution.Rejected broke = affordable(taken.cost(), fee, order.availableBalance());
        if (broke != null) {
            return broke;
        }
        return new Execution.Filled(new Fill(order.side(), market.tokenId(outcome), taken.price(), taken.shares(),
                null, null, null, taken.cost(), fee, null));
    }

    private Execution arbitrage(Order order) {
        Market market = order.market();
        Usd upAmount = order.amount().half();
        Usd downAmount = order.amount().minus(upAmount);
        FillModel.Leg up = fillModel.buy(order.upBook(), upAmount, order.limitPrice(), market.minOrderSize());
        FillModel.Leg down = fillModel.buy(order.downBook(), downAmount, order.limitPrice(), market.minOrderSize());
        Execution.Rejected refusal = legRefusal(Outcome.UP, up, upAmount);
        if (refusal == null) {
            refusal = legRefusal(Outcome.DOWN, down, downAmount);
        }
        if (refusal != null) {
            return refusal;
        }
        FillModel.Leg.Taken upTaken = (FillModel.Leg.Taken) up;
        FillModel.Leg.Taken downTaken = (FillModel.Leg.Taken) down;
        List<Level> all = new ArrayList<>(upTaken.levels().size() + downTaken.levels().size());
        all.addAll(upTaken.levels());
        all.addAll(downTaken.levels());
        Usd fee = feeModel.fee(market.fees(), all);
        Usd cost = upTaken.cost().plus(downTaken.cost());
        Execution.Rejected broke = affordable(cost, fee, order.availableBalance());
        if (broke != null) {
            return broke;
        }
        return new Execution.Filled(new Fill(Direction.ARB, market.upTokenId(), upTaken.price(), upTaken.shares(),
                market.downTokenId(), downTaken.price(), downTaken.shares(), cost, fee, null));
    }

    private static Execution.Rejected legRefusal(Outcome outcome, FillModel.Leg leg, Usd wanted) {
        if (leg instanceof FillModel.Leg.Refused refused) {
            return new Execution.Rejected(refused.code(), "ARB " + label(outcome) + " leg: " + refused.reason());
        }
        FillModel.Leg.Taken taken = (FillModel.Leg.Taken) leg;
        if (!taken.complete()) {
            return new Execution.Rejected(ResultCode.NO_LIQUIDITY, "ARB " + label(outcome) + " leg: the book holds only "
                    + taken.cost() + " of the " + wanted + " wanted at or below the limit");
        }
        return null;
    }

    private static Execution.Rejected affordable(Usd cost, Usd fee, Usd available) {
        Usd total = cost.plus(fee);
        if (total.greaterThan(available)) {
            return new Execution.Rejected(ResultCode.INSUFFICIENT_BALANCE, "needs " + total + " (amount " + cost
                    + " + fee " + fee + "), available " + available);
        }
        return null;
    }

    private static String label(Outcome outcome) {
        return outcome == Outcome.UP ? "Up" : "Down";
    }

    @Override
    public String toString() {
        return "paper(" + fillModel + ", " + feeModel + ")";
    }
}
