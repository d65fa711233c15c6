package updown.engine;

import java.util.ArrayList;
import java.util.List;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Usd;

/**
 * Fills a buy by walking the ask levels best first, like a marketable order on the CLOB.
 *
 * <p>The rule: take whole levels while the remaining cash covers them and their price is at or below the limit;
 * on the first level the cash does not cover, buy as many micro-shares as the rest pays for (rounded down, so the
 * cost never exceeds the amount) and stop. Each level's cost is {@code price × shares} rounded once to the
 * micro-dollar, as the venue settles each match in 6-decimal collateral. The price reported is the VWAP
 * ({@code cost / shares}, rounded once, never above the dearest level taken).
 *
 * <p>Partial depth: when the book holds less than the amount below the limit, the leg fills what it holds
 * ({@code complete = false}) if that is at least the venue minimum ({@code minShares}); otherwise it is refused
 * BELOW_MIN_ORDER_SIZE. Nothing fillable: PRICE_ABOVE_LIMIT when the best ask is above the limit, NO_LIQUIDITY when
 * the book has no real asks. Levels priced at zero or with no size are skipped, never divided by.
 */
final class BookFillModel implements FillModel {
    static final BookFillModel INSTANCE = new BookFillModel();

    private BookFillModel() {
    }

    @Override
    public String name() {
        return "book";
    }

    @Override
    public Leg buy(OrderBook book, Usd amount, Price limit, Shares minShares) {
        if (amount == null || !amount.isPositive()) {
            return new Leg.Refused(ResultCode.INVALID_INPUT, "amount must be positive, was " + amount);
        }
        if (book == null) {
            return new Leg.Refused(ResultCode.NO_LIQUIDITY, "no order book");
        }
        long remaining = amount.micros();
        long shares = 0;
        long spent = 0;
        long dearest = 0;
        boolean complete = false;
        Level best = null;
        List<Level> taken = new ArrayList<>(4);
        for (Level level : book.asks()) {
            if (!FillMath.tradable(level)) {
                continue;
            }
            if (best == null) {
                best = level;
            }
            long p = level.price().micros();
            if (p > limit.micros()) {
                break; // asks are best first: every later level is dearer
            }
            long size = level.size().micros();
            long levelCost = Micros.mul(p, size);
            long take;
            long cost;
            if (levelCost <= remaining) {
                take = size;
                cost = levelCost;
            } else {
                take = FillMath.floorMulDiv(remaining, Micros.ONE, p);
                cost = Micros.mul(p, take);
                complete = true;
            }
            if (take > 0) {
                taken.add(take == size ? level : new Level(level.price(), Shares.ofMicros(take)));
                shares += take;
                spent += cost;
                remaining -= cost;
                dearest = p;
            }
            if (complete || remaining == 0) {
                complete = true;
                break;
            }
        }
        if (shares == 0) {
            if (best == null) {
                return new Leg.Refused(ResultCode.NO_LIQUIDITY, "no asks in the book");
            }
            if (best.price().greaterThan(limit)) {
                return new Leg.Refused(ResultCode.PRICE_ABOVE_LIMIT,
                        "best ask " + best.price() + " is above the limit " + limit);
            }
            return new Leg.Refused(ResultCode.BELOW_MIN_ORDER_SIZE,
                    amount + " buys no whole micro-share at " + best.price());
        }
        if (shares < minShares.micros()) {
            String what = complete
                    ? amount + " buys only " + Shares.ofMicros(shares) + " shares"
                    : "the book holds only " + Shares.ofMicros(shares) + " shares at or below " + limit;
            return new Leg.Refused(ResultCode.BELOW_MIN_ORDER_SIZE,
                    what + ", below the venue minimum of " + minShares + " shares");
        }
        long vwap = Math.min(Micros.div(spent, shares), dearest);
        return new Leg.Taken(Price.ofMicros(vwap), Shares.ofMicros(shares), Usd.ofMicros(spent), taken, complete);
    }

    @Override
    public String toString() {
        return name();
    }
}
