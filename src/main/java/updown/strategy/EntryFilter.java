package updown.strategy;

import updown.domain.MarketSnapshot;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Signal;

/**
 * SPEC §3: do not buy a token whose best ask is above MAX_ENTRY_PRICE (equal is allowed). A dear token risks a lot
 * to win little. For ARB it applies to both legs: the SPEC's half-per-side arbitrage is only near risk-free when the
 * two legs are roughly balanced (with half the cash per side, a 0.90/0.08 pair buys 11× more of one side than the
 * other, so the result hangs on which side wins); capping each leg at MAX_ENTRY_PRICE keeps them comparable.
 */
final class EntryFilter {
    private final Price maxEntry;

    EntryFilter(Price maxEntry) {
        this.maxEntry = maxEntry;
    }

    /** Why this signal may not enter, or null when it may. */
    String refusal(Signal signal, MarketSnapshot snapshot) {
        return switch (signal.direction()) {
            case BUY_UP -> check("Up", snapshot.up());
            case BUY_DOWN -> check("Down", snapshot.down());
            case ARB -> {
                String up = check("Up", snapshot.up());
                yield up != null ? up : check("Down", snapshot.down());
            }
            case SKIP -> "SKIP does not enter";
        };
    }

    private String check(String side, OrderBook book) {
        if (book == null || book.asks().isEmpty()) {
            return "no " + side + " ask to buy";
        }
        Price ask = book.asks().get(0).price();
        if (ask.isZero()) {
            return side + " ask is " + ask + ", not a real offer";
        }
        if (ask.greaterThan(maxEntry)) {
            return side + " ask " + ask + " is above MAX_ENTRY_PRICE " + maxEntry;
        }
        return null;
    }

    Price maxEntry() {
        return maxEntry;
    }
}
