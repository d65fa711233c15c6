package updown.strategy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import updown.domain.Candle;
import updown.domain.LocalBook;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.MarketEvent.BookHealth;
import updown.domain.MarketEvent.BookLevelChanged;
import updown.domain.MarketEvent.BookSnapshot;
import updown.domain.MarketEvent.CandleUpdated;
import updown.domain.MarketEvent.FeedHealth;
import updown.domain.MarketEvent.MarketDiscovered;
import updown.domain.MarketEvent.MarketResolved;
import updown.domain.MarketEvent.PriceToBeat;
import updown.domain.MarketEvent.TickSizeChanged;
import updown.domain.MarketSnapshot;
import updown.domain.MarketStatus;
import updown.domain.MarketsView;
import updown.domain.OrderBook;
import updown.domain.Price;

/**
 * The trader's picture of the world, folded from the market-data event stream (live, simulated or replayed from a
 * tape: the same events, the same code). It only ever knows what arrived at or before "now", and it withholds stale
 * inputs: a book flagged stale by the watchdog (or never snapshotted) is absent from the snapshot, and candles are
 * withheld when the price feed is stale or silent for longer than PRICE_STALE_MS. Single-threaded.
 */
public final class MarketView {
    /** Book levels per side handed to strategies (more than any strategy looks at). */
    static final int BOOK_DEPTH = 50;
    /** Ended markets are forgotten this long after their window (their trades settle through resolutions). */
    static final Duration RETENTION_AFTER_END = Duration.ofMinutes(30);
    private static final String BINANCE = "binance";
    private static final String BINANCE_ASSET = BINANCE + ":";

    private final int candleHistory;
    private final Duration priceStale;
    private final Map<String, Market> markets = new LinkedHashMap<>();
    private final Map<String, LocalBook> books = new HashMap<>();
    private final Set<String> staleTokens = new HashSet<>();
    private final Map<String, Long> priceToBeat = new HashMap<>();
    /** Per asset ("BTC"): its closed candles, its last update, and whether its own feed said it is stale. */
    private final Map<String, AssetPrice> prices = new LinkedHashMap<>();
    private final Deque<MarketResolved> resolutions = new ArrayDeque<>();
    private final Map<String, String> lastDecision = new HashMap<>();
    /** The whole price feed ("binance", every asset) said it is stale. */
    private boolean priceFeedStale;

    private static final class AssetPrice {
        final Deque<Candle> candles = new ArrayDeque<>();
        Instant lastUpdate;
        Long lastMicros;
        boolean stale;
    }

    public MarketView(int candleHistory, long priceStaleMs) {
        this.candleHistory = candleHistory;
        this.priceStale = Duration.ofMillis(priceStaleMs);
    }

    /** Folds one event in. Unknown tokens' book events are kept (the market may be announced a moment later). */
    public void apply(MarketEvent event) {
        if (event instanceof MarketDiscovered d) {
            markets.put(d.market().id(), d.market());
        } else if (event instanceof BookSnapshot s) {
            book(s.tokenId()).applySnapshot(s.bids(), s.asks(), s.tickSize(), s.hash(), s.at());
        } else if (event instanceof BookLevelChanged c) {
            book(c.tokenId()).applyChange(c.side(), c.price(), c.size(), c.at());
        } else if (event instanceof TickSizeChanged t) {
            book(t.tokenId()).applyTickSize(t.tickSize(), t.at());
        } else if (event instanceof BookHealth h) {
            if (h.stale()) {
                staleTokens.add(h.tokenId());
            } else {
                staleTokens.remove(h.tokenId());
            }
        } else if (event instanceof CandleUpdated c) {
            applyCandle(c);
        } else if (event instanceof FeedHealth f) {
            if (BINANCE.equals(f.feed())) {
                priceFeedStale = f.stale();
            } else if (f.feed().startsWith(BINANCE_ASSET)) {
                price(f.feed().substring(BINANCE_ASSET.length())).stale = f.stale();
            }
        } else if (event instanceof PriceToBeat p) {
            priceToBeat.put(p.slug(), p.startMicros());
        } else if (event instanceof MarketResolved r) {
            if (r.winner().isKnown()) {
                resolutions.add(r);
            }
        }
    }

    private LocalBook book(String tokenId) {
        return books.computeIfAbsent(tokenId, LocalBook::new);
    }

    private AssetPrice price(String asset) {
        return prices.computeIfAbsent(asset, a -> new AssetPrice());
    }

    private void applyCandle(CandleUpdated c) {
        AssetPrice p = price(c.asset());
        Deque<Candle> candles = p.candles;
        p.lastUpdate = c.at();
        p.lastMicros = c.candle().closeMicros();
        if (!c.candle().closed()) {
            return;
        }
        // idempotent by open time: a re-sent or backfilled candle replaces, never duplicates
        Candle last = candles.peekLast();
        if (last != null && !c.candle().openTime().isAfter(last.openTime())) {
            List<Candle> all = new ArrayList<>(candles);
            all.removeIf(x -> x.openTime().equals(c.candle().openTime()));
            all.add(c.candle());
            all.sort(Comparator.comparing(Candle::openTime));
            candles.clear();
            candles.addAll(all);
        } else {
            candles.addLast(c.candle());
        }
        while (candles.size() > candleHistory) {
            candles.removeFirst();
        }
    }

    /** Resolutions received since the last call, oldest first. */
    public List<MarketResolved> drainResolutions() {
        List<MarketResolved> out = new ArrayList<>(resolutions);
        resolutions.clear();
        return out;
    }

    /** Markets whose window is running at {@code now} and that accept orders. */
    public List<Market> liveMarkets(Instant now) {
        List<Market> out = new ArrayList<>();
        for (Market m : markets.values()) {
            if (m.isLiveAt(now)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Market::windowStart).thenComparing(Market::slug));
        return out;
    }

    public Collection<Market> markets() {
        return markets.values();
    }

    /** One asset's fresh candles, or an empty list when its feed is stale or silent (strategies then SKIP). */
    public List<Candle> freshCandles(String asset, Instant now) {
        return candlesFresh(asset, now) ? new ArrayList<>(prices.get(asset).candles) : List.of();
    }

    /** One asset's candles are fresh: neither the whole feed nor its own stream is stale, and it updated lately. */
    public boolean candlesFresh(String asset, Instant now) {
        AssetPrice p = prices.get(asset);
        return !priceFeedStale && p != null && !p.stale && p.lastUpdate != null
                && !p.lastUpdate.plus(priceStale).isBefore(now);
    }

    /**
     * Some asset has fresh candles (false before the first candle): like the books, the price feed fails the health
     * check only when no market can trade on it; a stale asset alone stops its own markets (their decisions say so).
     */
    public boolean candlesFresh(Instant now) {
        for (String asset : prices.keySet()) { // a loop, not a stream: this runs every tick
            if (candlesFresh(asset, now)) {
                return true;
            }
        }
        return false;
    }

    /** A book fit to trade on: snapshotted and not flagged stale; else null. */
    public OrderBook freshBook(String tokenId) {
        LocalBook b = books.get(tokenId);
        if (b == null || !b.hasSnapshot() || staleTokens.contains(tokenId)) {
            return null;
        }
        return b.snapshot(BOOK_DEPTH);
    }

    public boolean isStale(String tokenId) {
        LocalBook b = books.get(tokenId);
        return b == null || !b.hasSnapshot() || staleTokens.contains(tokenId);
    }

    public MarketSnapshot snapshot(Market market, Instant now) {
        return new MarketSnapshot(market, freshBook(market.upTokenId()), freshBook(market.downTokenId()),
                freshCandles(market.asset(), now), priceToBeat.get(market.slug()), now);
    }

    public void recordDecision(String slug, String decision) {
        lastDecision.put(slug, decision);
    }

    /** Forgets markets (and their books) that ended long ago: memory stays flat over weeks of running. */
    public void prune(Instant now) {
        // end + retention < now, with one subtraction per call instead of an addition per market (every tick)
        Instant cutoff = now.minus(RETENTION_AFTER_END);
        List<String> gone = null;
        for (Market m : markets.values()) {
            if (m.windowEnd().isBefore(cutoff)) {
                if (gone == null) {
                    gone = new ArrayList<>();
                }
                gone.add(m.id());
            }
        }
        if (gone == null) {
            return;
        }
        for (String id : gone) {
            Market m = markets.remove(id);
            books.remove(m.upTokenId());
            books.remove(m.downTokenId());
            staleTokens.remove(m.upTokenId());
            staleTokens.remove(m.downTokenId());
            priceToBeat.remove(m.slug());
            lastDecision.remove(m.slug());
        }
    }

    /** The dashboard's view: markets not yet ended, with best prices and freshness. */
    public MarketsView view(Instant now) {
        List<MarketStatus> out = new ArrayList<>();
        for (Market m : markets.values()) {
            if (m.windowEnd().isBefore(now)) {
                continue;
            }
            LocalBook up = books.get(m.upTokenId());
            LocalBook down = books.get(m.downTokenId());
            Instant updated = latest(up, down);
            out.add(new MarketStatus(m.slug(), m.question(), m.windowStart(), m.windowEnd(),
                    up == null ? null : up.bestBid(), up == null ? null : up.bestAsk(),
                    down == null ? null : down.bestBid(), down == null ? null : down.bestAsk(),
                    isStale(m.upTokenId()), isStale(m.downTokenId()), updated, priceToBeat.get(m.slug()),
                    lastDecision.getOrDefault(m.slug(), "")));
        }
        out.sort(Comparator.comparing(MarketStatus::windowStart));
        // the header shows the first asset's price (the only one in a single-market bot)
        AssetPrice first = prices.isEmpty() ? null : prices.values().iterator().next();
        return new MarketsView(out, candlesFresh(now), first == null ? null : first.lastUpdate,
                first == null ? null : first.lastMicros, now);
    }

    private static Instant latest(LocalBook a, LocalBook b) {
        Instant x = a == null ? null : a.updatedAt();
        Instant y = b == null ? null : b.updatedAt();
        if (x == null) {
            return y;
        }
        return y == null || x.isAfter(y) ? x : y;
    }

    /** Best ask of a token as currently known (null when unknown), for logs. */
    public Price bestAsk(String tokenId) {
        LocalBook b = books.get(tokenId);
        return b == null ? null : b.bestAsk();
    }
}
