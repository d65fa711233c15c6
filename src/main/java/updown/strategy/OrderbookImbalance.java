package updown.strategy;

import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.MarketSnapshot;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Ratio;
import updown.domain.Signal;

/**
 * Order-book pressure over the best {@code depth} levels of both books.
 *
 * <p>How the two books combine: a bid for Up and an ask for Down both express "Up is worth more than the price",
 * so {@code upPressure = Up bid volume + Down ask volume} and {@code downPressure = Down bid volume + Up ask
 * volume} (shares). {@code imbalance = (up − down) / (up + down)} in [−1, 1], rounded once to a {@link Ratio}.
 * When the venue mirrors one book into the other the sums double-count symmetrically and the ratio is unchanged.
 *
 * <p>{@code |imbalance| >= threshold} (equal triggers) → BUY_UP for positive, BUY_DOWN for negative. Confidence =
 * the share of the total volume on the winning side, {@code max(up, down) / (up + down)} = {@code (1 + |imb|) / 2}:
 * 0.5 is a balanced book, 1.0 a one-sided one (the same probability-like scale as {@link Directional}). A missing
 * or empty book (either one) or no volume within the depth → SKIP with a reason.
 */
final class OrderbookImbalance implements Strategy {
    static final String NAME = "OrderbookImbalance";

    private final int depth;
    private final Ratio threshold;

    OrderbookImbalance(int depth, Ratio threshold) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, was " + depth);
        }
        this.depth = depth;
        this.threshold = threshold;
    }

    static OrderbookImbalance fromConfig(BotConfig.Strategies s) {
        return new OrderbookImbalance(s.obiDepth(), s.obiThreshold());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Signal evaluate(MarketSnapshot snapshot) {
        OrderBook up = snapshot.up();
        OrderBook down = snapshot.down();
        if (up == null || down == null) {
            return skip((up == null ? "Up" : "Down") + " book missing");
        }
        if (up.isEmpty() || down.isEmpty()) {
            // an empty book in a live market means missing data, not a market with no opinion: half a picture
            return skip((up.isEmpty() ? "Up" : "Down") + " book is empty");
        }
        long upPressure = Math.addExact(up.bidVolume(depth).micros(), down.askVolume(depth).micros());
        long downPressure = Math.addExact(down.bidVolume(depth).micros(), up.askVolume(depth).micros());
        long total = Math.addExact(upPressure, downPressure);
        if (total <= 0) {
            return skip("no volume in the best " + depth + " levels");
        }
        Ratio imbalance = Ratio.ofMicros(Micros.mulDiv(upPressure - downPressure, Micros.ONE, total));
        Ratio magnitude = Ratio.ofMicros(Math.abs(imbalance.micros()));
        String measured = "imbalance " + imbalance.format() + " (Up " + Micros.format(upPressure, 2) + " vs Down "
                + Micros.format(downPressure, 2) + " shares over " + depth + " levels)";
        if (magnitude.lessThan(threshold) || imbalance.micros() == 0) {
            return skip(measured + " is within ±" + threshold.format());
        }
        Direction direction = imbalance.micros() > 0 ? Direction.BUY_UP : Direction.BUY_DOWN;
        Ratio confidence = Ratio.ofMicros(Micros.mulDiv(Math.max(upPressure, downPressure), Micros.ONE, total));
        return Signal.of(direction, confidence, NAME, measured);
    }

    private static Signal skip(String reason) {
        return Signal.skip(NAME, reason);
    }

    @Override
    public String toString() {
        return NAME + "(depth " + depth + ", threshold " + threshold.format() + ")";
    }
}
