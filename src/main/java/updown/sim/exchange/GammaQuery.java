package updown.sim.exchange;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import updown.synthetic.SimWindow;

/**
 * The list parameters of Gamma {@code GET /events} and {@code GET /markets}: filters by slug, id, condition id,
 * token id, series, {@code closed}/{@code active}/{@code archived} and date ranges, then {@code order},
 * {@code ascending}, {@code offset}, {@code limit}. Unknown parameters are ignored, as Gamma does.
 */
final class GammaQuery {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final boolean events;
    private final List<Predicate<SimWindow>> filters = new ArrayList<>();
    private final Set<String> slugs = new LinkedHashSet<>();
    private final Set<String> ids = new LinkedHashSet<>();
    private Comparator<SimWindow> order = Comparator.comparing(SimWindow::start);
    private int limit = DEFAULT_LIMIT;
    private int offset;

    private GammaQuery(boolean events) {
        this.events = events;
    }

    /** Parsed query, or the problem with it (answered as 400). */
    record Parsed(GammaQuery query, String error) {
    }

    static Parsed parse(MultiMap p, boolean events, ExchangeState st) {
        GammaQuery q = new GammaQuery(events);
        try {
            q.read(p, st);
            return new Parsed(q, null);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    private void read(MultiMap p, ExchangeState st) {
        for (String s : p.getAll("slug")) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    slugs.add(part.strip());
                }
            }
        }
        for (String s : p.getAll("id")) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    ids.add(part.strip());
                }
            }
        }
        List<String> conditionIds = multi(p, "condition_ids");
        if (!conditionIds.isEmpty()) {
            filters.add(w -> conditionIds.stream().anyMatch(c -> c.equalsIgnoreCase(w.conditionId())));
        }
        List<String> tokens = multi(p, "clob_token_ids");
        if (!tokens.isEmpty()) {
            filters.add(w -> tokens.contains(w.upTokenId()) || tokens.contains(w.downTokenId()));
        }
        String seriesSlug = p.get("series_slug");
        if (seriesSlug != null) {
            filters.add(w -> GammaJson.seriesSlug(w).equals(seriesSlug.strip()));
        }
        List<String> seriesIds = multi(p, "series_id");
        if (!seriesIds.isEmpty()) {
            filters.add(w -> seriesIds.contains(GammaJson.seriesId(w)));
        }
        Optional<Boolean> closed = bool(p, "closed");
        closed.ifPresent(c -> filters.add(w -> st.closed(w) == c));
        bool(p, "active").ifPresent(a -> filters.add(w -> a)); // every listed market stays active
        bool(p, "archived").ifPresent(a -> filters.add(w -> !a)); // none is archived
        range(p, "end_date", SimWindow::end);
        range(p, "start_date", SimWindow::listedAt);
        range(p, "start_time", SimWindow::start);
        range(p, "event_start_time", SimWindow::start);
        limit = integer(p, "limit", DEFAULT_LIMIT);
        if (limit < 0) {
            throw new IllegalArgumentException("invalid limit");
        }
        limit = Math.min(limit, MAX_LIMIT);
        offset = integer(p, "offset", 0);
        if (offset < 0) {
            throw new IllegalArgumentException("invalid offset");
        }
        String o = p.get("order");
        Comparator<SimWindow> key = o == null ? Comparator.comparing(SimWindow::start) : orderKey(o);
        boolean asc = bool(p, "ascending").orElse(true);
        order = asc ? key : key.reversed();
    }

    private static Comparator<SimWindow> orderKey(String field) {
        switch (field.strip().toLowerCase(Locale.ROOT).replace("_", "")) {
            case "enddate":
            case "closedtime":
                return Comparator.comparing(SimWindow::end);
            case "startdate":
            case "createdat":
                return Comparator.comparing(SimWindow::listedAt);
            default:
                // startTime, eventStartTime, id, and fields without meaning here (volume...) keep listing order
                return Comparator.comparing(SimWindow::start);
        }
    }

    private static List<String> multi(MultiMap p, String name) {
        List<String> out = new ArrayList<>();
        for (String s : p.getAll(name)) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static Optional<Boolean> bool(MultiMap p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        if (v.equalsIgnoreCase("true")) {
            return Optional.of(true);
        }
        if (v.equalsIgnoreCase("false")) {
            return Optional.of(false);
        }
        throw new IllegalArgumentException("invalid " + name);
    }

    private static int integer(MultiMap p, String name, int dflt) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + name);
        }
    }

    private void range(MultiMap p, String name, Function<SimWindow, Instant> field) {
        String min = p.get(name + "_min");
        if (min != null && !min.isBlank()) {
            Instant t = instant(min);
            filters.add(w -> !field.apply(w).isBefore(t));
        }
        String max = p.get(name + "_max");
        if (max != null && !max.isBlank()) {
            Instant t = instant(max);
            filters.add(w -> !field.apply(w).isAfter(t));
        }
    }

    private static Instant instant(String s) {
        String v = s.strip();
        return v.length() == 10 ? Instant.parse(v + "T00:00:00Z") : Instant.parse(v);
    }

    /** The windows this query returns, in order, one page. */
    List<SimWindow> select(ExchangeState st) {
        List<SimWindow> candidates;
        if (!slugs.isEmpty() || !ids.isEmpty()) {
            Set<SimWindow> found = new LinkedHashSet<>();
            for (String s : slugs) {
                st.find(m -> m.windowBySlug(s)).ifPresent(found::add);
            }
            for (String id : ids) {
                st.find(m -> events ? m.windowByEventId(id) : m.windowByMarketId(id)).ifPresent(found::add);
            }
            candidates = found.stream().filter(st::listed).toList();
        } else {
            candidates = st.listedWindows();
        }
        return candidates.stream()
                .filter(w -> filters.stream().allMatch(f -> f.test(w)))
                .sorted(order)
                .skip(offset)
                .limit(limit)
                .toList();
    }
}
