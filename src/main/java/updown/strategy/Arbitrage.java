package updown.strategy;

import java.util.List;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.Level;
import updown.domain.MarketSnapshot;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Signal;
import updown.engine.FeeModel;

/**
 * Buys both outcomes when a pair costs less than the $1 it is certain to pay: fires when
 * {@code upAsk + downAsk + fee(1 Up share) + fee(1 Down share) + minMargin < 1} (strictly), fees from the market's
 * schedule through the same {@link FeeModel} the engine charges. The signal carries the Down ask in
 * {@link Signal#arbDownAsk()} so the Down price travels with the trade instead of being guessed as 1 − up.
 *
 * <p>Confidence is 1: the edge is a price, not a forecast, so the confidence threshold never blocks it (and percent
 * sizing gives it the full POSITION_SIZE_PCT). A missing book, no asks, or an ask at 0 (not a real offer; it would
 * divide by zero downstream) → SKIP with the reason; otherwise a SKIP states the computed margin.
 */
final class Arbitrage implements Strategy {
    static final String NAME = "Arbitrage";

    private final FeeModel feeModel;
    private final Ratio minMargin;

    Arbitrage(FeeModel feeModel, Ratio minMargin) {
        this.feeModel = feeModel;
        this.minMargin = minMargin;
    }

    static Arbitrage fromConfig(BotConfig config) {
        return new Arbitrage(FeeModel.fromConfig(config.engine()), config.strategies().arbMinMargin());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Signal evaluate(MarketSnapshot snapshot) {
        String problem = askProblem("Up", snapshot.up());
        if (problem == null) {
            problem = askProblem("Down", snapshot.down());
        }
        if (problem != null) {
            return Signal.skip(NAME, problem);
        }
        Price upAsk = snapshot.up().asks().get(0).price();
        Price downAsk = snapshot.down().asks().get(0).price();
        long upFee = feeModel.fee(snapshot.market().fees(), upAsk, Shares.ofWhole(1)).micros();
        long downFee = feeModel.fee(snapshot.market().fees(), downAsk, Shares.ofWhole(1)).micros();
        long pairCost = upAsk.micros() + downAsk.micros() + upFee + downFee;
        long margin = Micros.ONE - pairCost;
        String measured = "Up " + upAsk + " + Down " + downAsk + " + fees " + Micros.format(upFee + downFee, 2)
                + " = " + Micros.format(pairCost, 2) + " per pair, margin " + Micros.format(margin, 2);
        if (margin <= minMargin.micros()) {
            return Signal.skip(NAME, measured + " <= " + minMargin.format());
        }
        return new Signal(Direction.ARB, Ratio.ONE, List.of(NAME), measured + " > " + minMargin.format(), downAsk);
    }

    /** Why a book's best ask cannot be used, or null. 0.0 is a present price, reported as such (seed bug 4). */
    private static String askProblem(String side, OrderBook book) {
        if (book == null) {
            return side + " book missing";
        }
        if (book.asks().isEmpty()) {
            return "no " + side + " ask";
        }
        Level best = book.asks().get(0);
        if (best.price().micros() <= 0) {
            return side + " ask is " + best.price() + ", not a real offer";
        }
        return null;
    }

    @Override
    public String toString() {
        return NAME + "(" + feeModel + ", min margin " + minMargin.format() + ")";
    }
}
