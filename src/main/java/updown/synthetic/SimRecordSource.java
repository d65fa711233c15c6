package updown.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import updown.domain.Candle;
import updown.domain.FeeSchedule;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.domain.TraderTicked;
import updown.klines.KlineFile;
import updown.klines.KlineReport;
import updown.klines.KlineSeries;
import updown.record.RecordSource;
import updown.record.TapeRecord;

/**
 * The simulated market as a stream of tape records, for backtests without a tape: the same {@link SimMarketModel}
 * (price path, windows, Chainlink, {@link BookModel} books around the {@link FairValue}) the SimExchange serves, but
 * handed to the trader directly as {@link MarketEvent}s on the virtual clock, with a tick mark every tick interval.
 * No sockets, no JSON. Pure computation: {@link #poll()} generates the next tick's records on demand, so nothing
 * after the tick being replayed exists yet.
 *
 * <p>What the trader sees, as market data would publish it:
 * <ul>
 *   <li>each window's market one window before its start (the scanner looks up the current and the next window);</li>
 *   <li>the price to beat one second after the window starts, its end price one second after it ends, and the
 *       resolution (Chainlink's winner) after the window's resolution delay (60–120 s);</li>
 *   <li>each closed 1-minute candle at the minute's end, and the forming candle at every tick (so the price feed is
 *       fresh, as Binance's 2-second pushes keep it);</li>
 *   <li>both books of the running window as snapshots at every tick (the trader only reads books at ticks); or, with
 *       {@link #withBookDeltas()}, as the CLOB websocket sends them: a snapshot when the window starts, then every
 *       book step (1 s) one level change per level whose size changed (what a live tape is mostly made of).</li>
 * </ul>
 * Books and feeds never go stale here, except across a gap of a kline file: a missing minute publishes no candle,
 * and a window touching one is never discovered (so never traded). With several models
 * ({@link #of(List, Instant, Instant, Duration)}: one per market series, e.g. BTC and ETH replayed from their own kline
 * files) every series gets its windows and books and every asset its candles (stamped with the asset), one tick mark
 * for all; book deltas follow the first model only.
 */
public final class SimRecordSource implements RecordSource {

    private final SimMarketModel model;
    /** Every series' model, the first one being {@link #model}. */
    private final List<SimMarketModel> models;
    /** The first model of each asset (its candles stand for the asset). */
    private final List<SimMarketModel> pricedAssets;
    /** Events due at one tick: by time, then by kind (market before price to beat before resolution...). */
    private static final Comparator<Timed> DUE_ORDER = Comparator.comparing(Timed::at).thenComparingInt(Timed::order);
    /** Per series: the start of the next window to announce. */
    private final Map<SimMarketModel, Long> nextWindowStarts = new java.util.LinkedHashMap<>();
    private final Instant start;
    private final Instant end;
    private final Duration tick;
    private final ArrayDeque<TapeRecord> ready = new ArrayDeque<>();
    private final List<SimWindow> tracked = new ArrayList<>();
    private final List<Timed> due = new ArrayList<>();
    private Instant nextTick;
    private Instant previousTick;
    private long nextMinute;
    private long ticks;
    private long events;
    private boolean bookDeltas;
    private long nextBookStep;
    private SimWindow bookWindow;
    private updown.domain.OrderBook lastUp;
    private updown.domain.OrderBook lastDown;

    /** One event due at a time, with an order among events due at the same instant. */
    private record Timed(Instant at, int order, MarketEvent event) {
    }

    private SimRecordSource(List<SimMarketModel> models, Instant start, Instant end, Duration tick) {
        if (tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException("tick interval must be positive");
        }
        for (SimMarketModel m : models) {
            if (start.isBefore(m.epoch())) {
                throw new IllegalArgumentException("start " + start + " is before the price path's first second "
                        + m.epoch() + (models.size() > 1 ? " of " + m.key() : ""));
            }
        }
        this.model = models.get(0);
        this.models = List.copyOf(models);
        this.pricedAssets = pricedAssets(this.models);
        this.start = start;
        this.end = end;
        this.tick = tick;
        this.nextTick = start;
        this.nextMinute = Math.floorDiv(start.getEpochSecond(), 60) * 60 + 60;
        for (SimMarketModel m : this.models) {
            long len = m.windowSeconds();
            nextWindowStarts.put(m, Math.floorDiv(start.getEpochSecond(), len) * len);
        }
    }

    /**
     * Records from {@code start} (first tick) to {@code end} (last tick at or before it) for a model.
     *
     * @param tick the trader's tick interval (TICK_INTERVAL_MS)
     */
    public static SimRecordSource of(SimMarketModel model, Instant start, Instant end, Duration tick) {
        return new SimRecordSource(List.of(model), start, end, tick);
    }

    /** As above for several series at once (one model per series; the series of one asset share its candles). */
    public static SimRecordSource of(List<SimMarketModel> models, Instant start, Instant end, Duration tick) {
        return new SimRecordSource(models, start, end, tick);
    }

    /** Books as level changes every book step instead of snapshots at ticks (same books at every tick). */
    public SimRecordSource withBookDeltas() {
        this.bookDeltas = true;
        this.nextBookStep = model.bookStep(start);
        return this;
    }

    /** The time span of a 1-minute kline file: the first row's open time and the minutes up to the last row's end. */
    public record KlineSpan(Instant first, int minutes) {
        /** The end of the last row's minute. */
        public Instant end() {
            return first.plusSeconds(60L * minutes);
        }
    }

    /**
     * Reads a kline file (any format {@link KlineFile} accepts) into a model whose epoch is the first row's time, so
     * simulated times are the data's real times. Blocking.
     *
     * @throws updown.klines.KlineFileException (an IllegalArgumentException) when the file is not 1-minute klines
     */
    public static Loaded loadKlines(Path file, SimOptions options) throws IOException {
        KlineSeries series = KlineFile.read(file);
        CsvKlinePath path = CsvKlinePath.of(series, file.getFileName().toString());
        SimOptions opts = options.withKlines(file).withEpoch(series.first());
        return new Loaded(path, opts, new KlineSpan(series.first(), path.minutes()), series.report());
    }

    /** A parsed kline file: build models on it with {@link #model(Instant)}. */
    public static final class Loaded {
        private final CsvKlinePath path;
        private final SimOptions options;
        private final KlineSpan span;
        private final KlineReport report;

        private Loaded(CsvKlinePath path, SimOptions options, KlineSpan span, KlineReport report) {
            this.path = path;
            this.options = options;
            this.span = span;
            this.report = report;
        }

        public KlineSpan span() {
            return span;
        }

        /** Rows, span and gaps of the file. */
        public KlineReport report() {
            return report;
        }

        public SimOptions options() {
            return options;
        }

        /** A model of this data whose window 0 is the one running at {@code simStart}. Cheap: shares the rows. */
        public SimMarketModel model(Instant simStart) {
            return new SimMarketModel(options, path, simStart);
        }

        /** A model of one series ({@code eth-15m}) priced by this data. */
        public SimMarketModel model(updown.domain.MarketKey key, Instant simStart) {
            return new SimMarketModel(options, key, path, simStart);
        }
    }

    // ------------------------------------------------------------------------------------------ generation

    @Override
    public TapeRecord poll() {
        if (ready.isEmpty() && !nextTick.isAfter(end)) {
            step();
        }
        return ready.poll();
    }

    @Override
    public boolean exhausted() {
        return ready.isEmpty() && nextTick.isAfter(end);
    }

    @Override
    public void fill() {
        // nothing to read: records are computed in poll()
    }

    public long ticks() {
        return ticks;
    }

    public long events() {
        return events;
    }

    /** Everything due after the previous tick up to the next one, then that tick's mark. */
    private void step() {
        Instant t = nextTick;
        due.clear();
        long now = t.getEpochSecond();
        List<SimMarketModel> priced = pricedAssets;
        while (nextMinute <= now) {
            Instant close = Instant.ofEpochSecond(nextMinute);
            for (SimMarketModel m : priced) {
                m.kline(close.minusSeconds(60), close)
                        .ifPresent(k -> due.add(new Timed(close, 0, candle(m.key().asset(), k, close))));
            }
            nextMinute += 60;
        }
        for (SimMarketModel m : models) {
            long len = m.windowSeconds();
            long next = nextWindowStarts.get(m);
            while (next - len <= now) {
                // a window touching a gap of the kline file is never discovered: no trade on data that does not exist
                Optional<SimWindow> w = m.windowStartingAt(next).filter(m::hasData);
                if (w.isPresent()) {
                    tracked.add(w.get());
                    Instant announced = Instant.ofEpochSecond(next - len);
                    due.add(new Timed(announced, 1, new MarketEvent.MarketDiscovered(market(w.get()), announced)));
                }
                next += len;
            }
            nextWindowStarts.put(m, next);
        }
        for (Iterator<SimWindow> it = tracked.iterator(); it.hasNext(); ) {
            SimWindow w = it.next();
            SimMarketModel m = modelOf(w);
            Instant ptbStart = w.start().plusSeconds(1);
            Instant ptbEnd = w.end().plusSeconds(1);
            Instant resolved = w.end().plus(w.resolutionDelay());
            long startMicros = m.chainlinkE8(w.start()) / 100;
            if (isDue(ptbStart, t)) {
                due.add(new Timed(ptbStart, 2, new MarketEvent.PriceToBeat(w.slug(), w.start(), startMicros, null,
                        ptbStart)));
            }
            if (isDue(ptbEnd, t)) {
                due.add(new Timed(ptbEnd, 2, new MarketEvent.PriceToBeat(w.slug(), w.start(), startMicros,
                        m.chainlinkE8(w.end()) / 100, ptbEnd)));
            }
            if (isDue(resolved, t)) {
                due.add(new Timed(resolved, 3, new MarketEvent.MarketResolved(w.marketId(), w.slug(),
                        Resolution.of(m.chainlinkWinner(w)), "sim", resolved)));
                it.remove();
            }
        }
        if (bookDeltas) {
            bookSteps(t);
        }
        due.sort(DUE_ORDER);
        for (Timed d : due) {
            // the first tick also delivers what happened before the start (as a bot that just started hears it)
            emit(d.at().isBefore(start) ? withTime(d.event(), start) : d.event());
        }
        Instant minute = Instant.ofEpochSecond(Math.floorDiv(now, 60) * 60);
        for (SimMarketModel m : priced) {
            m.kline(minute, t).ifPresent(k -> emit(candle(m.key().asset(), k, t)));
        }
        if (!bookDeltas) {
            for (SimMarketModel m : models) {
                m.windowAt(t).filter(w -> !t.isBefore(w.start()) && t.isBefore(w.end()) && m.hasData(w))
                        .ifPresent(w -> {
                            BookModel.WindowBooks books = m.booksOnce(w, t);
                            emit(snapshot(books.up(), t));
                            emit(snapshot(books.down(), t));
                        });
            }
        }
        ready.add(new TapeRecord.Tick(new TraderTicked(t, 1, 0, true, 0, 0)));
        ticks++;
        previousTick = t;
        nextTick = t.plus(tick);
    }

    /** The first model of each asset: the one whose candles stand for that asset. */
    private static List<SimMarketModel> pricedAssets(List<SimMarketModel> models) {
        Map<String, SimMarketModel> first = new java.util.LinkedHashMap<>();
        for (SimMarketModel m : models) {
            first.putIfAbsent(m.key().asset(), m);
        }
        return List.copyOf(first.values());
    }

    private SimMarketModel modelOf(SimWindow w) {
        if (models.size() == 1) {
            // one series: its model, whatever the slug says (SimWindow.market() parses the slug: a regex per
            // window and second cost a few per cent of a backtest)
            return model;
        }
        for (SimMarketModel m : models) {
            if (m.key().equals(w.market())) {
                return m;
            }
        }
        return model;
    }

    /** The running window's books at every book step up to t: a snapshot for a new window, then level changes. */
    private void bookSteps(Instant t) {
        long last = model.bookStep(t);
        for (; nextBookStep <= last; nextBookStep++) {
            Instant at = model.bookStepTime(nextBookStep);
            if (at.isBefore(start)) {
                continue;
            }
            Optional<SimWindow> w = model.windowAt(at).filter(x -> !at.isBefore(x.start()) && at.isBefore(x.end())
                    && model.hasData(x));
            if (w.isEmpty()) {
                continue;
            }
            BookModel.WindowBooks books = model.booksOnce(w.get(), at);
            if (!w.get().equals(bookWindow)) {
                bookWindow = w.get();
                due.add(new Timed(at, 4, snapshot(books.up(), at)));
                due.add(new Timed(at, 4, snapshot(books.down(), at)));
            } else {
                changes(lastUp, books.up(), at);
                changes(lastDown, books.down(), at);
            }
            lastUp = books.up();
            lastDown = books.down();
        }
    }

    private void changes(updown.domain.OrderBook before, updown.domain.OrderBook after, Instant at) {
        sideChanges(before.tokenId(), updown.domain.BookSide.BID, before.bids(), after.bids(), at);
        sideChanges(before.tokenId(), updown.domain.BookSide.ASK, before.asks(), after.asks(), at);
    }

    private void sideChanges(String token, updown.domain.BookSide side, List<updown.domain.Level> before,
                             List<updown.domain.Level> after, Instant at) {
        java.util.Map<Long, Long> old = new java.util.HashMap<>();
        for (updown.domain.Level l : before) {
            old.put(l.price().micros(), l.size().micros());
        }
        for (updown.domain.Level l : after) {
            Long was = old.remove(l.price().micros());
            if (was == null || was != l.size().micros()) {
                due.add(new Timed(at, 5, new MarketEvent.BookLevelChanged(token, side, l.price(), l.size(), at)));
            }
        }
        for (Long gone : old.keySet()) {
            due.add(new Timed(at, 5, new MarketEvent.BookLevelChanged(token, side, updown.domain.Price.ofMicros(gone),
                    Shares.ZERO, at)));
        }
    }

    private boolean isDue(Instant at, Instant t) {
        return !at.isAfter(t) && (previousTick == null || at.isAfter(previousTick));
    }

    private void emit(MarketEvent e) {
        ready.add(new TapeRecord.Event(e));
        events++;
    }

    private static MarketEvent withTime(MarketEvent e, Instant at) {
        if (e instanceof MarketEvent.MarketDiscovered d) {
            return new MarketEvent.MarketDiscovered(d.market(), at);
        }
        if (e instanceof MarketEvent.PriceToBeat p) {
            return new MarketEvent.PriceToBeat(p.slug(), p.windowStart(), p.startMicros(), p.endMicros(), at);
        }
        if (e instanceof MarketEvent.CandleUpdated c) {
            return new MarketEvent.CandleUpdated(c.asset(), c.candle(), at);
        }
        if (e instanceof MarketEvent.MarketResolved r) {
            return new MarketEvent.MarketResolved(r.marketId(), r.slug(), r.winner(), r.source(), at);
        }
        return e;
    }

    private static MarketEvent.BookSnapshot snapshot(updown.domain.OrderBook b, Instant at) {
        return new MarketEvent.BookSnapshot(b.tokenId(), b.bids(), b.asks(), b.tickSize(), b.hash(), at);
    }

    private static MarketEvent.CandleUpdated candle(String asset, Kline k, Instant at) {
        long c = 10_000L; // micro-dollars per cent
        return new MarketEvent.CandleUpdated(asset, new Candle(Instant.ofEpochMilli(k.openTimeMs()), k.openCents() * c,
                k.highCents() * c, k.lowCents() * c, k.closeCents() * c, Math.round(k.volume() * 1e6), k.closed()),
                at);
    }

    /** The market as the scanner reads it from Gamma for this window (fees, tick and minimum size as served). */
    static Market market(SimWindow w) {
        return new Market(w.marketId(), w.conditionId(), w.slug(), w.question(), w.market().asset(), w.start(),
                w.end(), w.upTokenId(), w.downTokenId(), BookModel.TICK, Shares.ofWhole(5), FeeSchedule.CRYPTO_5M,
                true, false, true, true);
    }

    @Override
    public void close() {
        ready.clear();
        nextTick = end.plusNanos(1);
    }
}
