package updown.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import updown.domain.MarketEvent;
import updown.domain.Resolution;

/**
 * Keeps recent reference reports per symbol and, for each tracked window, its start price (the price to beat) and
 * end price by the window's {@link BoundaryRule}. Pure state: {@link #poll} returns the PriceToBeat events that
 * became known.
 */
final class PriceToBeatTracker {
    static final Duration KEEP_REPORTS = Duration.ofMinutes(20);
    static final Duration KEEP_WINDOWS = Duration.ofHours(2);
    private static final BoundaryRule AS_REPORTED = new BoundaryRule(BoundaryRule.Kind.SPOT_FIRST_AT_OR_AFTER, 0);

    private static final class Window {
        final ReferenceWindow w;
        final BoundaryRule rule;
        Long startMicros;
        Long endMicros;

        Window(ReferenceWindow w) {
            this.w = w;
            this.rule = BoundaryRule.forSource(w.resolutionSource());
        }
    }

    private final Map<String, TreeMap<Long, Long>> reports = new HashMap<>();
    private final Map<String, Window> windows = new LinkedHashMap<>();

    static String symbolOf(String asset) {
        return asset.toLowerCase(Locale.ROOT) + "/usd";
    }

    /** Reports a source already averaged over {@code ms} are kept apart from the raw ones of the same symbol. */
    private static String averagedKey(String symbol, long ms) {
        return symbol + "|avg" + ms;
    }

    void addReport(ReferenceTick t) {
        String key = t.averagedMs() > 0 ? averagedKey(t.symbol(), t.averagedMs()) : t.symbol();
        TreeMap<Long, Long> r = reports.computeIfAbsent(key, k -> new TreeMap<>());
        r.put(t.observedAt().toEpochMilli(), t.valueMicros());
        long cutoff = t.observedAt().minus(KEEP_REPORTS).toEpochMilli();
        while (!r.isEmpty() && r.firstKey() < cutoff) {
            r.pollFirstEntry();
        }
    }

    void track(ReferenceWindow w) {
        Window existing = windows.get(w.slug());
        if (existing == null || !existing.w.equals(w)) {
            windows.put(w.slug(), new Window(w));
        }
    }

    /** PriceToBeat events for every window whose start (and then end) price became known since the last poll. */
    List<MarketEvent.PriceToBeat> poll(Instant now) {
        List<MarketEvent.PriceToBeat> out = new ArrayList<>();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window win = it.next();
            if (win.w.end().plus(KEEP_WINDOWS).isBefore(now)) {
                it.remove();
                continue;
            }
            String symbol = symbolOf(win.w.asset());
            NavigableMap<Long, Long> r = reports.get(symbol);
            NavigableMap<Long, Long> averaged = win.rule.kind() == BoundaryRule.Kind.TWAP_BEFORE
                    ? reports.get(averagedKey(symbol, win.rule.windowMs())) : null;
            if ((r == null || r.isEmpty()) && (averaged == null || averaged.isEmpty())) {
                continue;
            }
            boolean changed = false;
            if (win.startMicros == null) {
                OptionalLong p = priceAt(win.rule, win.w.start(), r, averaged);
                if (p.isPresent()) {
                    win.startMicros = p.getAsLong();
                    changed = true;
                }
            }
            if (win.startMicros != null && win.endMicros == null) {
                OptionalLong p = priceAt(win.rule, win.w.end(), r, averaged);
                if (p.isPresent()) {
                    win.endMicros = p.getAsLong();
                    changed = true;
                }
            }
            if (changed) {
                out.add(new MarketEvent.PriceToBeat(win.w.slug(), win.w.start(), win.startMicros, win.endMicros, now));
            }
        }
        return out;
    }

    /**
     * A TWAP boundary from reports the source already averaged over the same span: the first one stamped at or
     * after the boundary (it averages the span that ends there). Otherwise the rule over the raw reports.
     */
    private static OptionalLong priceAt(BoundaryRule rule, Instant boundary, NavigableMap<Long, Long> raw,
                                        NavigableMap<Long, Long> averaged) {
        if (averaged != null && !averaged.isEmpty()) {
            OptionalLong p = AS_REPORTED.priceAt(boundary, averaged);
            if (p.isPresent()) {
                return p;
            }
        }
        return raw == null || raw.isEmpty() ? OptionalLong.empty() : rule.priceAt(boundary, raw);
    }

    /** Our own Up/Down reading once both prices are known: Up when end ≥ start (ties go Up). */
    Optional<Resolution> reading(String slug) {
        Window w = windows.get(slug);
        if (w == null || w.startMicros == null || w.endMicros == null) {
            return Optional.empty();
        }
        return Optional.of(w.endMicros >= w.startMicros ? Resolution.UP : Resolution.DOWN);
    }

    /** "start=…, end=…, rule=…" for a disagreement log line. */
    String describe(String slug) {
        Window w = windows.get(slug);
        return w == null ? "unknown window" : "start=" + w.startMicros + " end=" + w.endMicros + " micros, rule="
                + w.rule.kind() + (w.rule.windowMs() > 0 ? " " + w.rule.windowMs() + " ms" : "");
    }
}
