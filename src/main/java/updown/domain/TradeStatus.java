package updown.domain;

/** A trade is OPEN until its market resolves to a known winner, then SETTLED exactly once. */
public enum TradeStatus {
    OPEN, SETTLED
}
