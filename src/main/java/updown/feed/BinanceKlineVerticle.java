package updown.feed;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.MarketEvent;
import updown.net.Backoff;
import updown.time.ClockScheduler;
import updown.net.Counters;
import updown.net.FailureLog;
import updown.net.FeedWatch;
import updown.net.HttpJsonClient;
import updown.net.HttpReply;
import updown.net.ParseResult;
import updown.net.Urls;
import updown.net.WsConnection;
import updown.time.BotClock;

/**
 * 1-minute klines of every traded asset ({@code <ASSET>USDT}) from one Binance websocket (all
 * {@code <symbol>@kline_1m} streams on one combined-stream socket), published as {@link MarketEvent.CandleUpdated}
 * carrying the asset. Per symbol: every in-progress update with {@code closed=false} (so freshness is visible),
 * each minute's final candle once with {@code closed=true}, strictly in order. After every (re)connect, and whenever
 * a closed candle does not follow the last one, the missing closed candles are fetched over REST klines first:
 * no gap, no duplicate (idempotent by open time). Reconnects on the server's {@code serverShutdown}, before the
 * forced 24 h close, and when silent. Publishes {@link MarketEvent.FeedHealth} "binance" after PRICE_STALE_MS
 * without a kline and again when klines resume ({@code binance:<ASSET>} per asset when several are traded).
 */
public final class BinanceKlineVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceKlineVerticle.class);
    public static final String FEED = "binance";
    /** Reconnect on our terms before Binance's forced close at 24 h. */
    static final Duration MAX_CONNECTION_AGE = Duration.ofHours(23).plusMinutes(30);
    private static final int REST_LIMIT = 1000;

    private final BotConfig.MarketData cfg;
    private final BotClock clock;
    private final RandomGenerator random;
    private final Counters counters = new Counters();
    /** One per asset, keyed by its upper-case Binance symbol ("ETHUSDT"), in MARKETS order. */
    private final Map<String, SymbolFeed> feeds = new LinkedHashMap<>();
    private ClockScheduler scheduler;
    private HttpJsonClient http;
    private WsConnection ws;
    private FailureLog frameErrors;
    private static final int MAX_LAG_RETRIES = 3;
    private Instant connectedAt;
    private Instant lastMessage;

    public BinanceKlineVerticle(BotConfig config, BotClock clock, RandomGenerator random) {
        this.cfg = config.market();
        this.clock = clock;
        this.random = random;
    }

    /** Counters: klines.*, backfill.*, ws.*, http.*, parse.*. */
    public Counters counters() {
        return counters;
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        scheduler = new ClockScheduler(vertx, clock);
        frameErrors = new FailureLog(LOG, "binance frames");
        List<String> assets = cfg.assets();
        for (String asset : assets) {
            // one asset keeps the plain feed name; several name each asset's stream so a stale one stops only its own
            String feed = assets.size() == 1 ? FEED : feedOf(asset);
            feeds.put(asset + "USDT", new SymbolFeed(asset, feed));
        }
        http = new HttpJsonClient(vertx, scheduler, cfg, random, counters, "binance-rest", 3);
        String streams = String.join("/", feeds.keySet().stream()
                .map(sym -> sym.toLowerCase(Locale.ROOT) + "@kline_1m").toList());
        ws = new WsConnection(vertx, scheduler, cfg, URI.create(Urls.join(cfg.binanceWsUrl(), "/stream?streams=" + streams)),
                random, counters, "binance", new WsConnection.Listener() {
                    @Override
                    public void onOpen() {
                        connectedAt = clock.instant();
                        lastMessage = connectedAt;
                        feeds.values().forEach(SymbolFeed::backfill);
                    }

                    @Override
                    public void onText(String text) {
                        onFrame(text);
                    }

                    @Override
                    public void onDown(String reason) {
                        counters.inc("klines.disconnects");
                    }
                });
        scheduler.every(Math.max(50, Math.min(1_000, cfg.priceStaleMs() / 4)), this::watchdog);
        ws.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        scheduler.close();
        http.close();
        return ws.stop();
    }

    private void watchdog() {
        Instant now = clock.instant();
        for (SymbolFeed f : feeds.values()) {
            f.watch.check(now).ifPresent(this::publish);
        }
        if (!ws.isOpen() || connectedAt == null) {
            return;
        }
        if (Duration.between(connectedAt, now).compareTo(MAX_CONNECTION_AGE) > 0) {
            LOG.info("binance connection is {} old; reconnecting before the forced 24 h close",
                    Duration.between(connectedAt, now));
            counters.inc("klines.age-restarts");
            ws.restart("connection age");
        } else if (Duration.between(lastMessage, now).toMillis() > cfg.priceStaleMs()) {
            counters.inc("ws.silent-restarts");
            ws.restart("silent for more than " + cfg.priceStaleMs() + " ms");
        }
    }

    private void onFrame(String text) {
        Instant now = clock.instant();
        lastMessage = now;
        ParseResult<BinanceMessage> r = BinanceParser.parseWs(text);
        if (!r.isOk()) {
            counters.parseError(r.error());
            frameErrors.failure(r.error().kind().name(), r.error().detail());
            return;
        }
        BinanceMessage m = r.value();
        if (m instanceof BinanceMessage.ServerShutdown) {
            counters.inc("klines.server-shutdown");
            LOG.info("binance announced a server shutdown; reconnecting");
            ws.restart("serverShutdown");
        } else if (m instanceof BinanceMessage.Kline k) {
            onKline(k, now);
        } else {
            counters.inc("klines.acks");
        }
    }

    private void onKline(BinanceMessage.Kline k, Instant now) {
        SymbolFeed f = feeds.get(k.symbol().toUpperCase(Locale.ROOT));
        if (f == null || !"1m".equals(k.interval())) {
            counters.inc("klines.other-stream");
            return;
        }
        f.onKline(k, now);
    }

    /** The feed name of one asset's stream when several share the socket: {@code binance:ETH}. */
    public static String feedOf(String asset) {
        return FEED + ":" + asset;
    }

    /**
     * One symbol's candles on the shared socket: its own series, backfill and freshness, so a gap or a silence in
     * one symbol is repaired or reported for that symbol alone.
     */
    private final class SymbolFeed {
        private final String asset;
        private final String symbol;
        private final CandleSeries series = new CandleSeries(cfg.candleHistory());
        private final TreeMap<Long, Candle> pending = new TreeMap<>();
        private final FeedWatch watch;
        private final Backoff backfillBackoff = new Backoff(500, Math.max(500, cfg.reconnectDelayMaxMs()), random);
        private boolean backfilling;
        private int lagRetries;

        SymbolFeed(String asset, String feed) {
            this.asset = asset;
            this.symbol = asset + "USDT";
            this.watch = new FeedWatch(feed, cfg.priceStaleMs(), clock.instant());
        }

        private void onKline(BinanceMessage.Kline k, Instant now) {
            counters.inc("klines.frames");
            watch.onUpdate(now).ifPresent(BinanceKlineVerticle.this::publish);
            Candle c = k.candle();
            if (!c.closed()) {
                if (c.openTime().toEpochMilli() > series.lastOpenMs()) {
                    publish(new MarketEvent.CandleUpdated(asset, c, now));
                }
                return;
            }
            if (backfilling) {
                pending.put(c.openTime().toEpochMilli(), c);
                return;
            }
            switch (series.fit(c)) {
                case DUPLICATE -> counters.inc("klines.duplicates");
                case NEXT, FIRST -> append(c, now);
                case GAP -> {
                    counters.inc("klines.gaps-detected");
                    pending.put(c.openTime().toEpochMilli(), c);
                    backfill();
                }
            }
        }

        private void append(Candle c, Instant now) {
            series.append(c);
            counters.inc("klines.closed-published");
            publish(new MarketEvent.CandleUpdated(asset, c, now));
        }

        /** Fetches the closed candles after the last one we hold (or the configured history on first start). */
        private void backfill() {
            if (backfilling) {
                return;
            }
            backfilling = true;
            counters.inc("backfill.runs");
            Instant now = clock.instant();
            long from = series.isEmpty()
                    ? Math.floorDiv(now.toEpochMilli(), CandleSeries.MINUTE_MS) * CandleSeries.MINUTE_MS
                    - (long) cfg.candleHistory() * CandleSeries.MINUTE_MS
                    : series.lastOpenMs() + CandleSeries.MINUTE_MS;
            fetchFrom(from);
        }

        private void fetchFrom(long fromMs) {
            String q = "/api/v3/klines?symbol=" + Urls.enc(symbol)
                    + "&interval=1m&startTime=" + fromMs + "&limit=" + REST_LIMIT;
            http.get(cfg.binanceRestUrl(), q).onComplete(ar -> {
                if (ar.failed() || !ar.result().ok()) {
                    retryBackfill(ar.failed() ? ar.cause().getMessage() : "HTTP " + ar.result().status(), fromMs);
                    return;
                }
                HttpReply reply = ar.result();
                Instant now = clock.instant();
                ParseResult<List<Candle>> rows = BinanceParser.parseRestKlines(reply.body(), now);
                if (!rows.isOk()) {
                    counters.parseError(rows.error());
                    retryBackfill(rows.error().toString(), fromMs);
                    return;
                }
                backfillBackoff.reset();
                long lastBefore = series.lastOpenMs();
                for (Candle c : rows.value()) {
                    if (!c.closed()) {
                        continue;
                    }
                    switch (series.fit(c)) {
                        case DUPLICATE -> counters.inc("backfill.duplicates-skipped");
                        case NEXT, FIRST -> {
                            counters.inc("backfill.candles");
                            append(c, now);
                        }
                        case GAP -> {
                            // Binance itself has no candle for those minutes (an exchange outage): nothing to fill with
                            counters.inc("backfill.venue-gaps");
                            LOG.warn("binance has no {} klines between {} and {}; continuing after the hole", symbol,
                                    Instant.ofEpochMilli(series.lastOpenMs() + CandleSeries.MINUTE_MS), c.openTime());
                            append(c, now);
                        }
                    }
                }
                boolean fullPage = rows.value().size() >= REST_LIMIT && series.lastOpenMs() > lastBefore;
                if (fullPage) {
                    fetchFrom(series.lastOpenMs() + CandleSeries.MINUTE_MS);
                    return;
                }
                finishBackfill(now);
            });
        }

        private void retryBackfill(String why, long fromMs) {
            counters.inc("backfill.failures");
            long delay = backfillBackoff.next();
            LOG.debug("binance {} backfill failed ({}); retrying in {} ms", symbol, why, delay);
            scheduler.after(delay, () -> fetchFrom(fromMs));
        }

        /** Replays the closed candles the socket delivered during the backfill, in order, skipping what REST gave. */
        private void finishBackfill(Instant now) {
            backfilling = false;
            if (pending.isEmpty()) {
                lagRetries = 0;
            }
            while (!pending.isEmpty()) {
                Candle c = pending.pollFirstEntry().getValue();
                switch (series.fit(c)) {
                    case DUPLICATE -> counters.inc("klines.duplicates");
                    case NEXT, FIRST -> append(c, now);
                    case GAP -> {
                        if (lagRetries >= MAX_LAG_RETRIES) {
                            LOG.warn("binance REST never served the {} klines before {}; continuing after the hole", symbol,
                                    c.openTime());
                            counters.inc("backfill.venue-gaps");
                            lagRetries = 0;
                            append(c, now);
                            continue;
                        }
                        // REST did not have these minutes yet; hold the candle and ask again shortly
                        lagRetries++;
                        pending.put(c.openTime().toEpochMilli(), c);
                        counters.inc("backfill.rest-lagging");
                        backfilling = true;
                        long from = series.lastOpenMs() + CandleSeries.MINUTE_MS;
                        scheduler.after(backfillBackoff.next(), () -> fetchFrom(from));
                        return;
                    }
                }
            }
        }
    }

    private void publish(MarketEvent e) {
        vertx.eventBus().publish(Addresses.MARKET_EVENTS, e);
    }
}
