package updown.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;

/**
 * Picks the price-to-beat source: PolyBolt's {@code price.crypto.twap} (Chainlink's 60 s TWAP, what the markets
 * resolve on) when the CLOB API credentials are configured, since PolyBolt refuses anyone without them; RTDS
 * Chainlink otherwise, and as PolyBolt's fallback. Logs one line naming the source at start.
 */
public final class ReferenceSources {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceSources.class);

    /** What {@code MarketDataVerticle} uses in production. */
    public static final ReferencePriceSource.Factory FACTORY = (vertx, scheduler, config, symbols, random) -> {
        LOG.info(startLine(config));
        return usesPolyBolt(config)
                ? new PolyBoltWithFallback(vertx, scheduler, config, symbols, random)
                : new RtdsChainlinkSource(vertx, scheduler, config, symbols, random);
    };

    private ReferenceSources() {
    }

    public static boolean usesPolyBolt(BotConfig config) {
        return config.live().hasApiKeys();
    }

    /** The start line: which source runs, and why RTDS when it is RTDS. */
    public static String startLine(BotConfig config) {
        return usesPolyBolt(config)
                ? "price to beat: PolyBolt (price.crypto.twap 60 s), RTDS Chainlink as the fallback"
                : "price to beat: RTDS Chainlink (no CLOB API keys)";
    }
}
