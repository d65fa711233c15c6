package updown.synthetic;

import updown.domain.Outcome;

/**
 * Decides the outcome the exchange publishes for a window, given the one its Chainlink price says. The default
 * publishes the Chainlink winner. Tests use other rules to force scenarios (e.g. every trade losing, to trip the
 * circuit breaker); the result is then no longer what the RTDS stream implies, which is logged. Called once per window,
 * on the exchange's event loop, at the moment the window resolves.
 */
@FunctionalInterface
public interface OutcomeOverride {
    OutcomeOverride CHAINLINK = (window, chainlinkWinner) -> chainlinkWinner;

    Outcome decide(SimWindow window, Outcome chainlinkWinner);
}
