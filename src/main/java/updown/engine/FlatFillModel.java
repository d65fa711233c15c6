package updown.engine;

import java.util.List;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Usd;

/**
 * The seed's fill rule: everything at the best ask × (1 + SLIPPAGE_PCT), whatever the depth. The slipped price
 * (rounded once) is what the order pays, so it is what the limit is checked against: a best ask at or below the
 * limit whose slipped price is above it is refused PRICE_ABOVE_LIMIT. Shares are rounded down so the cost never
 * exceeds the amount.
 */
final class FlatFillModel implements FillModel {
    private final Ratio slippage;

    FlatFillModel(Ratio slippage) {
        if (slippage == null || slippage.micros() < 0) {
            throw new IllegalArgumentException("slippage must be >= 0");
        }
        this.slippage = slippage;
    }

    @Override
    public String name() {
        return "flat";
    }

    @Override
    public Leg buy(OrderBook book, Usd amount, Price limit, Shares minShares) {
        if (amount == null || !amount.isPositive()) {
            return new Leg.Refused(ResultCode.INVALID_INPUT, "amount must be positive, was " + amount);
        }
        Level best = FillMath.bestAsk(book);
        if (best == null) {
            return new Leg.Refused(ResultCode.NO_LIQUIDITY, book == null ? "no order book" : "no asks in the book");
        }
        long ask = best.price().micros();
        Price price = Price.ofMicros(Math.addExact(ask, Micros.mul(ask, slippage.micros())));
        if (price.greaterThan(limit)) {
            return new Leg.Refused(ResultCode.PRICE_ABOVE_LIMIT, "best ask " + best.price() + " with "
                    + slippage.format() + " slippage is " + price + ", above the limit " + limit);
        }
        long shares = FillMath.floorMulDiv(amount.micros(), Micros.ONE, price.micros());
        if (shares < minShares.micros() || shares == 0) {
            return new Leg.Refused(ResultCode.BELOW_MIN_ORDER_SIZE, amount + " buys only " + Shares.ofMicros(shares)
                    + " shares at " + price + ", below the venue minimum of " + minShares + " shares");
        }
        Shares bought = Shares.ofMicros(shares);
        return new Leg.Taken(price, bought, price.costOf(bought), List.of(new Level(price, bought)), true);
    }

    @Override
    public String toString() {
        return name() + " " + slippage.format();
    }
}
