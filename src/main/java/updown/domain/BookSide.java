package updown.domain;

/** Which side of an order book: BID (buyers, wire side "BUY") or ASK (sellers, wire side "SELL"). */
public enum BookSide {
    BID, ASK
}
