package updown.market;

import java.time.Instant;

/** A websocket {@code market_resolved} event, passed from the book feed to the scanner as a cross-check. */
record ClobResolutionSeen(String conditionId, String winningTokenId, Instant at) {
}
