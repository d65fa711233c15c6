package updown.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.time.ClockScheduler;
import updown.net.Counters;

/**
 * PolyBolt first; when it gives up (refused keys, policy close, no answer) RTDS Chainlink takes over for the rest
 * of the run, with one log line saying so. Counters are the two sources' together, plus {@code ptb.fallbacks}.
 */
final class PolyBoltWithFallback implements ReferencePriceSource {
    private static final Logger LOG = LoggerFactory.getLogger(PolyBoltWithFallback.class);

    private final Vertx vertx;
    private final ClockScheduler scheduler;
    private final BotConfig config;
    private final List<String> symbols;
    private final RandomGenerator random;
    private final PolyBoltSource polyBolt;
    private RtdsChainlinkSource rtds;
    private Consumer<ReferenceTick> onTick;

    PolyBoltWithFallback(Vertx vertx, ClockScheduler scheduler, BotConfig config, List<String> symbols,
                         RandomGenerator random) {
        this.vertx = vertx;
        this.scheduler = scheduler;
        this.config = config;
        this.symbols = List.copyOf(symbols);
        this.random = random;
        this.polyBolt = new PolyBoltSource(vertx, scheduler, config, symbols, random, this::fallBack);
    }

    @Override
    public void start(Consumer<ReferenceTick> ticks) {
        this.onTick = ticks;
        polyBolt.start(ticks);
    }

    private void fallBack(String reason) {
        if (rtds != null) {
            return;
        }
        LOG.warn("price to beat: PolyBolt gave up ({}); RTDS Chainlink from now on", reason);
        rtds = new RtdsChainlinkSource(vertx, scheduler, config, symbols, random);
        rtds.start(onTick);
    }

    /** True once RTDS took over. */
    boolean fellBack() {
        return rtds != null;
    }

    @Override
    public Future<Void> stop() {
        Future<Void> p = polyBolt.stop();
        return rtds == null ? p : Future.all(p, rtds.stop()).mapEmpty();
    }

    @Override
    public Counters counters() {
        Counters all = new Counters();
        polyBolt.counters().snapshot().forEach(all::add);
        if (rtds != null) {
            all.inc("ptb.fallbacks");
            rtds.counters().snapshot().forEach(all::add);
        }
        return all;
    }
}
