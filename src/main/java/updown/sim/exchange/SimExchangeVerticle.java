package updown.sim.exchange;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.domain.Outcome;
import updown.time.BotClock;
import updown.time.Timers;
import updown.synthetic.SimMarketModel;
import updown.synthetic.SimOptions;
import updown.synthetic.SimResolution;
import updown.synthetic.SimWindow;
import updown.synthetic.fault.FaultEvent;
import updown.synthetic.fault.FaultKind;
import updown.synthetic.fault.Venue;

/**
 * Runs the four venue servers on one event loop and moves the simulation forward: each step publishes everything
 * that happened in (previous step, now] — listings, openings, closings, resolutions, faults, book deltas, klines,
 * Chainlink reports. Stepped by a timer in simulate, by the caller in tests.
 */
final class SimExchangeVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SimExchange.class);

    private final BotClock clock;
    private final SimMarketModel model;
    private final List<SimMarketModel> models;
    private final SimOptions options;
    private final SimStats stats = new SimStats();
    private final List<SimWindow> pendingResolution = new ArrayList<>();
    private final List<SimResolution> resolutions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ExchangeState state;
    private FaultSchedule faults;
    private ClobMarketChannel clobWs;
    private BinanceServer binance;
    private RtdsServer rtds;
    private int gammaPort;
    private int clobPort;
    private int binancePort;
    private int rtdsPort;
    private Instant lastStep;

    SimExchangeVerticle(BotClock clock, SimMarketModel model) {
        this(clock, List.of(model));
    }

    /** Serves every series of {@code models}; the first is the primary one (faults follow its windows). */
    SimExchangeVerticle(BotClock clock, List<SimMarketModel> models) {
        this.clock = clock;
        this.model = models.get(0);
        this.models = List.copyOf(models);
        this.options = model.options();
    }

    @Override
    public Future<?> start() {
        long seed = options.seed();
        faults = new FaultSchedule(options.faults(), model);
        state = new ExchangeState(models, faults, model.simStart());
        GammaServer gamma = new GammaServer(new HttpVenue(Venue.GAMMA, state, stats, seed));
        clobWs = new ClobMarketChannel(state, stats, seed);
        ClobServer clob = new ClobServer(new HttpVenue(Venue.CLOB_REST, state, stats, seed), clobWs);
        // each asset's USDT symbol from its own path; BTC under the configured symbol (BTCUSDT unless a test says)
        java.util.Map<String, String> symbols = new java.util.LinkedHashMap<>();
        for (SimMarketModel m : models) {
            String asset = m.key().asset();
            symbols.putIfAbsent("BTC".equals(asset) ? options.binanceSymbol() : asset + "USDT", asset);
        }
        binance = new BinanceServer(new HttpVenue(Venue.BINANCE_REST, state, stats, seed), stats, seed, symbols);
        rtds = new RtdsServer(state, stats, seed, options.binanceSymbol());
        Future<HttpServer> g = gamma.listen(vertx);
        Future<HttpServer> c = clob.listen(vertx);
        Future<HttpServer> b = binance.listen(vertx);
        Future<HttpServer> r = rtds.listen(vertx);
        return Future.all(g, c, b, r).map(all -> {
            gammaPort = g.result().actualPort();
            clobPort = c.result().actualPort();
            binancePort = b.result().actualPort();
            rtdsPort = r.result().actualPort();
            stepTo(clock.instant());
            LOG.info("SimExchange up on 127.0.0.1 (gamma :{}, clob :{}, binance :{}, rtds :{}); {}; seed {}; {}",
                    gammaPort, clobPort, binancePort, rtdsPort, model.describePath(), seed, options.faults());
            if (options.autoStep()) {
                new Timers(vertx, clock).every(options.stepMs(), id -> timedStep());
            }
            return null;
        });
    }

    Context context() {
        return context;
    }

    ExchangeState state() {
        return state;
    }

    FaultSchedule faults() {
        return faults;
    }

    SimStats stats() {
        return stats;
    }

    List<SimResolution> resolutions() {
        return List.copyOf(resolutions);
    }

    int gammaPort() {
        return gammaPort;
    }

    int clobPort() {
        return clobPort;
    }

    int binancePort() {
        return binancePort;
    }

    int rtdsPort() {
        return rtdsPort;
    }

    /** A timer's step: a failure is logged and the next tick tries again, so one bad step cannot stop the venue. */
    private void timedStep() {
        try {
            stepTo(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("sim step at {} failed; continuing", clock.instant(), e);
        }
    }

    /** Publishes everything that happened since the last step, up to {@code t}. Runs on the event loop. */
    void stepTo(Instant t) {
        if (lastStep != null && !t.isAfter(lastStep)) {
            return;
        }
        Instant prev = lastStep;
        lastStep = t;
        state.moveTo(t);
        windows(prev, t);
        if (prev == null) {
            return;
        }
        faults(prev, t);
        clobWs.step(t);
        binance.step(prev, t);
        rtds.step(t);
        if (faults.active(Venue.CLOB_WS, FaultKind.MALFORMED, t).isPresent()) {
            clobWs.malformed(t);
        }
        if (faults.active(Venue.BINANCE_WS, FaultKind.MALFORMED, t).isPresent()) {
            binance.malformed(t);
        }
        if (faults.active(Venue.RTDS_WS, FaultKind.MALFORMED, t).isPresent()) {
            rtds.malformed(t);
        }
    }

    private static boolean in(Instant x, Instant after, Instant upTo) {
        return (after == null || x.isAfter(after)) && !x.isAfter(upTo);
    }

    private void windows(Instant prev, Instant now) {
        for (SimMarketModel m : models) {
            seriesWindows(m, prev, now);
        }
        resolveDue(prev, now);
    }

    /** One series' listings, openings and closings in (prev, now]; closed windows join the pending resolutions. */
    private void seriesWindows(SimMarketModel model, Instant prev, Instant now) {
        long len = model.windowSeconds();
        Instant from = prev == null ? model.epoch()
                : Instant.ofEpochSecond(Math.floorDiv(prev.getEpochSecond(), len) * len).minusSeconds(2 * len);
        Instant to = now.plusSeconds((options.listAheadWindows() + 2) * len);
        for (SimWindow w : model.windowsStartingBetween(from, to)) {
            if (prev != null && in(w.listedAt(), prev, now)) {
                LOG.debug("{} listed", w.slug());
                clobWs.newMarket(w, now);
            }
            if (prev != null && in(w.start(), prev, now)) {
                LOG.info("{} opens (window {}), price to beat {}", w.slug(), w.index(),
                        model.chainlinkPrice(w.start()).toPlainString());
            }
            if (in(w.end(), prev, now) && !state.resolved(w) && !pendingResolution.contains(w)) {
                pendingResolution.add(w);
                Duration extra = faults.extraResolutionDelay(w);
                if (prev != null && !extra.isZero()) {
                    stats.faultStarted(FaultKind.LATE_RESOLUTION);
                }
                if (prev != null) {
                    LOG.info("{} closes at Chainlink {} (start {}), resolves at {}{}", w.slug(),
                            model.chainlinkPrice(w.end()).toPlainString(),
                            model.chainlinkPrice(w.start()).toPlainString(), state.resolvesAt(w),
                            extra.isZero() ? "" : " (late-resolution fault: +" + extra.toSeconds() + " s, fault seed "
                                    + faults.plan().seed() + ")");
                }
            }
        }
    }

    private void resolveDue(Instant prev, Instant now) {
        pendingResolution.sort(Comparator.comparing(state::resolvesAt).thenComparing(SimWindow::slug));
        for (SimWindow w : new ArrayList<>(pendingResolution)) {
            if (state.resolvesAt(w).isAfter(now)) {
                continue;
            }
            pendingResolution.remove(w);
            Outcome natural = state.modelOf(w).chainlinkWinner(w);
            Outcome winner = options.outcomeOverride().decide(w, natural);
            if (winner == null) {
                winner = natural;
            }
            state.publish(w, winner);
            if (prev == null) {
                LOG.debug("{} resolved {} (history)", w.slug(), winner);
                continue;
            }
            if (winner != natural) {
                LOG.warn("{} resolves {} by override although Chainlink says {}", w.slug(), winner, natural);
            }
            LOG.info("{} resolves {}", w.slug(), winner);
            resolutions.add(new SimResolution(w, winner, natural, now));
            clobWs.marketResolved(w, winner, now);
        }
    }

    private void faults(Instant prev, Instant now) {
        for (FaultEvent e : faults.startingIn(prev, now)) {
            stats.faultStarted(e.kind());
            LOG.info("sim fault: {} (fault seed {})", e.describe(), faults.plan().seed());
            if (e.kind() == FaultKind.WS_DROP) {
                switch (e.venue()) {
                    case CLOB_WS -> clobWs.drop();
                    case BINANCE_WS -> binance.drop(now);
                    case RTDS_WS -> rtds.drop();
                    default -> { }
                }
            } else if (e.kind() == FaultKind.WS_FREEZE) {
                switch (e.venue()) {
                    case CLOB_WS -> clobWs.freeze(e.until());
                    case BINANCE_WS -> binance.freeze(e.until());
                    case RTDS_WS -> rtds.freeze(e.until());
                    default -> { }
                }
            }
        }
    }
}
