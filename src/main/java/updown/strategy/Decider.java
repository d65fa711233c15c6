package updown.strategy;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.MarketSnapshot;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Signal;
import updown.domain.Usd;
import updown.engine.FeeModel;
import updown.engine.Order;

/**
 * The one decision path: market snapshot + available balance → place an order or skip, for the trader, the
 * backtest and the benchmark alike. Pure (no I/O, bus or clock) and total: {@link #decide} never throws.
 *
 * <ol>
 *   <li>Arbitrage first when ARB_ENABLED and it fires; otherwise the Ensemble (Directional + OrderbookImbalance,
 *       ENSEMBLE_MIN_VOTES). A SKIP signal → Skip with its reason.</li>
 *   <li>Confidence below CONFIDENCE_THRESHOLD → Skip (equal passes).</li>
 *   <li>Entry filter: the ask of each token to buy must be at or below MAX_ENTRY_PRICE.</li>
 *   <li>Sizing (fixed or percent, MIN_BET_SIZE floor, balance cap); for ARB at most what the best ask level of
 *       each side holds, so the legs fill at the prices the margin was computed on; then room for the estimated
 *       taker fee at the best ask(s) so amount + fee fits the balance.</li>
 *   <li>{@link Order} with {@code limitPrice = MAX_ENTRY_PRICE} and {@code availableBalance = balance}.</li>
 * </ol>
 * It does not know about open positions, the circuit breaker or market timing: the trader applies those before
 * asking.
 */
public final class Decider {
    private static final Logger LOG = LoggerFactory.getLogger(Decider.class);
    private static final String NAME = "Decider";

    private final Strategy arbitrage;
    private final Strategy ensemble;
    private final Ratio confidenceThreshold;
    private final EntryFilter entryFilter;
    private final Sizing sizing;
    private final FeeModel feeModel;

    /**
     * @param arbitrage null when ARB_ENABLED=false
     */
    Decider(Strategy arbitrage, Strategy ensemble, Ratio confidenceThreshold, EntryFilter entryFilter, Sizing sizing,
            FeeModel feeModel) {
        this.arbitrage = arbitrage;
        this.ensemble = Objects.requireNonNull(ensemble, "ensemble");
        this.confidenceThreshold = Objects.requireNonNull(confidenceThreshold, "confidenceThreshold");
        this.entryFilter = Objects.requireNonNull(entryFilter, "entryFilter");
        this.sizing = Objects.requireNonNull(sizing, "sizing");
        this.feeModel = Objects.requireNonNull(feeModel, "feeModel");
    }

    public static Decider fromConfig(BotConfig config) {
        return build(config, Directional.fromConfig(config.strategies()));
    }

    /**
     * The same decisions, with the Directional strategy computed incrementally (same closes → same signal; a window
     * that moved by one candle → O(1) EMA update): for backtests over long series, where the trader asks 12 times
     * per candle. See {@link IncrementalDirectional}.
     */
    public static Decider incremental(BotConfig config) {
        return build(config, new IncrementalDirectional(Directional.fromConfig(config.strategies())));
    }

    private static Decider build(BotConfig config, Strategy directional) {
        BotConfig.Strategies s = config.strategies();
        FeeModel fees = FeeModel.fromConfig(config.engine());
        Strategy ensemble = Ensemble.equalWeights(
                List.of(directional, OrderbookImbalance.fromConfig(s)), s.ensembleMinVotes());
        Strategy arbitrage = s.arbEnabled() ? new Arbitrage(fees, s.arbMinMargin()) : null;
        Price maxEntry = Price.ofMicros(config.trading().maxEntryPrice().micros());
        return new Decider(arbitrage, ensemble, config.trading().confidenceThreshold(), new EntryFilter(maxEntry),
                Sizing.fromConfig(config.trading()), fees);
    }

    /** Decides for one market. Never throws: a bug inside shows up as a Skip with the exception in its reason. */
    public Decision decide(MarketSnapshot snapshot, Usd balance) {
        try {
            return decideOrThrow(snapshot, balance);
        } catch (RuntimeException e) {
            String market = snapshot == null ? "?" : snapshot.market().slug();
            LOG.error("decision failed for {}", market, e);
            return skip("decision failed: " + e, Signal.skip(NAME, "decision failed: " + e));
        }
    }

    private Decision decideOrThrow(MarketSnapshot snapshot, Usd balance) {
        if (snapshot == null) {
            return skip("no market snapshot", Signal.skip(NAME, "no market snapshot"));
        }
        if (balance == null || !balance.isPositive()) {
            return skip("no balance to trade (" + balance + ")", Signal.skip(NAME, "no balance"));
        }
        Signal signal = null;
        if (arbitrage != null) {
            Signal arb = arbitrage.evaluate(snapshot);
            if (arb.direction() == Direction.ARB) {
                signal = arb;
            }
        }
        if (signal == null) {
            signal = ensemble.evaluate(snapshot);
        }
        if (signal.isSkip()) {
            return skip(signal.sourcesText() + ": " + signal.reason(), signal);
        }
        if (signal.confidence().lessThan(confidenceThreshold)) {
            return skip("confidence " + signal.confidence().format() + " is below CONFIDENCE_THRESHOLD "
                    + confidenceThreshold.format(), signal);
        }
        String refusal = entryFilter.refusal(signal, snapshot);
        if (refusal != null) {
            return skip(refusal, signal);
        }
        Sizing.Result sized = sizing.size(balance, signal.confidence());
        if (sized instanceof Sizing.Result.Bet bet && signal.direction() == Direction.ARB) {
            sized = arbitrageDepthCap(bet.amount(), snapshot);
        }
        if (sized instanceof Sizing.Result.Bet bet) {
            sized = sizing.affordWithFee(bet.amount(), balance, feeEstimate(signal.direction(), snapshot));
        }
        if (sized instanceof Sizing.Result.NoBet noBet) {
            return skip(noBet.reason(), signal);
        }
        Usd amount = ((Sizing.Result.Bet) sized).amount();
        Order order = new Order(snapshot.market(), signal.direction(), amount, entryFilter.maxEntry(), snapshot.up(),
                snapshot.down(), balance, signal);
        return new Decision.Place(order, signal);
    }

    /**
     * An arbitrage is only one while both legs fill at the asks it was computed on: walking deeper raises the pair's
     * cost and can turn the margin into a certain loss. So each half is capped at what the best ask level of its
     * side holds (a micro-dollar under its notional, against rounding).
     */
    private Sizing.Result arbitrageDepthCap(Usd amount, MarketSnapshot snapshot) {
        Level up = snapshot.up().asks().get(0);
        Level down = snapshot.down().asks().get(0);
        long perSide = Math.max(0, Math.min(up.notional().micros(), down.notional().micros()) - 1);
        Usd cap = Usd.ofMicros(Math.multiplyExact(perSide, 2L));
        return sizing.cap(amount, cap, "ARB: the best asks hold only " + Usd.ofMicros(perSide) + " per side");
    }

    /**
     * The taker fee an amount would pay if it filled at the best ask(s): an upper bound for the book walk under both
     * fee models (deeper levels are dearer, and Polymarket's fee per dollar, rate × (1 − p), falls as p rises).
     */
    private UnaryOperator<Usd> feeEstimate(Direction direction, MarketSnapshot snapshot) {
        FeeSchedule schedule = snapshot.market().fees();
        if (direction == Direction.ARB) {
            Price up = snapshot.up().asks().get(0).price();
            Price down = snapshot.down().asks().get(0).price();
            return amount -> {
                Usd half = amount.half();
                return feeModel.fee(schedule, List.of(new Level(up, half.sharesAt(up)),
                        new Level(down, amount.minus(half).sharesAt(down))));
            };
        }
        Price ask = snapshot.book(direction.outcome()).asks().get(0).price();
        return amount -> feeModel.fee(schedule, ask, amount.sharesAt(ask));
    }

    private static Decision skip(String reason, Signal signal) {
        return new Decision.Skip(reason, signal);
    }

    @Override
    public String toString() {
        return NAME + "(arbitrage " + (arbitrage != null) + ", " + ensemble + ", threshold "
                + confidenceThreshold.format() + ", " + sizing + ")";
    }
}
