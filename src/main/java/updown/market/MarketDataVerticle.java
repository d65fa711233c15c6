package updown.market;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Random;
import java.util.SplittableRandom;
import updown.config.BotConfig;
import updown.feed.BinanceKlineVerticle;
import updown.feed.PriceToBeatVerticle;
import updown.feed.ReferencePriceSource;
import updown.feed.ReferenceSources;
import updown.time.BotClock;

/**
 * Everything the trader sees of the world, as one ordered stream of {@link updown.domain.MarketEvent} on
 * {@code Addresses.MARKET_EVENTS}: deploys the Gamma scanner, the CLOB book feed, the Binance kline feed and the
 * Chainlink price-to-beat keeper, and is ready once all four are (none waits for the network: an unreachable venue
 * means retries with backoff and stale-health events, never a failed start). Undeploying it undeploys them, which
 * closes their sockets and timers. Every URL comes from {@link BotConfig.MarketData}, so the SimExchange or a test's
 * loopback fakes replace the venues without a code change.
 */
public final class MarketDataVerticle extends VerticleBase {
    private final BotConfig config;
    private final BotClock clock;
    private final long jitterSeed;
    private final ReferencePriceSource.Factory referenceSource;
    private MarketScannerVerticle scanner;
    private BookFeedVerticle books;
    private BinanceKlineVerticle klines;
    private PriceToBeatVerticle priceToBeat;

    /** Production entry point: PolyBolt with CLOB API keys, else RTDS Chainlink ({@link ReferenceSources}); unseeded jitter. */
    public MarketDataVerticle(BotConfig config, BotClock clock) {
        this(config, clock, new SplittableRandom().nextLong(), ReferenceSources.FACTORY);
    }

    /**
     * @param jitterSeed      seeds the reconnect/retry jitter of every component (tests pass a fixed seed)
     * @param referenceSource where Chainlink prices come from (RTDS or PolyBolt)
     */
    public MarketDataVerticle(BotConfig config, BotClock clock, long jitterSeed,
                              ReferencePriceSource.Factory referenceSource) {
        this.config = config;
        this.clock = clock;
        this.jitterSeed = jitterSeed;
        this.referenceSource = referenceSource;
    }

    @Override
    public Future<?> start() {
        scanner = new MarketScannerVerticle(config, clock, new Random(jitterSeed));
        books = new BookFeedVerticle(config, clock, new Random(jitterSeed + 1));
        klines = new BinanceKlineVerticle(config, clock, new Random(jitterSeed + 2));
        priceToBeat = new PriceToBeatVerticle(config, clock, new Random(jitterSeed + 3), referenceSource);
        // the consumers of the market stream first, so they hear the scanner's first discoveries
        return vertx.deployVerticle(books)
                .compose(id -> vertx.deployVerticle(priceToBeat))
                .compose(id -> vertx.deployVerticle(klines))
                .compose(id -> vertx.deployVerticle(scanner));
    }

    public MarketScannerVerticle scanner() {
        return scanner;
    }

    public BookFeedVerticle books() {
        return books;
    }

    public BinanceKlineVerticle klines() {
        return klines;
    }

    public PriceToBeatVerticle priceToBeat() {
        return priceToBeat;
    }
}
