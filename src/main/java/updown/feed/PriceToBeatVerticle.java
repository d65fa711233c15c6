package updown.feed;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.MarketEvent;
import updown.domain.Resolution;
import updown.time.ClockScheduler;
import updown.net.Counters;
import updown.net.FeedWatch;
import updown.time.BotClock;

/**
 * The price to beat: Chainlink reports from a {@link ReferencePriceSource} (RTDS by default), the start and end
 * price of every window the scanner announces ({@link ReferenceWindow}) by that market's {@link BoundaryRule}.
 * Publishes {@link MarketEvent.PriceToBeat} (once with the start price, again with the end price),
 * {@link MarketEvent.FeedHealth} "chainlink", and logs when its own Up/Down reading disagrees with a
 * {@link MarketEvent.MarketResolved}.
 */
public final class PriceToBeatVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(PriceToBeatVerticle.class);
    public static final String FEED = "chainlink";

    private final BotConfig config;
    private final BotClock clock;
    private final RandomGenerator random;
    private final ReferencePriceSource.Factory factory;
    private final Counters counters = new Counters();
    private final PriceToBeatTracker tracker = new PriceToBeatTracker();
    private ClockScheduler scheduler;
    private ReferencePriceSource source;
    private FeedWatch watch;

    public PriceToBeatVerticle(BotConfig config, BotClock clock, RandomGenerator random,
                               ReferencePriceSource.Factory factory) {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.factory = factory;
    }

    /** Counters: ptb.published, ptb.disagreements, ptb.agreements, plus the source's under "source.". */
    public Counters counters() {
        return counters;
    }

    public Counters sourceCounters() {
        return source == null ? new Counters() : source.counters();
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        scheduler = new ClockScheduler(vertx, clock);
        watch = new FeedWatch(FEED, config.market().priceStaleMs(), clock.instant());
        List<String> symbols = new ArrayList<>();
        config.market().assets().forEach(a -> symbols.add(PriceToBeatTracker.symbolOf(a)));
        source = factory.create(vertx, scheduler, config, symbols, random);
        MessageConsumer<Object> windows = vertx.eventBus().consumer(Addresses.MARKET_REFERENCE_WINDOWS, m -> {
            if (m.body() instanceof ReferenceWindow w) {
                tracker.track(w);
                poll();
            }
        });
        MessageConsumer<Object> events = vertx.eventBus().consumer(Addresses.MARKET_EVENTS, m -> {
            if (m.body() instanceof MarketEvent.MarketResolved r) {
                compare(r);
            }
        });
        source.start(tick -> {
            tracker.addReport(tick);
            watch.onUpdate(clock.instant()).ifPresent(this::publish);
            poll();
        });
        scheduler.every(1_000, this::poll);
        scheduler.every(Math.max(50, Math.min(1_000, config.market().priceStaleMs() / 4)),
                () -> watch.check(clock.instant()).ifPresent(this::publish));
        return Future.all(windows.completion(), events.completion());
    }

    @Override
    public Future<?> stop() {
        scheduler.close();
        return source.stop();
    }

    private void poll() {
        for (MarketEvent.PriceToBeat p : tracker.poll(clock.instant())) {
            counters.inc("ptb.published");
            publish(p);
        }
    }

    private void compare(MarketEvent.MarketResolved r) {
        poll();
        tracker.reading(r.slug()).ifPresent(ours -> {
            if (r.winner().isKnown() && ours != r.winner()) {
                counters.inc("ptb.disagreements");
                LOG.warn("market {} resolved {} but our Chainlink reading says {} ({})", r.slug(), r.winner(), ours,
                        tracker.describe(r.slug()));
            } else if (r.winner() != Resolution.UNKNOWN) {
                counters.inc("ptb.agreements");
            }
        });
    }

    private void publish(MarketEvent e) {
        vertx.eventBus().publish(Addresses.MARKET_EVENTS, e);
    }
}
