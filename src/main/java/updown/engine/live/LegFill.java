package updown.engine.live;

import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;

/** What one live order bought: pUSD spent, shares received, taker fee, and the venue's order id. */
record LegFill(String tokenId, Usd spent, Shares shares, Usd fee, String orderId) {
    /** Volume-weighted price, rounded once. */
    Price price() {
        return Price.ofMicros(Micros.div(spent.micros(), shares.micros()));
    }
}
