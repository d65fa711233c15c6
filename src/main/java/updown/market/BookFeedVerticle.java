package updown.market;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.Price;
import updown.time.ClockScheduler;
import updown.net.Counters;
import updown.net.FailureLog;
import updown.net.HttpJsonClient;
import updown.net.ParseResult;
import updown.net.WsConnection;
import updown.time.BotClock;

/**
 * Keeps the order books of the markets that matter now (current or next window, or live) from the CLOB market
 * websocket, with REST {@code /book} for the first snapshot, after every reconnect, as a periodic cross-check and
 * as the fallback while the socket is down. Learns markets from the scanner's {@link MarketEvent.MarketDiscovered}
 * on the market stream and drops them when their window ended or they resolved. Publishes BookSnapshot,
 * BookLevelChanged, TickSizeChanged and BookHealth (see {@link BookKeeper}).
 */
public final class BookFeedVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(BookFeedVerticle.class);
    static final long PING_EVERY_MS = 10_000;
    static final long RECONCILE_EVERY_MS = 1_000;

    private final BotConfig.MarketData cfg;
    private final BotClock clock;
    private final RandomGenerator random;
    private final Counters counters = new Counters();
    private final Map<String, Market> markets = new LinkedHashMap<>();
    private final Set<String> resolvedSlugs = new LinkedHashSet<>();
    private BookKeeper keeper;
    private ClockScheduler scheduler;
    private HttpJsonClient http;
    private ClobRest rest;
    private WsConnection ws;
    private FailureLog frameErrors;
    private boolean subscribedOnSocket;
    private Instant lastSocketMessage;
    private long fallbackTask = -1;

    public BookFeedVerticle(BotConfig config, BotClock clock, RandomGenerator random) {
        this.cfg = config.market();
        this.clock = clock;
        this.random = random;
    }

    /** Counters: ws.*, http.*, parse.*, book.* (snapshots, changes, stale-transitions, cross-check-disagreed...). */
    public Counters counters() {
        return counters;
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        keeper = new BookKeeper(cfg.bookStaleMs(), counters);
        scheduler = new ClockScheduler(vertx, clock);
        frameErrors = new FailureLog(LOG, "clob websocket frames");
        http = new HttpJsonClient(vertx, scheduler, cfg, random, counters, "clob-rest /book", 2);
        rest = new ClobRest(http, cfg.clobApiUrl(), counters);
        ws = new WsConnection(vertx, scheduler, cfg, cfg.clobWsUrl(), random, counters, "clob", new WsConnection.Listener() {
            @Override
            public void onOpen() {
                onSocketOpen();
            }

            @Override
            public void onText(String text) {
                onFrame(text);
            }

            @Override
            public void onDown(String reason) {
                onSocketDown(reason);
            }
        });
        MessageConsumer<Object> events = vertx.eventBus().consumer(Addresses.MARKET_EVENTS, m -> {
            if (m.body() instanceof MarketEvent.MarketDiscovered d) {
                markets.put(d.market().slug(), d.market());
                reconcile();
            } else if (m.body() instanceof MarketEvent.MarketResolved r) {
                resolvedSlugs.add(r.slug());
                reconcile();
            }
        });
        scheduler.every(RECONCILE_EVERY_MS, this::reconcile);
        scheduler.every(Math.max(50, Math.min(1_000, cfg.bookStaleMs() / 4)), this::watchdog);
        scheduler.every(PING_EVERY_MS, () -> ws.send(ClobMessages.PING));
        scheduler.every(cfg.bookCheckIntervalMs(), this::crossCheck);
        return events.completion();
    }

    @Override
    public Future<?> stop() {
        scheduler.close();
        http.close();
        return ws.stop();
    }

    /** Follows what matters now, drops what ended. */
    private void reconcile() {
        Instant now = clock.instant();
        Set<String> wanted = new LinkedHashSet<>();
        Map<String, Price> ticks = new LinkedHashMap<>();
        markets.values().removeIf(m -> m.windowEnd().isBefore(now.minus(Duration.ofHours(1))));
        for (Market m : markets.values()) {
            if (resolvedSlugs.contains(m.slug()) || m.closed() || !m.enableOrderBook()) {
                continue;
            }
            boolean currentOrNext = m.windowEnd().isAfter(now) && !m.windowStart().isAfter(now.plus(m.windowLength()));
            if (currentOrNext || m.isLiveAt(now)) {
                wanted.add(m.upTokenId());
                wanted.add(m.downTokenId());
                ticks.put(m.upTokenId(), m.tickSize());
                ticks.put(m.downTokenId(), m.tickSize());
            }
        }
        List<String> added = new ArrayList<>();
        for (String t : wanted) {
            if (keeper.follow(t, ticks.get(t), now)) {
                added.add(t);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String t : new ArrayList<>(keeper.followed())) {
            if (!wanted.contains(t)) {
                removed.add(t);
                publish(keeper.unfollow(t, "not followed any more (window ended or market closed)", now));
            }
        }
        if (!removed.isEmpty() && ws.isOpen() && subscribedOnSocket) {
            ws.send(ClobMessages.operation("unsubscribe", removed));
        }
        if (!added.isEmpty()) {
            counters.add("book.followed", added.size());
            if (ws.isOpen()) {
                if (subscribedOnSocket) {
                    ws.send(ClobMessages.operation("subscribe", added));
                } else {
                    subscribeAll();
                }
            } else {
                ws.start();
            }
            added.forEach(t -> resync(t, BookKeeper.Source.REST_RESYNC));
        }
    }

    private void onSocketOpen() {
        lastSocketMessage = clock.instant();
        subscribedOnSocket = false;
        if (fallbackTask >= 0) {
            scheduler.cancel(fallbackTask);
            fallbackTask = -1;
        }
        if (!keeper.followed().isEmpty()) {
            subscribeAll();
            // a reconnect may have missed changes: resync every book over REST (the initial dump also helps)
            new ArrayList<>(keeper.followed()).forEach(t -> resync(t, BookKeeper.Source.REST_RESYNC));
        }
    }

    private void subscribeAll() {
        subscribedOnSocket = ws.send(ClobMessages.subscribe(new ArrayList<>(keeper.followed())));
    }

    private void onSocketDown(String reason) {
        subscribedOnSocket = false;
        if (fallbackTask < 0 && !keeper.followed().isEmpty()) {
            LOG.info("clob websocket down ({}); polling REST books until it is back", reason);
        }
        if (fallbackTask < 0) {
            fallbackTask = scheduler.every(Math.max(100, cfg.bookStaleMs() / 3), this::fallbackPoll);
            fallbackPoll();
        }
    }

    private void fallbackPoll() {
        for (String t : new ArrayList<>(keeper.followed())) {
            counters.inc("book.fallback-polls");
            rest.book(t).onComplete(ar -> {
                counters.inc("book.rest-answers");
                Instant now = clock.instant();
                if (ar.succeeded() && ar.result() instanceof ClobRest.BookAnswer.Found f) {
                    publish(keeper.onBook(f.book(), BookKeeper.Source.REST_RESYNC, now));
                } else if (ar.succeeded() && ar.result() instanceof ClobRest.BookAnswer.NoOrderbook n) {
                    publish(keeper.onNoBook(t, n.detail(), now));
                } else if (!ws.isOpen()) {
                    String detail = ar.succeeded() ? ((ClobRest.BookAnswer.Unreadable) ar.result()).detail()
                            : ar.cause().getMessage();
                    publish(keeper.onFallbackFailed(t, detail, now));
                }
            });
        }
    }

    private void resync(String token, BookKeeper.Source source) {
        counters.inc(source == BookKeeper.Source.REST_CHECK ? "book.cross-checks" : "book.resyncs");
        rest.book(token).onComplete(ar -> {
            counters.inc("book.rest-answers");
            Instant now = clock.instant();
            if (ar.failed()) {
                counters.inc("book.resync-failed");
                if (!ws.isOpen()) {
                    publish(keeper.onFallbackFailed(token, ar.cause().getMessage(), now));
                }
                return;
            }
            if (ar.result() instanceof ClobRest.BookAnswer.Found f) {
                publish(keeper.onBook(f.book(), source, now));
            } else if (ar.result() instanceof ClobRest.BookAnswer.NoOrderbook n) {
                publish(keeper.onNoBook(token, n.detail(), now));
            } else {
                counters.inc("book.resync-failed");
            }
        });
    }

    private void crossCheck() {
        if (!ws.isOpen()) {
            return;
        }
        for (String t : new ArrayList<>(keeper.followed())) {
            if (keeper.hasSnapshot(t)) {
                resync(t, BookKeeper.Source.REST_CHECK);
            }
        }
    }

    private void watchdog() {
        Instant now = clock.instant();
        publish(keeper.watchdog(now));
        for (String t : keeper.dueForResync(now, Math.max(500, cfg.bookStaleMs() / 2))) {
            resync(t, BookKeeper.Source.REST_RESYNC);
        }
        if (ws.isOpen() && lastSocketMessage != null
                && Duration.between(lastSocketMessage, now).toMillis() > cfg.bookStaleMs()) {
            // not even a PONG: the connection is dead while looking open
            counters.inc("ws.silent-restarts");
            LOG.warn("clob websocket silent for {} ms; reconnecting", Duration.between(lastSocketMessage, now).toMillis());
            ws.restart("silent for more than " + cfg.bookStaleMs() + " ms");
        }
    }

    private void onFrame(String text) {
        Instant now = clock.instant();
        lastSocketMessage = now;
        counters.inc("ws.frames");
        ParseResult<ClobFrame> r = ClobWsParser.parse(text);
        if (!r.isOk()) {
            counters.parseError(r.error());
            frameErrors.failure(r.error().kind().name(), r.error().detail());
            return;
        }
        for (var e : r.value().skipped()) {
            counters.parseError(e);
            frameErrors.failure(e.kind().name(), e.detail());
        }
        for (ClobWsEvent e : r.value().events()) {
            handle(e, now);
        }
    }

    private void handle(ClobWsEvent e, Instant now) {
        if (e instanceof ClobWsEvent.Book b) {
            publish(keeper.onBook(b.book(), BookKeeper.Source.WEBSOCKET, now));
        } else if (e instanceof ClobWsEvent.PriceChange pc) {
            publish(keeper.onChanges(pc, now));
        } else if (e instanceof ClobWsEvent.TickSizeChange t) {
            publish(keeper.onTickSize(t, now));
        } else if (e instanceof ClobWsEvent.BestBidAsk bba) {
            keeper.onAlive(bba.tokenId(), now);
        } else if (e instanceof ClobWsEvent.LastTrade lt) {
            keeper.onAlive(lt.tokenId(), now);
        } else if (e instanceof ClobWsEvent.MarketResolved mr) {
            counters.inc("ws.market-resolved");
            vertx.eventBus().publish(Addresses.MARKET_CLOB_RESOLVED,
                    new ClobResolutionSeen(mr.conditionId(), mr.winningTokenId(), now));
        } else if (e instanceof ClobWsEvent.EmptyFrame) {
            counters.inc("ws.empty-frames");
        } else if (e instanceof ClobWsEvent.NewMarket) {
            counters.inc("ws.new-market");
        } else if (e instanceof ClobWsEvent.Pong) {
            counters.inc("ws.pongs");
        }
    }

    private void publish(List<MarketEvent> events) {
        for (MarketEvent e : events) {
            vertx.eventBus().publish(Addresses.MARKET_EVENTS, e);
        }
    }
}
