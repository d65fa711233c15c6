package updown.market;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.Market;
import updown.domain.MarketCommand;
import updown.domain.MarketEvent;
import updown.domain.MarketKey;
import updown.domain.Resolution;
import updown.feed.ReferenceWindow;
import updown.time.ClockScheduler;
import updown.net.Counters;
import updown.net.HttpJsonClient;
import updown.time.BotClock;

/**
 * Finds the up/down markets through Gamma and decides when they resolved.
 *
 * <p>Every SCAN_INTERVAL_MS: looks up the current and next window of every configured market (MARKETS) by slug, every
 * {@value #BROAD_EVERY}th cycle also a broader search matched by {@link SlugMatcher}; publishes
 * {@link MarketEvent.MarketDiscovered} when a market is new or its metadata changed. Then checks every tracked
 * market past its end, and every market named by {@link MarketCommand.LookupMarkets}, until it resolved by
 * {@link ResolutionRule}; publishes {@link MarketEvent.MarketResolved} once, with UP or DOWN only.
 */
public final class MarketScannerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(MarketScannerVerticle.class);
    static final int BROAD_EVERY = 10;
    /** Markets this long past their end are re-checked only every {@value #BROAD_EVERY}th cycle. */
    static final Duration SLOW_CHECK_AFTER = Duration.ofHours(1);
    private static final int REMEMBER_RESOLVED = 2_000;

    private static final class Tracked {
        final String slug;
        GammaMarket gm;
        boolean lookedUp;
        boolean published;
        boolean conflictLogged;
        /** When this process first saw Gamma's decisive verdict (for the cross-check grace); null before. */
        Instant gammaDecidedAt;
        Resolution gammaVerdict;
        boolean waitingLogged;

        Tracked(String slug) {
            this.slug = slug;
        }
    }

    private final BotConfig.MarketData cfg;
    private final BotClock clock;
    private final RandomGenerator random;
    private final Counters counters = new Counters();
    private final SlugMatcher matcher;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private final Set<String> resolved = new LinkedHashSet<>();
    private final Map<String, String> wsWinners = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
            return size() > REMEMBER_RESOLVED;
        }
    };
    private final Set<String> lookupMissLogged = new HashSet<>();
    private ClockScheduler scheduler;
    private HttpJsonClient gammaHttp;
    private HttpJsonClient clobHttp;
    private GammaClient gamma;
    private ClobRest clob;
    private boolean cycleRunning;
    private long cycles;

    public MarketScannerVerticle(BotConfig config, BotClock clock, RandomGenerator random) {
        this.cfg = config.market();
        this.clock = clock;
        this.random = random;
        this.matcher = new SlugMatcher(cfg.markets());
    }

    /** Counters: scan.cycles, scan.skipped-busy, gamma.*, parse.*, http.*, markets.discovered, markets.resolved... */
    public Counters counters() {
        return counters;
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        scheduler = new ClockScheduler(vertx, clock);
        gammaHttp = new HttpJsonClient(vertx, scheduler, cfg, random, counters, "gamma", 3);
        clobHttp = new HttpJsonClient(vertx, scheduler, cfg, random, counters, "clob-rest", 3);
        gamma = new GammaClient(gammaHttp, cfg.gammaApiUrl(), counters);
        clob = new ClobRest(clobHttp, cfg.clobApiUrl(), counters);
        MessageConsumer<MarketCommand> lookups = vertx.eventBus().consumer(Addresses.MARKET_LOOKUP,
                m -> {
                    if (m.body() instanceof MarketCommand.LookupMarkets l) {
                        onLookup(l);
                    }
                });
        MessageConsumer<Object> wsResolved = vertx.eventBus().consumer(Addresses.MARKET_CLOB_RESOLVED, m -> {
            if (m.body() instanceof ClobResolutionSeen s) {
                wsWinners.put(s.conditionId().toLowerCase(java.util.Locale.ROOT), s.winningTokenId());
            }
        });
        scheduler.after(0, this::cycle);
        scheduler.every(cfg.scanIntervalMs(), this::cycle);
        return Future.all(lookups.completion(), wsResolved.completion());
    }

    @Override
    public Future<?> stop() {
        scheduler.close();
        gammaHttp.close();
        clobHttp.close();
        return Future.succeededFuture();
    }

    private void cycle() {
        if (cycleRunning) {
            counters.inc("scan.skipped-busy");
            return;
        }
        cycleRunning = true;
        cycles++;
        counters.inc("scan.cycles");
        Instant now = clock.instant();
        List<Future<?>> work = new ArrayList<>();
        for (MarketKey key : cfg.markets()) {
            String asset = key.asset();
            int minutes = key.windowMinutes();
            Instant current = Windows.startOf(now, minutes);
            for (Instant start : List.of(current, current.plus(Duration.ofMinutes(minutes)))) {
                String slug = Windows.slug(asset, minutes, start);
                // transport failures are logged once per kind by the HTTP client; here they are only counted
                work.add(gamma.bySlug(slug).onSuccess(found -> found.ifPresent(gm -> onMarket(gm, false)))
                        .onFailure(e -> counters.inc("scan.lookup-failed")));
            }
            if (cycles % BROAD_EVERY == 1) {
                work.add(gamma.broad(asset, minutes, now).onSuccess(list -> list.forEach(gm -> onMarket(gm, false)))
                        .onFailure(e -> counters.inc("scan.broad-failed")));
            }
        }
        Future.join(work)
                .transform(ar -> checkResolutions(now))
                .onComplete(ar -> {
                    cycleRunning = false;
                    counters.inc("scan.completed");
                });
    }

    /** A market Gamma told us about; {@code forced} publishes it even unchanged (a lookup asked for it). */
    private void onMarket(GammaMarket found, boolean forced) {
        Instant now = clock.instant();
        GammaMarket gm = withMatchedAsset(found);
        Market m = gm.market();
        if (resolved.contains(m.slug()) && !forced) {
            return;
        }
        Tracked t = tracked.get(m.slug());
        if (t == null) {
            if (!forced && !relevantNew(m, now)) {
                return;
            }
            t = new Tracked(m.slug());
            tracked.put(m.slug(), t);
        }
        boolean changed = t.gm == null || !t.gm.market().equals(m);
        t.gm = gm;
        if (changed || forced || !t.published) {
            t.published = true;
            counters.inc("markets.discovered");
            publish(new MarketEvent.MarketDiscovered(m, now));
            vertx.eventBus().publish(Addresses.MARKET_REFERENCE_WINDOWS, new ReferenceWindow(m.slug(), m.asset(),
                    m.windowStart(), m.windowEnd(), gm.resolutionSource()));
        }
    }

    /** An unknown market is worth following when it is one of ours and its window is current or next. */
    private boolean relevantNew(Market m, Instant now) {
        Optional<SlugMatcher.Match> match = matcher.match(m.slug());
        if (match.isEmpty()) {
            return false;
        }
        Duration len = Duration.ofMinutes(match.get().windowMinutes());
        return m.windowLength().equals(len) && m.windowEnd().isAfter(now)
                && m.windowStart().isBefore(now.plus(len.multipliedBy(2)));
    }

    private GammaMarket withMatchedAsset(GammaMarket gm) {
        Market m = gm.market();
        Optional<SlugMatcher.Match> match = matcher.match(m.slug());
        if (match.isEmpty() || match.get().asset().equals(m.asset())) {
            return gm;
        }
        Market fixed = new Market(m.id(), m.conditionId(), m.slug(), m.question(), match.get().asset(),
                m.windowStart(), m.windowEnd(), m.upTokenId(), m.downTokenId(), m.tickSize(), m.minOrderSize(),
                m.fees(), m.active(), m.closed(), m.acceptingOrders(), m.enableOrderBook(), m.protocolV2());
        return new GammaMarket(fixed, gm.outcomePrices(), gm.resolutionSource(), gm.umaResolutionStatus());
    }

    private void onLookup(MarketCommand.LookupMarkets cmd) {
        counters.inc("lookup.commands");
        for (String raw : cmd.slugs()) {
            String slug = raw == null ? "" : raw.strip();
            if (slug.isEmpty()) {
                continue;
            }
            // a restart's trader asks again for markets it holds: check them again even if seen resolved
            resolved.remove(slug);
            Tracked t = tracked.computeIfAbsent(slug, Tracked::new);
            t.lookedUp = true;
            t.published = false;
            checkOne(t, true);
        }
    }

    private Future<Void> checkResolutions(Instant now) {
        List<Future<?>> checks = new ArrayList<>();
        for (Tracked t : new ArrayList<>(tracked.values())) {
            boolean ended = t.gm != null && !now.isBefore(t.gm.market().windowEnd());
            if (!ended && !t.lookedUp) {
                continue;
            }
            boolean old = t.gm != null && now.isAfter(t.gm.market().windowEnd().plus(SLOW_CHECK_AFTER));
            if (old && cycles % BROAD_EVERY != 0) {
                continue;
            }
            checks.add(checkOne(t, false));
        }
        return Future.join(checks).transform(ar -> Future.succeededFuture());
    }

    /** Re-reads one market by slug (no closed filter) and publishes its resolution when the rule allows. */
    private Future<Void> checkOne(Tracked t, boolean forcedPublish) {
        counters.inc("resolution.checks");
        return gamma.bySlug(t.slug).compose(found -> {
            if (found.isEmpty()) {
                if (t.lookedUp && lookupMissLogged.add(t.slug)) {
                    LOG.warn("market {} (holding trades) not found on Gamma yet; will keep looking", t.slug);
                }
                counters.inc("lookup.not-found");
                return Future.succeededFuture();
            }
            onMarket(found.get(), forcedPublish || !t.published);
            Tracked current = tracked.get(t.slug);
            if (current == null) {
                return Future.succeededFuture();
            }
            return resolve(current);
        }).recover(e -> {
            counters.inc("resolution.check-failed");
            return Future.succeededFuture();
        });
    }

    private Future<Void> resolve(Tracked t) {
        GammaMarket gm = t.gm;
        Resolution byGamma = ResolutionRule.gamma(gm);
        if (!byGamma.isKnown()) {
            return Future.succeededFuture();
        }
        Market m = gm.market();
        Resolution byWs = ResolutionRule.byToken(
                wsWinners.get(m.conditionId().toLowerCase(java.util.Locale.ROOT)), m);
        return clob.market(m.conditionId())
                .recover(e -> Future.succeededFuture(Optional.empty()))
                .map(info -> {
                    Resolution byClob = info.map(i -> ResolutionRule.clob(i, m)).orElse(Resolution.UNKNOWN);
                    Instant now = clock.instant();
                    if (t.gammaVerdict != byGamma) {
                        t.gammaVerdict = byGamma;
                        t.gammaDecidedAt = now;
                    }
                    ResolutionRule.Verdict v = ResolutionRule.decide(byGamma, byClob, byWs,
                            Duration.between(t.gammaDecidedAt, now));
                    if (v.winner().isKnown()) {
                        tracked.remove(t.slug);
                        remember(t.slug);
                        counters.inc("markets.resolved");
                        LOG.info("market {} resolved {} ({})", t.slug, v.winner(), v.source());
                        publish(new MarketEvent.MarketResolved(m.id(), m.slug(), v.winner(), v.source(),
                                clock.instant()));
                    } else if (v.conflict() && !t.conflictLogged) {
                        t.conflictLogged = true;
                        counters.inc("resolution.conflicts");
                        LOG.warn("market {}: resolution sources disagree (gamma={}, clob={}, ws={}); not settling",
                                t.slug, byGamma, byClob, byWs);
                    } else {
                        if (!t.waitingLogged) {
                            t.waitingLogged = true;
                            LOG.info("market {}: Gamma says {}; waiting for the CLOB or the websocket to confirm "
                                    + "(Gamma alone settles it after {} min)", t.slug, byGamma,
                                    ResolutionRule.GAMMA_ALONE_AFTER.toMinutes());
                        }
                        counters.inc("resolution.waiting-cross-check");
                    }
                    return null;
                });
    }

    private void remember(String slug) {
        resolved.add(slug);
        if (resolved.size() > REMEMBER_RESOLVED) {
            resolved.remove(resolved.iterator().next());
        }
    }

    private void publish(MarketEvent e) {
        vertx.eventBus().publish(Addresses.MARKET_EVENTS, e);
    }
}
