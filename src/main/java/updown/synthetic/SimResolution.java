package updown.synthetic;

import java.time.Instant;
import updown.domain.Outcome;

/**
 * A window the exchange resolved while running: the outcome it published, the one Chainlink implies (they differ
 * only under an {@link OutcomeOverride}), and when.
 */
public record SimResolution(SimWindow window, Outcome winner, Outcome chainlinkWinner, Instant at) {
}
