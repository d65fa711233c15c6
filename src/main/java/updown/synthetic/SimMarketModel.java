package updown.synthetic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import updown.domain.MarketKey;
import updown.domain.Outcome;
import updown.synthetic.random.Mix;

/**
 * The simulated world, as pure functions of the seed and of simulated time: the BTC path, a Chainlink-like BTC/USD
 * price (the path plus a small basis), the 5-minute windows with their ids, the fair Up probability and both books of
 * every window at every book step, and which side Chainlink says won. Nothing here reads a clock; the exchange asks
 * for "the state at instant t". Safe to read from any thread.
 */
public final class SimMarketModel {
    /** The primary series' window (btc-5m): the grid of sessions, faults and the backtest's record source. */
    public static final long WINDOW_SECONDS = 300;
    /** Start prices of the other assets' GBM paths, and the scale of their Chainlink basis and volume. */
    private static final Map<String, Double> START_PRICE = Map.of("BTC", 100_000.0, "ETH", 3_500.0, "SOL", 180.0,
            "XRP", 2.5);
    private static final Map<String, String> NAME = Map.of("BTC", "Bitcoin", "ETH", "Ethereum", "SOL", "Solana",
            "XRP", "XRP");
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMMM d, h:mma", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma", Locale.US);
    private static final int BOOK_CACHE = 256;

    private final SimOptions options;
    private final MarketKey key;
    /** The seed of this series' windows, ids, books and Chainlink noise: the options' seed for btc-5m. */
    private final long seed;
    /** This series' window length in seconds (300 or 900). */
    private final long windowSeconds;
    /** Added to numeric Gamma ids so two series never share one. */
    private final long idBase;
    private final double priceScale;
    private final Pattern slugPattern;
    private final PricePath path;
    private final BookModel bookModel;
    /** {@link PricePath#monotoneBetween()} of the path (null: scan every second). */
    private final int[] bends;
    private final Instant epoch;
    private final Instant simStart;
    private final long firstWindowStart;
    private final long zeroWindowStart;
    private final Map<Long, SimWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, SimWindow> byId = new ConcurrentHashMap<>();
    private final Map<BookKey, BookModel.WindowBooks> bookCache = new LinkedHashMap<>(BOOK_CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BookKey, BookModel.WindowBooks> e) {
            return size() > BOOK_CACHE;
        }
    };

    /** A window's books at one book step. */
    private record BookKey(long windowStart, long step) {
    }

    SimMarketModel(SimOptions options, PricePath path, Instant simStart) {
        this(options, MarketKey.DEFAULT, path, simStart);
    }

    SimMarketModel(SimOptions options, MarketKey key, PricePath path, Instant simStart) {
        this.options = options;
        this.key = key;
        boolean primary = key.equals(MarketKey.DEFAULT);
        this.seed = primary ? options.seed() : Mix.hash(options.seed(), 0x6D6B74, key.toString().hashCode(), 0);
        this.windowSeconds = key.windowMinutes() * 60L;
        this.idBase = primary ? 0 : 10_000_000L * (1 + ordinal(key));
        this.priceScale = START_PRICE.getOrDefault(key.asset(), 100_000.0) / 100_000.0;
        this.slugPattern = Pattern.compile(Pattern.quote(key.asset().toLowerCase(Locale.ROOT) + "-updown-"
                + key.windowMinutes() + "m-") + "(\\d{9,11})");
        this.path = path;
        this.simStart = simStart;
        Instant e = options.epoch() != null ? options.epoch() : simStart.minus(options.history());
        this.epoch = e.truncatedTo(ChronoUnit.MINUTES);
        if (this.epoch.isAfter(simStart)) {
            throw new IllegalArgumentException("epoch " + this.epoch + " is after the start " + simStart);
        }
        this.firstWindowStart = Math.floorDiv(epoch.getEpochSecond() + windowSeconds - 1, windowSeconds)
                * windowSeconds;
        this.zeroWindowStart = Math.floorDiv(simStart.getEpochSecond(), windowSeconds) * windowSeconds;
        this.bends = path.monotoneBetween();
        this.bookModel = new BookModel(seed, options.depthLevels(), options.arbRate(), options.quoteNoise());
    }

    private static int ordinal(MarketKey key) {
        List<MarketKey> all = new ArrayList<>();
        for (String a : new java.util.TreeSet<>(MarketKey.ASSETS)) {
            for (int w : new java.util.TreeSet<>(MarketKey.WINDOWS)) {
                all.add(new MarketKey(a, w));
            }
        }
        return all.indexOf(key);
    }

    /**
     * The model for these options, starting at {@code simStart}. Reads the kline CSV when one is given (blocking:
     * off the event loop).
     */
    public static SimMarketModel create(SimOptions options, Instant simStart) {
        return createAll(options, simStart).get(0);
    }

    /**
     * One model per series of {@link SimOptions#markets()}, in that order; the series of one asset share its price
     * path: BTC's from the GBM settings or the kline CSV, every other asset's from GBM seeded by the asset, starting at
     * a price of its own (ETH $3,500, SOL $180, XRP $2.50) with the same volatility and drift.
     */
    public static List<SimMarketModel> createAll(SimOptions options, Instant simStart) {
        Map<String, PricePath> paths = new java.util.HashMap<>();
        List<SimMarketModel> out = new ArrayList<>();
        for (MarketKey k : options.markets()) {
            PricePath path = paths.computeIfAbsent(k.asset(), asset -> pathOf(options, asset));
            out.add(new SimMarketModel(options, k, path, simStart));
        }
        return List.copyOf(out);
    }

    private static PricePath pathOf(SimOptions options, String asset) {
        if ("BTC".equals(asset)) {
            return options.klinesCsv() != null
                    ? CsvKlinePath.load(options.klinesCsv())
                    : new GbmPath(options.seed(), options.startPrice(), options.annualVolatility(),
                    options.annualDrift(), options.meanMinuteVolume());
        }
        double scale = START_PRICE.getOrDefault(asset, 100_000.0) / 100_000.0;
        return new GbmPath(Mix.hash(options.seed(), 0x70617468, asset.hashCode(), 0), START_PRICE.get(asset),
                options.annualVolatility(), options.annualDrift(), options.meanMinuteVolume() / scale);
    }

    /** The series this model serves ({@code btc-5m}). */
    public MarketKey key() {
        return key;
    }

    /** This series' window length in seconds. */
    public long windowSeconds() {
        return windowSeconds;
    }

    /**
     * The window belongs to the session: no session end, or it ends within the session's
     * {@link SimOptions#sessionWindows()} five-minute windows (history included; for btc-5m: index &lt; N).
     */
    public boolean inSession(SimWindow w) {
        long zero5 = Math.floorDiv(simStart.getEpochSecond(), WINDOW_SECONDS) * WINDOW_SECONDS;
        return options.sessionWindows() == 0
                || w.end().getEpochSecond() <= zero5 + options.sessionWindows() * WINDOW_SECONDS;
    }

    public SimOptions options() {
        return options;
    }

    /** Second 0 of the price path: nothing (no kline, no Chainlink tick, no window) exists before it. */
    public Instant epoch() {
        return epoch;
    }

    /** When the simulation started: window 0 is the window running then. */
    public Instant simStart() {
        return simStart;
    }

    public String describePath() {
        return path.describe();
    }

    double sigmaPerSecond() {
        return path.sigmaPerSecond();
    }

    // ---------------------------------------------------------------- prices

    public long second(Instant t) {
        return Math.max(0, Math.floorDiv(t.getEpochSecond() - epoch.getEpochSecond(), 1));
    }

    /** BTCUSDT in cents at t (the sample of the second t falls in). */
    public long btcCents(Instant t) {
        return path.cents(second(t));
    }

    public BigDecimal btcPrice(Instant t) {
        return BigDecimal.valueOf(btcCents(t), 2);
    }

    /** Chainlink BTC/USD in units of 1e-8 USD for second {@code s} after the epoch. */
    public long chainlinkE8AtSecond(long s) {
        long basis = Math.round((options.chainlinkBasisUsd()
                + options.chainlinkNoiseUsd() * (2 * Mix.unit(seed, 0x636C, s) - 1)) * priceScale * 1e8);
        return path.cents(s) * 1_000_000L + basis;
    }

    /** Chainlink BTC/USD at t, in 1e-8 USD: the report of the whole second t falls in. */
    public long chainlinkE8(Instant t) {
        return chainlinkE8AtSecond(second(t));
    }

    public BigDecimal chainlinkPrice(Instant t) {
        return BigDecimal.valueOf(chainlinkE8(t), 8);
    }

    /** The kline whose open time is {@code openTime} (a whole minute ≥ the epoch), as it stands at {@code now}. */
    public Optional<Kline> kline(Instant openTime, Instant now) {
        long s0 = openTime.getEpochSecond() - epoch.getEpochSecond();
        if (s0 < 0 || Math.floorMod(s0, 60) != 0 || openTime.getNano() != 0 || openTime.isAfter(now)) {
            return Optional.empty();
        }
        long minute = s0 / 60;
        if (!path.hasMinute(minute)) {
            return Optional.empty(); // a gap in the replayed file: Binance would have served nothing either
        }
        long last = Math.min(s0 + 59, second(now));
        long open = path.cents(s0);
        long high = open;
        long low = open;
        long close = open;
        if (bends != null) {
            // the path is monotone between its bends: the extremes are at the bends or at the ends
            for (int b : bends) {
                if (s0 + b < last) {
                    long c = path.cents(s0 + b);
                    high = Math.max(high, c);
                    low = Math.min(low, c);
                }
            }
            if (last > s0) {
                close = path.cents(last);
                high = Math.max(high, close);
                low = Math.min(low, close);
            }
        } else {
            for (long s = s0 + 1; s <= last; s++) {
                long c = path.cents(s);
                high = Math.max(high, c);
                low = Math.min(low, c);
                close = c;
            }
        }
        boolean closed = !now.isBefore(openTime.plusSeconds(60));
        double fraction = (last - s0 + 1) / 60.0;
        double volume = path.minuteVolume(minute) * fraction;
        int trades = (int) Math.max(1, Math.round(Mix.between(200, 2000, seed, 0x6E, minute) * fraction));
        double takerShare = 0.3 + 0.4 * Mix.unit(seed, 0x7462, minute);
        return Optional.of(new Kline(openTime.toEpochMilli(), open, high, low, close, volume, trades,
                1_000_000_000L + minute * 5_000L, volume * takerShare, closed));
    }

    // ---------------------------------------------------------------- windows

    /** The window starting at {@code startSecond} (a multiple of 300), if it exists (starts at/after the epoch). */
    public Optional<SimWindow> windowStartingAt(long startSecond) {
        SimWindow last = lastWindow;
        if (last != null && last.startSecond() == startSecond) {
            return Optional.of(last); // a replay asks for the running window at every tick
        }
        if (Math.floorMod(startSecond, windowSeconds) != 0 || startSecond < firstWindowStart) {
            return Optional.empty();
        }
        SimWindow w = windows.computeIfAbsent(startSecond, this::makeWindow);
        lastWindow = w;
        return Optional.of(w);
    }

    /** The window asked for last (any thread may ask: a window is immutable once made). */
    private volatile SimWindow lastWindow;

    /**
     * Whether the price path has data for every minute the window's prices come from (its five minutes and the one
     * its end price falls in). False for a window touching a gap of a replayed kline file: such a window is not
     * listed, so no trade is made on minutes the file does not have.
     */
    public boolean hasData(SimWindow w) {
        if (!path.hasGaps()) {
            return true;
        }
        for (long m = second(w.start()) / 60; m <= second(w.end()) / 60; m++) {
            if (!path.hasMinute(m)) {
                return false;
            }
        }
        return true;
    }

    /** Window {@code index}: 0 = the window running at the start, 1 the next... */
    public SimWindow window(int index) {
        return windowStartingAt(zeroWindowStart + index * windowSeconds)
                .orElseThrow(() -> new IllegalArgumentException("window " + index + " is before the epoch"));
    }

    /** The window whose [start, end) contains t. */
    public Optional<SimWindow> windowAt(Instant t) {
        return windowStartingAt(Math.floorDiv(t.getEpochSecond(), windowSeconds) * windowSeconds);
    }

    public Optional<SimWindow> windowBySlug(String slug) {
        Matcher m = slugPattern.matcher(slug == null ? "" : slug);
        if (!m.matches()) {
            return Optional.empty();
        }
        return windowStartingAt(Long.parseLong(m.group(1)));
    }

    /**
     * A window by token id, condition id, Gamma market id or event id. Only windows already generated (every window
     * up to the listing horizon the exchange has stepped to) can be found this way.
     */
    public Optional<SimWindow> windowById(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id.toLowerCase(Locale.ROOT)));
    }

    /** Every existing window with start in [from, to), in time order, generating them if needed. */
    public List<SimWindow> windowsStartingBetween(Instant from, Instant to) {
        long s = Math.max(firstWindowStart, Math.floorDiv(from.getEpochSecond() + windowSeconds - 1,
                windowSeconds) * windowSeconds);
        List<SimWindow> out = new ArrayList<>();
        for (; s < to.getEpochSecond(); s += windowSeconds) {
            windowStartingAt(s).ifPresent(out::add);
        }
        return out;
    }

    private SimWindow makeWindow(long start) {
        int index = (int) ((start - zeroWindowStart) / windowSeconds);
        Instant s = Instant.ofEpochSecond(start);
        Instant e = s.plusSeconds(windowSeconds);
        long n = start / windowSeconds;
        Instant listed = s.minusSeconds(options.listAheadWindows() * windowSeconds
                + Mix.between(30, 240, seed, 0x6C6973, start))
                .plusNanos(Mix.between(0, 999_999, seed, 0x6D6963, start) * 1_000);
        Instant created = listed.minusMillis(Mix.between(500, 4_000, seed, 0x637274, start))
                .plusNanos(Mix.between(0, 999, seed, 0x6E73, start) * 1_000);
        long delayMin = options.resolutionDelayMin().toMillis();
        long delayMax = options.resolutionDelayMax().toMillis();
        Duration delay = Duration.ofMillis(Mix.between(delayMin, delayMax, seed, 0x72736C, start));
        ZonedDateTime zs = s.atZone(EASTERN);
        ZonedDateTime ze = e.atZone(EASTERN);
        String question = NAME.getOrDefault(key.asset(), key.asset()) + " Up or Down - " + DAY_TIME.format(zs) + "-" + TIME.format(ze) + " ET";
        SimWindow w = new SimWindow(index, s, e,
                key.asset().toLowerCase(Locale.ROOT) + "-updown-" + key.windowMinutes() + "m-" + start,
                Long.toString(idBase * 10 + 100_000 + Math.floorMod(n, 900_000L)),
                Long.toString(idBase * 10 + 1_000_000 + Math.floorMod(n, 9_000_000L)),
                hex32(seed, 0x636F6E64, start), hex32(seed, 0x717565, start),
                uint256(seed, 0x7570, start), uint256(seed, 0x646F776E, start),
                question, listed, created, delay);
        byId.put(w.upTokenId(), w);
        byId.put(w.downTokenId(), w);
        byId.put(w.conditionId().toLowerCase(Locale.ROOT), w);
        byId.put("market:" + w.marketId(), w);
        byId.put("event:" + w.eventId(), w);
        return w;
    }

    public Optional<SimWindow> windowByMarketId(String id) {
        return Optional.ofNullable(byId.get("market:" + id));
    }

    public Optional<SimWindow> windowByEventId(String id) {
        return Optional.ofNullable(byId.get("event:" + id));
    }

    private static long[] longs(long seed, long kind, long start) {
        return new long[] {Mix.hash(seed, kind, start, 1), Mix.hash(seed, kind, start, 2),
                Mix.hash(seed, kind, start, 3), Mix.hash(seed, kind, start, 4)};
    }

    private static String hex32(long seed, long kind, long start) {
        // 0x + 4 × 16 zero-padded lower-case hex digits (String.format was most of a window's making)
        char[] out = new char[66];
        out[0] = '0';
        out[1] = 'x';
        int at = 2;
        for (long l : longs(seed, kind, start)) {
            for (int shift = 60; shift >= 0; shift -= 4) {
                out[at++] = Character.forDigit((int) ((l >>> shift) & 0xF), 16);
            }
        }
        return new String(out);
    }

    /** A uint256 in decimal, as CTF position ids (token ids) are: up to 78 digits. */
    private static String uint256(long seed, long kind, long start) {
        byte[] bytes = new byte[32];
        long[] ls = longs(seed, kind, start);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 8; j++) {
                bytes[i * 8 + j] = (byte) (ls[i] >>> (56 - 8 * j));
            }
        }
        return new BigInteger(1, bytes).toString();
    }

    // ---------------------------------------------------------------- outcome and quotes

    /** Chainlink's verdict: Up when the price at the end is at least the price at the start (ties go Up). */
    public Outcome chainlinkWinner(SimWindow w) {
        return winner(chainlinkE8(w.start()), chainlinkE8(w.end()));
    }

    static Outcome winner(long startE8, long endE8) {
        return endE8 >= startE8 ? Outcome.UP : Outcome.DOWN;
    }

    /** The fair Up probability at t, before quote noise: 0.5 before the window, Φ(...) in it, ~certain after it. */
    public double fairUp(SimWindow w, Instant t) {
        if (t.isBefore(w.start())) {
            return 0.5;
        }
        if (!t.isBefore(w.end())) {
            return chainlinkWinner(w) == Outcome.UP ? 0.985 : 0.015;
        }
        double left = millisBetween(t, w.end()) / 1000.0;
        return FairValue.upProbability(chainlinkE8(t), chainlinkE8(w.start()), left, path.sigmaPerSecond());
    }

    /**
     * {@code Duration.between(from, to).toMillis()} (whole milliseconds, rounded toward zero as it does) without the
     * Duration: a replay asks twice per tick, and the general path through {@code Instant.until} was 4 % of it. For
     * spans below ~290 years.
     */
    static long millisBetween(Instant from, Instant to) {
        long nanos = (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000_000L + (to.getNano() - from.getNano());
        return nanos / 1_000_000L;
    }

    /** The book step t falls in. */
    public long bookStep(Instant t) {
        return Math.floorDiv(millisBetween(epoch, t), options.bookStepMs());
    }

    Instant bookStepTime(long step) {
        return epoch.plusMillis(step * options.bookStepMs());
    }

    /**
     * Both books of {@code w} as they stand at t (they change once per book step), kept for the next readers of the
     * same step (the exchange's REST and websocket ask for the same books).
     */
    public BookModel.WindowBooks books(SimWindow w, Instant t) {
        long step = bookStep(t);
        BookKey key = new BookKey(w.startSecond(), step);
        synchronized (bookCache) {
            BookModel.WindowBooks cached = bookCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        BookModel.WindowBooks b = booksAtStep(w, step);
        synchronized (bookCache) {
            bookCache.put(key, b);
        }
        return b;
    }

    /**
     * The same books as {@link #books}, made without the cache: for a reader that asks for each step once (a replay
     * goes forward; the cache's lookups, insertions and evictions were 3 % of a backtest).
     */
    public BookModel.WindowBooks booksOnce(SimWindow w, Instant t) {
        return booksAtStep(w, bookStep(t));
    }

    private BookModel.WindowBooks booksAtStep(SimWindow w, long step) {
        Instant at = bookStepTime(step);
        boolean open = at.isBefore(w.end());
        return bookModel.books(w, step, at, fairUp(w, at), open, open);
    }
}
