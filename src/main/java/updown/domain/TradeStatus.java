package updown.domain;

/**
 * A trade is OPEN until its market resolves to a known winner, then SETTLED exactly once. A live trade whose
 * on-chain settlement the venue reports FAILED is REVERSED instead (its cost credited back, never settled).
 */
public enum TradeStatus {
    OPEN, SETTLED, REVERSED
}
