package updown.domain;

import java.util.List;

/** Orders to the market-data layer. */
public sealed interface MarketCommand {

    /**
     * Look these markets up by slug now and keep checking them until they resolve, whether closed or not (a
     * restart must find the markets of its open trades; never filter with closed=false). Fire and forget: results
     * arrive as {@link MarketEvent.MarketDiscovered} and {@link MarketEvent.MarketResolved}.
     */
    record LookupMarkets(List<String> slugs) implements MarketCommand {
        public LookupMarkets {
            slugs = List.copyOf(slugs);
        }
    }
}
