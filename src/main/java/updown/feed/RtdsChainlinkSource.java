package updown.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.time.ClockScheduler;
import updown.net.Counters;
import updown.net.FailureLog;
import updown.net.ParseResult;
import updown.net.WsConnection;

/**
 * Chainlink reports from Polymarket's RTDS websocket ({@code crypto_prices_chainlink}, API-FACTS §4.2): subscribe
 * per symbol on every connect, send {@code PING} every {@value #PING_EVERY_MS} ms, reconnect when no report came
 * for PRICE_STALE_MS. The subscribe reply's history dump is replayed as reports too, so a restart recovers the last
 * minute.
 */
public final class RtdsChainlinkSource implements ReferencePriceSource {
    private static final Logger LOG = LoggerFactory.getLogger(RtdsChainlinkSource.class);
    static final long PING_EVERY_MS = 5_000;

    /** The factory {@link PriceToBeatVerticle} uses by default. */
    public static final Factory FACTORY = RtdsChainlinkSource::new;

    private final ClockScheduler scheduler;
    private final BotConfig.MarketData cfg;
    private final Set<String> symbols;
    private final Counters counters = new Counters();
    private final FailureLog frameErrors = new FailureLog(LOG, "rtds frames");
    private final WsConnection ws;
    private Consumer<ReferenceTick> onTick;
    private Instant lastReport;

    RtdsChainlinkSource(Vertx vertx, ClockScheduler scheduler, BotConfig config, List<String> symbols,
                        RandomGenerator random) {
        this.scheduler = scheduler;
        this.cfg = config.market();
        this.symbols = Set.copyOf(symbols);
        this.ws = new WsConnection(vertx, scheduler, cfg, cfg.rtdsWsUrl(), random, counters, "rtds",
                new WsConnection.Listener() {
                    @Override
                    public void onOpen() {
                        lastReport = scheduler.clock().instant();
                        ws.send(RtdsMessages.subscribeChainlink(List.copyOf(RtdsChainlinkSource.this.symbols)));
                    }

                    @Override
                    public void onText(String text) {
                        onFrame(text);
                    }

                    @Override
                    public void onDown(String reason) {
                        counters.inc("rtds.down");
                    }
                });
    }

    @Override
    public void start(Consumer<ReferenceTick> ticks) {
        this.onTick = ticks;
        scheduler.every(PING_EVERY_MS, () -> ws.send(RtdsMessages.PING));
        scheduler.every(Math.max(100, cfg.priceStaleMs() / 4), this::watchSilence);
        ws.start();
    }

    @Override
    public Future<Void> stop() {
        return ws.stop();
    }

    @Override
    public Counters counters() {
        return counters;
    }

    /** PONGs prove the socket alive but not the subscription: no report for PRICE_STALE_MS means resubscribe. */
    private void watchSilence() {
        Instant now = scheduler.clock().instant();
        if (ws.isOpen() && lastReport != null && Duration.between(lastReport, now).toMillis() > cfg.priceStaleMs()) {
            counters.inc("ws.silent-restarts");
            ws.restart("no report for more than " + cfg.priceStaleMs() + " ms");
        }
    }

    private void onFrame(String text) {
        ParseResult<RtdsMessage> r = RtdsParser.parse(text);
        if (!r.isOk()) {
            counters.parseError(r.error());
            frameErrors.failure(r.error().kind().name(), r.error().detail());
            return;
        }
        if (r.value() instanceof RtdsMessage.Update u) {
            lastReport = scheduler.clock().instant();
            deliver(u.tick());
        } else if (r.value() instanceof RtdsMessage.Snapshot s) {
            lastReport = scheduler.clock().instant();
            counters.inc("rtds.snapshots");
            s.ticks().forEach(this::deliver);
        } else {
            counters.inc("rtds.keep-alives");
        }
    }

    private void deliver(ReferenceTick t) {
        if (!symbols.contains(t.symbol())) {
            counters.inc("rtds.other-symbol");
            return;
        }
        counters.inc("rtds.reports");
        onTick.accept(t);
    }
}
