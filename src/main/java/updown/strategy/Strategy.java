package updown.strategy;

import updown.domain.MarketSnapshot;
import updown.domain.Signal;

/**
 * WHAT to trade: a pure function of market state. No I/O, no bus, no clock (time comes in the snapshot). Bad or
 * insufficient input yields a SKIP signal with a reason, never an exception.
 */
public interface Strategy {
    String name();

    Signal evaluate(MarketSnapshot snapshot);
}
