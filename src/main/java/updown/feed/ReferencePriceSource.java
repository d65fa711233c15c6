package updown.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import updown.config.BotConfig;
import updown.time.ClockScheduler;
import updown.net.Counters;

/**
 * Where the resolution price (Chainlink BTC/USD) comes from. {@link RtdsChainlinkSource} reads the legacy RTDS
 * stream; the newer PolyBolt stream (API-FACTS §4.3, needs CLOB API keys) can replace it by implementing this and
 * passing its {@link Factory} to {@link PriceToBeatVerticle}.
 */
public interface ReferencePriceSource {

    /** Starts delivering ticks (on the caller's context). Never fails because the server is unreachable. */
    void start(Consumer<ReferenceTick> onTick);

    Future<Void> stop();

    Counters counters();

    /** Builds a source on the owning verticle's context; {@code symbols} are lower-case pairs like "btc/usd". */
    @FunctionalInterface
    interface Factory {
        ReferencePriceSource create(Vertx vertx, ClockScheduler scheduler, BotConfig config, List<String> symbols,
                                    RandomGenerator random);
    }
}
