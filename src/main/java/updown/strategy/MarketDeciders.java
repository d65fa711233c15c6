package updown.strategy;

import java.util.HashMap;
import java.util.Map;
import updown.config.BotConfig;
import updown.domain.Market;
import updown.domain.MarketKey;

/**
 * The decider of each market: the shared one, except for markets whose settings are overridden
 * ({@code ETH_15M_EMA_FAST=...}), which get their own, built from {@link BotConfig#forMarket}.
 */
public final class MarketDeciders {
    private final Decider shared;
    private final Map<MarketKey, Decider> own = new HashMap<>();

    private MarketDeciders(Decider shared) {
        this.shared = shared;
    }

    /** {@code shared} for every market that trades with the global settings, its own decider for the others. */
    public static MarketDeciders of(BotConfig config, Decider shared) {
        MarketDeciders d = new MarketDeciders(shared);
        for (MarketKey key : config.market().markets()) {
            BotConfig mine = config.forMarket(key);
            if (mine != config) {
                d.own.put(key, Decider.fromConfig(mine));
            }
        }
        return d;
    }

    public Decider forMarket(Market market) {
        return own.getOrDefault(MarketKey.of(market), shared);
    }
}
