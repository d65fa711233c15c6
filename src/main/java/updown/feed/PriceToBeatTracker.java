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

    void addReport(ReferenceTick t) {
        TreeMap<Long, Long> r = reports.computeIfAbsent(t.symbol(), k -> new TreeMap<>());
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
            NavigableMap<Long, Long> r = reports.get(symbolOf(win.w.asset()));
            if (r == null || r.isEmpty()) {
                continue;
            }
            boolean changed = false;
            if (win.startMicros == null) {
                OptionalLong p = win.rule.priceAt(win.w.start(), r);
                if (p.isPresent()) {
                    win.startMicros = p.getAsLong();
                    changed = true;
                }
            }
            if (win.startMicros != null && win.endMicros == null) {
                OptionalLong p = win.rule.priceAt(win.w.end(), r);
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
