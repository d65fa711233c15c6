package updown.market;

import java.util.List;
import updown.domain.Market;
import updown.domain.Price;

/**
 * One market as Gamma described it: the domain {@link Market} plus the fields only the resolution check needs.
 *
 * @param outcomePrices      [up, down] when Gamma sent them, else empty; final only once resolved
 * @param resolutionSource   the URL naming the Chainlink stream (spot or TWAP), may be empty
 * @param umaResolutionStatus e.g. "resolved", may be null
 */
record GammaMarket(Market market, List<Price> outcomePrices, String resolutionSource, String umaResolutionStatus) {
    GammaMarket {
        outcomePrices = List.copyOf(outcomePrices);
        resolutionSource = resolutionSource == null ? "" : resolutionSource;
    }

    String slug() {
        return market.slug();
    }
}
