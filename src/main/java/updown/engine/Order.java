package updown.engine;

import java.util.Objects;
import updown.domain.Direction;
import updown.domain.Market;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Signal;
import updown.domain.Usd;

/**
 * An instruction to an engine: spend {@code amount} on {@code side} of {@code market}, paying at most
 * {@code limitPrice} per share. The books are the ones the decision was made on.
 *
 * @param availableBalance cash the portfolio can spend; an order whose amount + fee exceeds it is rejected
 */
public record Order(Market market, Direction side, Usd amount, Price limitPrice, OrderBook upBook, OrderBook downBook,
                    Usd availableBalance, Signal signal) {
    public Order {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(limitPrice, "limitPrice");
        Objects.requireNonNull(availableBalance, "availableBalance");
        Objects.requireNonNull(signal, "signal");
    }
}
