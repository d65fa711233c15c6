package updown.sim.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import updown.domain.MarketKey;
import updown.domain.Outcome;
import updown.synthetic.BookModel;
import updown.synthetic.SimMarketModel;
import updown.synthetic.SimWindow;

/**
 * What the exchange has published so far: the simulated instant of its last step (every venue answers as of that
 * instant, so REST and websockets always agree) and the outcome of every resolved window. Written only by the
 * stepper on the exchange's event loop; readable from any thread.
 */
final class ExchangeState {
    private final SimMarketModel model;
    private final Map<MarketKey, SimMarketModel> models = new LinkedHashMap<>();
    private final FaultSchedule faults;
    private final Map<String, Outcome> published = new ConcurrentHashMap<>();
    private volatile Instant now;

    ExchangeState(SimMarketModel model, FaultSchedule faults, Instant start) {
        this(List.of(model), faults, start);
    }

    /** Serves every series of {@code all}; the first is the primary one ({@link #model()}). */
    ExchangeState(List<SimMarketModel> all, FaultSchedule faults, Instant start) {
        this.model = all.get(0);
        all.forEach(m -> models.put(m.key(), m));
        this.faults = faults;
        this.now = start;
    }

    /** The primary series' model (faults and the record source follow it). */
    SimMarketModel model() {
        return model;
    }

    /** Every series' model, primary first. */
    List<SimMarketModel> models() {
        return List.copyOf(models.values());
    }

    /** The model of the series a window belongs to. */
    SimMarketModel modelOf(SimWindow w) {
        return models.getOrDefault(w.market(), model);
    }

    /** The model of one asset's price ("ETH"), when a served series trades it. */
    Optional<SimMarketModel> modelOfAsset(String asset) {
        return models.values().stream().filter(m -> m.key().asset().equalsIgnoreCase(asset)).findFirst();
    }

    /** The first window any series finds by this lookup. */
    Optional<SimWindow> find(java.util.function.Function<SimMarketModel, Optional<SimWindow>> lookup) {
        for (SimMarketModel m : models.values()) {
            Optional<SimWindow> w = lookup.apply(m);
            if (w.isPresent()) {
                return w;
            }
        }
        return Optional.empty();
    }

    FaultSchedule faults() {
        return faults;
    }

    Instant now() {
        return now;
    }

    void moveTo(Instant t) {
        now = t;
    }

    /**
     * Listed = on Gamma with books: from its listing time on, if it belongs to the session and the price path has data
     * for it (a window touching a gap of a replayed kline file is never listed).
     */
    boolean listed(SimWindow w) {
        SimMarketModel model = modelOf(w);
        return !now.isBefore(w.listedAt()) && model.inSession(w) && model.hasData(w);
    }

    boolean started(SimWindow w) {
        return !now.isBefore(w.start());
    }

    /** Closed = past its end: Gamma {@code closed:true}, no longer accepting orders. */
    boolean closed(SimWindow w) {
        return !now.isBefore(w.end());
    }

    Instant resolvesAt(SimWindow w) {
        return w.end().plus(w.resolutionDelay()).plus(faults.extraResolutionDelay(w));
    }

    void publish(SimWindow w, Outcome winner) {
        published.put(w.slug(), winner);
    }

    Optional<Outcome> winner(SimWindow w) {
        return Optional.ofNullable(published.get(w.slug()));
    }

    boolean resolved(SimWindow w) {
        return published.containsKey(w.slug());
    }

    /** A window has books from its listing until it resolves (then /book answers 404). */
    boolean hasBooks(SimWindow w) {
        return listed(w) && !resolved(w);
    }

    BookModel.WindowBooks books(SimWindow w) {
        return modelOf(w).books(w, now);
    }

    /** The window of a token that currently has a book. */
    Optional<SimWindow> bookWindow(String tokenId) {
        return find(m -> m.windowById(tokenId)).filter(w -> w.outcomeOf(tokenId) != null).filter(this::hasBooks);
    }

    /** Every listed window of every series, oldest first (then by slug). */
    List<SimWindow> listedWindows() {
        List<SimWindow> out = new ArrayList<>();
        for (SimMarketModel m : models.values()) {
            Instant horizon = now.plus(Duration.ofSeconds((m.options().listAheadWindows() + 2) * m.windowSeconds()));
            m.windowsStartingBetween(m.epoch(), horizon).stream().filter(this::listed).forEach(out::add);
        }
        out.sort(java.util.Comparator.comparing(SimWindow::start).thenComparing(SimWindow::slug));
        return out;
    }
}
