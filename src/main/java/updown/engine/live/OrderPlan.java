package updown.engine.live;

import java.util.List;
import java.util.Optional;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import updown.domain.Price;
import updown.domain.ResultCode;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.engine.Order;

/**
 * What the engine will send for an {@link Order}, or why it refuses before sending anything. Pure: no I/O.
 *
 * <p>A directional order is one marketable BUY spending {@code order.amount} at no worse than
 * {@code order.limitPrice}. ARB is two BUYs, Up then Down, each spending half the amount (SPEC §5, exactly as the
 * paper engine: {@code up_shares = half / up_price}, {@code down_shares = half / down_price}); the Up limit is
 * {@code order.limitPrice}, the Down limit {@code signal.arbDownAsk}.
 *
 * <p>Checks, in order: a tradeable side and a positive amount; the market accepts orders; LIVE_MAX_ORDER_USD on the
 * order's amount; limits on the tick grid (the coarser of the market's and the book's tick, rounded down); at least
 * one lot and at least the market's minimum size (in shares, at the limit, the fewest the order can receive); the
 * decision's book has an ask at or below the limit (an ask only above it is PRICE_ABOVE_LIMIT, none at all
 * NO_LIQUIDITY); amount + the highest fee the order could incur within the portfolio's available balance.
 *
 * @param legs        one (directional) or two (ARB: Up, Down) legs
 * @param feeEstimate the highest taker fee the legs can incur: spending a fixed amount, the fee
 *                    {@code amount/p × rate × (p(1−p))^e} is largest at the cheapest price, so it is taken over the
 *                    book's asks at or below the limit and the limit itself
 */
record OrderPlan(Direction side, List<Leg> legs, Usd feeEstimate) {

    /** One order to send. */
    record Leg(Outcome outcome, String tokenId, OrderAmounts amounts) {
    }

    /** Σ maker amounts: the most the plan can spend on shares. */
    Usd notional() {
        long sum = 0;
        for (Leg l : legs) {
            sum = Math.addExact(sum, l.amounts().makerAmount());
        }
        return Usd.ofMicros(sum);
    }

    Usd worstCaseCost() {
        return notional().plus(feeEstimate);
    }

    /** The plan, or the rejection that stops the order before anything is sent. */
    static Result of(Order order, BotConfig.Live live) {
        Market m = order.market();
        if (!order.side().isTrade()) {
            return reject(ResultCode.INVALID_INPUT, "SKIP is not an order");
        }
        if (!order.amount().isPositive()) {
            return reject(ResultCode.INVALID_INPUT, "amount must be > 0, was " + order.amount());
        }
        if (m.closed() || !m.acceptingOrders()) {
            return reject(ResultCode.VENUE_REJECTED, "market " + m.slug() + " is not accepting orders");
        }
        if (order.amount().greaterThan(live.maxOrderUsd())) {
            return reject(ResultCode.ORDER_CAP_EXCEEDED, "order $" + order.amount()
                    + " exceeds LIVE_MAX_ORDER_USD $" + live.maxOrderUsd());
        }
        Result legs = order.side() == Direction.ARB ? arbLegs(order)
                : leg(order, order.side().outcome(), order.amount(), order.limitPrice());
        if (legs.rejection() != null) {
            return legs;
        }
        OrderPlan plan = legs.plan();
        Usd fee = Usd.ZERO;
        for (Leg l : plan.legs()) {
            if (l.amounts().minShares().lessThan(m.minOrderSize())) {
                return reject(ResultCode.BELOW_MIN_ORDER_SIZE, l.outcome() + " leg: at most "
                        + l.amounts().minShares() + " shares guaranteed at " + l.amounts().price()
                        + ", market minimum is " + m.minOrderSize());
            }
            OrderBook book = l.outcome() == Outcome.UP ? order.upBook() : order.downBook();
            if (book != null && !hasAskAtOrBelow(book, l.amounts().price())) {
                boolean anyAsk = book.asks().stream().anyMatch(a -> a.size().isPositive());
                return reject(anyAsk ? ResultCode.PRICE_ABOVE_LIMIT : ResultCode.NO_LIQUIDITY, l.outcome()
                        + " leg: no ask at or below " + l.amounts().price());
            }
            fee = fee.plus(worstFee(l, book, m));
        }
        OrderPlan full = new OrderPlan(order.side(), plan.legs(), fee);
        if (full.worstCaseCost().greaterThan(order.availableBalance())) {
            return reject(ResultCode.INSUFFICIENT_BALANCE, "order needs $" + full.worstCaseCost()
                    + " with fees, the portfolio has $" + order.availableBalance());
        }
        return new Result(full, null);
    }

    private static Result arbLegs(Order order) {
        Price downLimit = order.signal().arbDownAsk();
        if (downLimit == null) {
            return reject(ResultCode.INVALID_INPUT, "ARB order without a Down price (signal.arbDownAsk)");
        }
        Usd half = order.amount().half();
        Result u = leg(order, Outcome.UP, half, order.limitPrice());
        if (u.rejection() != null) {
            return u;
        }
        Result d = leg(order, Outcome.DOWN, order.amount().minus(half), downLimit);
        if (d.rejection() != null) {
            return d;
        }
        return new Result(new OrderPlan(Direction.ARB, List.of(u.plan().legs().get(0), d.plan().legs().get(0)),
                Usd.ZERO), null);
    }

    /** The largest fee spending this leg's amount could cost at any price it may fill at. */
    private static Usd worstFee(Leg leg, OrderBook book, Market m) {
        Usd spend = Usd.ofMicros(leg.amounts().makerAmount());
        Price limit = leg.amounts().price();
        Usd worst = VenueFees.fee(spend.sharesAt(limit), limit, m.fees());
        if (book != null) {
            for (Level a : book.asks()) {
                if (a.price().isZero() || a.price().greaterThan(limit)) {
                    continue;
                }
                worst = Usd.max(worst, VenueFees.fee(spend.sharesAt(a.price()), a.price(), m.fees()));
            }
        }
        return worst;
    }

    private static Result leg(Order order, Outcome outcome, Usd amount, Price limit) {
        Price tick = tick(order, outcome);
        Optional<OrderAmounts> a = OrderAmounts.marketBuy(amount, limit, tick);
        if (a.isEmpty()) {
            return reject(OrderAmounts.alignedLimit(limit, tick).isEmpty() ? ResultCode.INVALID_INPUT
                    : ResultCode.BELOW_MIN_ORDER_SIZE, outcome + " leg: $" + amount + " at " + limit
                    + " (tick " + tick + ") is not one lot");
        }
        return new Result(new OrderPlan(order.side(),
                List.of(new Leg(outcome, order.market().tokenId(outcome), a.get())), Usd.ZERO), null);
    }

    /** The coarser of the market's tick and the book's: a price on the coarser grid is valid on both. */
    static Price tick(Order order, Outcome outcome) {
        Price t = order.market().tickSize();
        OrderBook book = outcome == Outcome.UP ? order.upBook() : order.downBook();
        if (book != null && book.tickSize() != null && book.tickSize().greaterThan(t)) {
            t = book.tickSize();
        }
        return t;
    }

    private static boolean hasAskAtOrBelow(OrderBook book, Price limit) {
        for (Level l : book.asks()) {
            if (!l.price().greaterThan(limit) && l.size().isPositive()) {
                return true;
            }
        }
        return false;
    }

    private static Result reject(ResultCode code, String reason) {
        return new Result(null, new Execution.Rejected(code, reason));
    }

    /** Exactly one of plan and rejection is set. */
    record Result(OrderPlan plan, Execution.Rejected rejection) {
    }
}
