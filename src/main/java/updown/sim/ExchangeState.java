package updown.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import updown.domain.Outcome;

/**
 * What the exchange has published so far: the simulated instant of its last step (every venue answers as of that
 * instant, so REST and websockets always agree) and the outcome of every resolved window. Written only by the
 * stepper on the exchange's event loop; readable from any thread.
 */
final class ExchangeState {
    private final SimMarketModel model;
    private final FaultSchedule faults;
    private final Map<Long, Outcome> published = new ConcurrentHashMap<>();
    private volatile Instant now;

    ExchangeState(SimMarketModel model, FaultSchedule faults, Instant start) {
        this.model = model;
        this.faults = faults;
        this.now = start;
    }

    SimMarketModel model() {
        return model;
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
        return !now.isBefore(w.listedAt()) && model.options().inSession(w.index()) && model.hasData(w);
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
        published.put(w.startSecond(), winner);
    }

    Optional<Outcome> winner(SimWindow w) {
        return Optional.ofNullable(published.get(w.startSecond()));
    }

    boolean resolved(SimWindow w) {
        return published.containsKey(w.startSecond());
    }

    /** A window has books from its listing until it resolves (then /book answers 404). */
    boolean hasBooks(SimWindow w) {
        return listed(w) && !resolved(w);
    }

    BookModel.WindowBooks books(SimWindow w) {
        return model.books(w, now);
    }

    /** The window of a token that currently has a book. */
    Optional<SimWindow> bookWindow(String tokenId) {
        return model.windowById(tokenId).filter(w -> w.outcomeOf(tokenId) != null).filter(this::hasBooks);
    }

    /** Every listed window, oldest first. */
    List<SimWindow> listedWindows() {
        Instant horizon = now.plus(Duration.ofSeconds((model.options().listAheadWindows() + 2)
                * SimMarketModel.WINDOW_SECONDS));
        return model.windowsStartingBetween(model.epoch(), horizon).stream().filter(this::listed).toList();
    }
}
