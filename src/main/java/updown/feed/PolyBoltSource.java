package updown.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 * Chainlink's 60 s TWAP from Polymarket's PolyBolt websocket ({@code price.crypto.twap}, API-FACTS §4.3). On every
 * connect: {@code auth} with the CLOB API credentials, wait for {@code authed}, subscribe each pair; the ack is
 * followed by a snapshot of the last two minutes, so a reconnect recovers what it missed.
 * <ul>
 *   <li><b>Sequence</b>: {@code seq} counts per connection and channel. A gap (or a {@code dropped} count) means
 *       lost reports: the channel is unsubscribed and subscribed again, and the fresh snapshot (which holds the
 *       report that showed the gap) fills the hole. A repeated or older {@code seq} is ignored.</li>
 *   <li><b>Close codes</b>: 4001 (auth) and 4008 (policy: do not blindly reconnect) give up; 4003 (draining)
 *       reconnects after a random 0–10 s; 4002 (slow consumer / pong timeout) and any other code reconnect with
 *       the usual backoff.</li>
 *   <li><b>Giving up</b> also follows an {@code error} to our auth or subscribe that another auth cannot cure, no
 *       {@code authed} within HTTP_TIMEOUT_MS, or no report for 3 × PRICE_STALE_MS (one PRICE_STALE_MS of silence
 *       only reconnects). The owner hears it once through {@code onGiveUp} and switches to RTDS.</li>
 * </ul>
 */
final class PolyBoltSource implements ReferencePriceSource {
    private static final Logger LOG = LoggerFactory.getLogger(PolyBoltSource.class);
    static final int MAX_AUTH_ATTEMPTS = 3;
    static final long DRAINING_JITTER_MS = 10_000;

    private final ClockScheduler scheduler;
    private final BotConfig.MarketData cfg;
    private final BotConfig.Live live;
    private final List<String> pairs;
    private final RandomGenerator random;
    private final Consumer<String> onGiveUp;
    private final Counters counters = new Counters();
    private final FailureLog frameErrors = new FailureLog(LOG, "polybolt frames");
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final WsConnection ws;
    private Consumer<ReferenceTick> onTick;
    private Instant lastReport;
    private Instant lastOpen;
    private boolean authed;
    private int authAttempts;
    private long rids;
    private boolean gaveUp;
    private long silenceTask = -1;
    private long authTimeout = -1;

    PolyBoltSource(Vertx vertx, ClockScheduler scheduler, BotConfig config, List<String> pairs,
                   RandomGenerator random, Consumer<String> onGiveUp) {
        this.scheduler = scheduler;
        this.cfg = config.market();
        this.live = config.live();
        this.pairs = List.copyOf(pairs);
        this.random = random;
        this.onGiveUp = onGiveUp;
        this.ws = new WsConnection(vertx, scheduler, cfg, live.polyboltWsUrl(), random, counters, "polybolt",
                new WsConnection.Listener() {
                    @Override
                    public void onOpen() {
                        opened();
                    }

                    @Override
                    public void onText(String text) {
                        onFrame(text);
                    }

                    @Override
                    public void onDown(String reason) {
                        authed = false;
                        counters.inc("polybolt.down");
                    }

                    @Override
                    public OptionalLong onServerClose(int code, String reason) {
                        return closedWith(code);
                    }
                });
    }

    @Override
    public void start(Consumer<ReferenceTick> ticks) {
        this.onTick = ticks;
        lastReport = scheduler.clock().instant();
        silenceTask = scheduler.every(Math.max(100, cfg.priceStaleMs() / 4), this::watchSilence);
        ws.start();
    }

    @Override
    public Future<Void> stop() {
        cancelTimers();
        return ws.stop();
    }

    @Override
    public Counters counters() {
        return counters;
    }

    boolean gaveUp() {
        return gaveUp;
    }

    private void opened() {
        authed = false;
        lastSeq.clear();
        lastOpen = scheduler.clock().instant();
        long connectedAt = counters.get("ws.opened");
        if (authTimeout >= 0) {
            scheduler.cancel(authTimeout);
        }
        authTimeout = scheduler.after(cfg.httpTimeoutMs(), () -> {
            authTimeout = -1;
            if (!authed && counters.get("ws.opened") == connectedAt) {
                giveUp("no authed answer within " + cfg.httpTimeoutMs() + " ms");
            }
        });
        // sent after the timeout is armed: whoever sees the auth frame may already move the clock
        sendAuth();
    }

    private void sendAuth() {
        authAttempts++;
        counters.inc("polybolt.auths");
        ws.send(PolyBoltMessages.auth("a" + (++rids), live));
    }

    private void subscribe() {
        ws.send(PolyBoltMessages.twap("subscribe", "s" + (++rids), pairs));
    }

    private OptionalLong closedWith(int code) {
        counters.inc("polybolt.close." + (code >= 4000 && code <= 4999 ? code : "other"));
        switch (code) {
            case 4001 -> giveUp("closed 4001: the CLOB API credentials were refused");
            case 4008 -> giveUp("closed 4008: policy violation, not reconnecting blindly");
            case 4003 -> {
                return OptionalLong.of(random.nextLong(DRAINING_JITTER_MS + 1));
            }
            default -> {
                // 4002 slow consumer / pong timeout and anything else: reconnect with the usual backoff
            }
        }
        return OptionalLong.empty();
    }

    private void onFrame(String text) {
        ParseResult<PolyBoltMessage> r = PolyBoltParser.parse(text);
        if (!r.isOk()) {
            counters.parseError(r.error());
            frameErrors.failure(r.error().kind().name(), r.error().detail());
            return;
        }
        PolyBoltMessage m = r.value();
        if (m instanceof PolyBoltMessage.Authed) {
            authed = true;
            authAttempts = 0;
            if (authTimeout >= 0) {
                scheduler.cancel(authTimeout);
                authTimeout = -1;
            }
            counters.inc("polybolt.authed");
            subscribe();
        } else if (m instanceof PolyBoltMessage.Subscribed) {
            counters.inc("polybolt.subscribed");
        } else if (m instanceof PolyBoltMessage.Error e) {
            onError(e);
        } else if (m instanceof PolyBoltMessage.Data d) {
            onData(d);
        } else {
            counters.inc("polybolt.keep-alives");
        }
    }

    private void onError(PolyBoltMessage.Error e) {
        counters.inc("polybolt.errors");
        String code = String.valueOf(e.code());
        LOG.warn("polybolt: error {} (channel {}, request {})", code, e.channel(), e.rid());
        if ("auth_required".equals(code) && authAttempts < MAX_AUTH_ATTEMPTS) {
            authed = false;
            sendAuth();
        } else if (code.startsWith("auth") || (e.rid() != null && e.rid().startsWith("s"))) {
            giveUp("error " + code + (e.rid() == null ? "" : " to request " + e.rid()));
        }
    }

    private void onData(PolyBoltMessage.Data d) {
        if (!PolyBoltParser.TWAP_CHANNEL.equals(d.channel())) {
            counters.inc("polybolt.other-channel");
            return;
        }
        Long last = lastSeq.get(d.channel());
        if (d.snapshot()) {
            counters.inc("polybolt.snapshots");
        } else if (last != null && d.seq() <= last) {
            counters.inc("polybolt.old-seq");
            return;
        } else if ((last != null && d.seq() > last + 1) || d.dropped() > 0) {
            // reports were lost before this one: delivering it first could make it the boundary's report; the
            // fresh snapshot brings it together with what was lost
            counters.inc("polybolt.seq-gaps");
            counters.add("polybolt.dropped", d.dropped());
            LOG.info("polybolt: {} seq {} after {}{}; subscribing again for a fresh snapshot", d.channel(), d.seq(),
                    last, d.dropped() > 0 ? " (" + d.dropped() + " dropped)" : "");
            lastSeq.remove(d.channel());
            counters.inc("polybolt.resubscribes");
            ws.send(PolyBoltMessages.twap("unsubscribe", "u" + (++rids), pairs));
            subscribe();
            return;
        }
        lastSeq.put(d.channel(), d.seq());
        lastReport = scheduler.clock().instant();
        for (ReferenceTick t : d.ticks()) {
            if (pairs.contains(t.symbol())) {
                counters.inc("polybolt.reports");
                onTick.accept(t);
            } else {
                counters.inc("polybolt.other-symbol");
            }
        }
    }

    /** Silence for PRICE_STALE_MS reconnects; for 3 × PRICE_STALE_MS (or never authed that long) gives up. */
    private void watchSilence() {
        if (gaveUp) {
            return;
        }
        Instant now = scheduler.clock().instant();
        long silentMs = Duration.between(lastReport, now).toMillis();
        if (silentMs > 3 * cfg.priceStaleMs()) {
            giveUp("no report for more than " + 3 * cfg.priceStaleMs() + " ms");
        } else if (ws.isOpen() && authed && lastOpen != null && silentMs > cfg.priceStaleMs()
                && Duration.between(lastOpen, now).toMillis() > cfg.priceStaleMs()) {
            counters.inc("ws.silent-restarts");
            ws.restart("no report for more than " + cfg.priceStaleMs() + " ms");
        }
    }

    private void giveUp(String reason) {
        if (gaveUp) {
            return;
        }
        gaveUp = true;
        counters.inc("polybolt.gave-up");
        cancelTimers();
        ws.stop();
        onGiveUp.accept(reason);
    }

    private void cancelTimers() {
        if (silenceTask >= 0) {
            scheduler.cancel(silenceTask);
            silenceTask = -1;
        }
        if (authTimeout >= 0) {
            scheduler.cancel(authTimeout);
            authTimeout = -1;
        }
    }
}
