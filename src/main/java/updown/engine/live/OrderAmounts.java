package updown.engine.live;

import java.util.Optional;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;

/**
 * Maker/taker amounts of a marketable BUY capped at a price, in 6-decimal units.
 *
 * <p>Rule (Polymarket/py-clob-client-v2 {@code get_market_order_amounts}, the newest official client): the price is
 * put on the tick grid (rounded DOWN, so we never pay more than the limit, and kept within [tick, 1 − tick]); the
 * dollar amount is rounded down to cents; with the price as a reduced fraction num/den, the order spends
 * {@code lots × num} and asks for at least {@code lots × den} shares, {@code lots = ⌊amount / num⌋}. So
 * {@code makerAmount / takerAmount} is exactly the limit price and the worst fill the venue may give is that price;
 * better asks give more shares for the same dollars.
 *
 * @param makerAmount pUSD the order may spend (micro-dollars)
 * @param takerAmount the fewest shares it accepts (micro-shares)
 * @param price       the tick-aligned limit actually signed
 */
public record OrderAmounts(long makerAmount, long takerAmount, Price price) {

    /** The tick-aligned limit: ⌊limit / tick⌋ × tick, at most 1 − tick; empty when below one tick. */
    public static Optional<Price> alignedLimit(Price limit, Price tick) {
        long t = tick.micros();
        if (t <= 0 || t >= Micros.ONE) {
            return Optional.empty();
        }
        long p = Math.min(limit.micros() / t * t, Micros.ONE - t);
        return p < t ? Optional.empty() : Optional.of(Price.ofMicros(p));
    }

    /** Amounts of a BUY spending at most {@code amount} at no worse than {@code limit}; empty if it rounds to nothing. */
    public static Optional<OrderAmounts> marketBuy(Usd amount, Price limit, Price tick) {
        Optional<Price> aligned = alignedLimit(limit, tick);
        if (aligned.isEmpty() || !amount.isPositive()) {
            return Optional.empty();
        }
        long price = aligned.get().micros();
        long g = gcd(price, Micros.ONE);
        long num = price / g;
        long den = Micros.ONE / g;
        long cents = amount.micros() - amount.micros() % 10_000L;
        long lots = cents / num;
        if (lots <= 0) {
            return Optional.empty();
        }
        return Optional.of(new OrderAmounts(Math.multiplyExact(lots, num), Math.multiplyExact(lots, den),
                aligned.get()));
    }

    public Usd maker() {
        return Usd.ofMicros(makerAmount);
    }

    public Shares minShares() {
        return Shares.ofMicros(takerAmount);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
