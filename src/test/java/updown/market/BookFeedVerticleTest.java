package updown.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.domain.BookSide;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.LocalBook;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Shares;
import updown.testkit.ClockPump;
import updown.testkit.FakeClob;
import updown.testkit.Await;
import updown.testkit.MarketEventLog;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class BookFeedVerticleTest {
    static final Instant WINDOW = Instant.ofEpochSecond(1778584200L);
    static final String CID = "0xcid";
    static final String UP = "1001";
    static final String DOWN = "1002";

    VirtualClock clock;
    FakeClob clob;
    MarketEventLog log;

    static Market market(Instant start, String up, String down) {
        return new Market("1", CID, "btc-updown-5m-" + start.getEpochSecond(), "q", "BTC", start,
                start.plusSeconds(300), up, down, Price.of("0.01"), Shares.ofWhole(5), FeeSchedule.CRYPTO_5M,
                true, false, true, true);
    }

    @BeforeEach
    void setUp(Vertx vertx, VertxTestContext ctx) {
        clock = new VirtualClock(WINDOW.plusSeconds(30));
        FakeClob.start(vertx, clock).compose(c -> {
            clob = c;
            c.setBook(UP, CID, List.of(Level.of("0.48", "10"), Level.of("0.47", "20")), List.of(Level.of("0.52", "7")));
            c.setBook(DOWN, CID, List.of(Level.of("0.47", "6")), List.of(Level.of("0.53", "9")));
            return MarketEventLog.attach(vertx);
        }).onComplete(ctx.succeeding(l -> {
            log = l;
            ctx.completeNow();
        }));
    }

    @AfterEach
    void tearDown(Vertx vertx, VertxTestContext ctx) {
        Future<Void> f = Future.succeededFuture();
        for (String id : vertx.deploymentIDs()) {
            f = f.compose(v -> vertx.undeploy(id));
        }
        f.compose(v -> clob.close()).onComplete(ar -> ctx.completeNow());
    }

    private BotConfig config(Map<String, String> extra) {
        Map<String, String> m = new java.util.HashMap<>(Map.of(
                "CLOB_API_URL", clob.url().toString(), "CLOB_WS_URL", clob.wsMarketUrl().toString(),
                "HTTP_TIMEOUT_MS", "10000", "RECONNECT_DELAY_MAX_MS", "2000"));
        m.putAll(extra);
        return TestConfig.with(m);
    }

    private Future<BookFeedVerticle> deploy(Vertx vertx, BotConfig cfg, Market... markets) {
        BookFeedVerticle v = new BookFeedVerticle(cfg, clock, new Random(11));
        return vertx.deployVerticle(v).map(id -> {
            for (Market m : markets) {
                vertx.eventBus().publish(Addresses.MARKET_EVENTS, new MarketEvent.MarketDiscovered(m, clock.instant()));
            }
            return v;
        });
    }

    private Future<Void> fresh(String... tokens) {
        return log.await(l -> {
            for (String t : tokens) {
                if (l.of(MarketEvent.BookHealth.class).stream().noneMatch(h -> h.tokenId().equals(t) && !h.stale())) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Fresh books for {@code tokens}, the socket delivering, and every REST request the feed made so far answered (at
     * least {@code restAnswers}). How many it makes depends on whether the socket opened before or after the second
     * market was followed, so the test waits for "all answered", not for a count.
     */
    private Future<Void> settled(Vertx vertx, Future<BookFeedVerticle> deployed, int restAnswers, String... tokens) {
        return fresh(tokens).compose(v -> Await.until(vertx, () -> {
            var c = deployed.result().counters();
            // the resyncs of a socket (re)open are requested before its first frame is handled
            long answers = c.get("book.rest-answers");
            return c.get("ws.frames") >= 1 && answers >= restAnswers
                    && answers >= c.get("book.resyncs") + c.get("book.cross-checks");
        }));
    }

    static OrderBook fold(MarketEventLog log, String token) {
        LocalBook b = new LocalBook(token);
        for (MarketEvent e : log.all()) {
            if (e instanceof MarketEvent.BookSnapshot s && s.tokenId().equals(token)) {
                b.applySnapshot(s.bids(), s.asks(), s.tickSize(), s.hash(), s.at());
            } else if (e instanceof MarketEvent.BookLevelChanged c && c.tokenId().equals(token)) {
                b.applyChange(c.side(), c.price(), c.size(), c.at());
            }
        }
        return b.snapshot();
    }

    private boolean matchesVenue(String token) {
        OrderBook mine = fold(log, token);
        OrderBook venue = clob.book(token);
        return mine.bids().equals(venue.bids()) && mine.asks().equals(venue.asks());
    }

    @Test
    @DisplayName("the first snapshot comes over REST and the socket; books are published best first")
    void firstSnapshot(Vertx vertx, VertxTestContext ctx) {
        Future<BookFeedVerticle> deployed = deploy(vertx, config(Map.of()), market(WINDOW, UP, DOWN));
        // the socket's dump can make both books fresh before the REST answers are in: wait for those too
        deployed.compose(v -> settled(vertx, deployed, 2, UP, DOWN))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(matchesVenue(UP)).isTrue();
                    assertThat(matchesVenue(DOWN)).isTrue();
                    assertThat(clob.count("/book")).isGreaterThanOrEqualTo(2);
                    assertThat(clob.received().get(0)).contains("\"type\":\"market\"").contains(UP).contains(DOWN);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("socket dropped mid-stream → reconnect → REST resync → the book has no gap")
    void dropReconnectResync(Vertx vertx, VertxTestContext ctx) {
        Future<BookFeedVerticle> deployed = deploy(vertx, config(Map.of()), market(WINDOW, UP, DOWN));
        deployed.compose(v -> settled(vertx, deployed, 4, UP, DOWN))
                .compose(v -> {
                    clob.setLevel(UP, BookSide.BID, "0.49", "3");
                    return log.awaitCount(MarketEvent.BookLevelChanged.class, c -> true, 1);
                })
                .compose(v -> {
                    clob.dropConnections();
                    // changes the client never hears about on the socket
                    clob.setLevelSilently(UP, BookSide.ASK, "0.52", "0");
                    clob.setLevelSilently(UP, BookSide.ASK, "0.56", "40");
                    clob.setLevelSilently(UP, BookSide.BID, "0.40", "50");
                    return Await.until(vertx, () -> deployed.result().counters().get("ws.reconnects-scheduled") >= 1);
                })
                .compose(v -> {
                    clock.advance(Duration.ofSeconds(1)); // past the reconnect backoff
                    return Await.until(vertx, () -> clob.wsConnections() >= 2);
                })
                .compose(v -> log.await(l -> matchesVenue(UP)))
                .compose(v -> {
                    // and live again on the new socket
                    clob.setLevel(UP, BookSide.BID, "0.41", "8");
                    return log.await(l -> matchesVenue(UP) && fold(l, UP).bids().contains(Level.of("0.41", "8")));
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    BookFeedVerticle b = deployed.result();
                    assertThat(b.counters().get("ws.opened")).isGreaterThanOrEqualTo(2);
                    assertThat(b.counters().get("book.resyncs")).isGreaterThanOrEqualTo(4);
                    assertThat(clob.subscriptions()).anyMatch(s -> s.contains(UP) && s.contains(DOWN));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("socket open but silent → each book is marked stale once, with the reason, then resynced")
    void silentSocketGoesStale(Vertx vertx, VertxTestContext ctx) {
        Future<BookFeedVerticle> deployed = deploy(vertx, config(Map.of("BOOK_STALE_MS", "30000")), market(WINDOW, UP, DOWN));
        deployed.compose(v -> settled(vertx, deployed, 4, UP, DOWN))
                .compose(v -> {
                    clob.freeze(true);
                    clock.advance(Duration.ofSeconds(31));
                    return log.await(l -> l.of(MarketEvent.BookHealth.class).stream().filter(MarketEvent.BookHealth::stale)
                            .map(MarketEvent.BookHealth::tokenId).distinct().count() == 2);
                })
                .compose(v -> Await.until(vertx, () -> deployed.result().counters().get("ws.silent-restarts") >= 1))
                .compose(v -> log.await(l -> l.of(MarketEvent.BookHealth.class).stream()
                        .filter(h -> h.tokenId().equals(UP)).count() >= 3))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    List<MarketEvent.BookHealth> up = log.of(MarketEvent.BookHealth.class).stream()
                            .filter(h -> h.tokenId().equals(UP)).toList();
                    assertThat(up.get(0).stale()).isFalse();
                    assertThat(up.get(1).stale()).isTrue();
                    assertThat(up.get(1).reason()).startsWith("no book update for 31000 ms");
                    assertThat(up.get(1).at()).isEqualTo(WINDOW.plusSeconds(61));
                    // the REST resync is the only way back to fresh
                    assertThat(up.get(2).stale()).isFalse();
                    assertThat(up.get(2).reason()).isEqualTo("resynced from REST");
                    assertThat(deployed.result().counters().get("book.stale-transitions")).isEqualTo(2);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("socket down and REST fallback failing too → stale with that reason; fresh again when the venue returns")
    void socketDownAndRestDown(Vertx vertx, VertxTestContext ctx) {
        Future<BookFeedVerticle> deployed = deploy(vertx, config(Map.of("BOOK_STALE_MS", "600000")), market(WINDOW, UP, DOWN));
        ClockPump[] pump = new ClockPump[1];
        deployed.compose(v -> settled(vertx, deployed, 4, UP, DOWN))
                .compose(v -> {
                    clob.refuseWebSockets(503);
                    clob.failNext("/book", 10_000, 503, Map.of(), "{\"error\":\"unavailable\"}");
                    clob.dropConnections();
                    pump[0] = ClockPump.start(vertx, clock, Duration.ofMillis(200), 5);
                    return log.await(l -> l.of(MarketEvent.BookHealth.class).stream()
                            .anyMatch(h -> h.stale() && h.tokenId().equals(UP)));
                })
                .compose(v -> {
                    clob.refuseWebSockets(0);
                    clob.clearFaults();
                    return log.await(l -> {
                        List<MarketEvent.BookHealth> up = l.of(MarketEvent.BookHealth.class).stream()
                                .filter(h -> h.tokenId().equals(UP)).toList();
                        return up.size() >= 3 && !up.get(up.size() - 1).stale();
                    });
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    pump[0].stop();
                    List<MarketEvent.BookHealth> up = log.of(MarketEvent.BookHealth.class).stream()
                            .filter(h -> h.tokenId().equals(UP)).toList();
                    assertThat(up.get(1).stale()).isTrue();
                    assertThat(up.get(1).reason()).startsWith("socket down and REST fallback failed");
                    assertThat(up.get(2).stale()).isFalse();
                    assertThat(deployed.result().counters().get("http.5xx")).isGreaterThanOrEqualTo(2);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a periodic REST cross-check that disagrees marks the book stale, replaces it, and makes it fresh")
    void crossCheckDisagreement(Vertx vertx, VertxTestContext ctx) {
        Future<BookFeedVerticle> deployed = deploy(vertx, config(Map.of("BOOK_STALE_MS", "600000",
                "BOOK_CHECK_INTERVAL_MS", "5000")), market(WINDOW, UP, DOWN));
        deployed.compose(v -> settled(vertx, deployed, 4, UP, DOWN))
                .compose(v -> {
                    clob.setLevelSilently(UP, BookSide.BID, "0.48", "99");
                    clock.advance(Duration.ofSeconds(6));
                    return log.await(l -> matchesVenue(UP) && l.of(MarketEvent.BookHealth.class).stream()
                            .filter(h -> h.tokenId().equals(UP)).count() >= 3);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    List<MarketEvent.BookHealth> up = log.of(MarketEvent.BookHealth.class).stream()
                            .filter(h -> h.tokenId().equals(UP)).toList();
                    assertThat(up.get(1).stale()).isTrue();
                    assertThat(up.get(1).reason()).isEqualTo("REST cross-check disagrees with the websocket book");
                    assertThat(up.get(2).stale()).isFalse();
                    assertThat(fold(log, UP).bids().get(0)).isEqualTo(Level.of("0.48", "99"));
                    // DOWN agreed: never stale
                    assertThat(log.of(MarketEvent.BookHealth.class)).filteredOn(h -> h.tokenId().equals(DOWN))
                            .noneMatch(MarketEvent.BookHealth::stale);
                    assertThat(deployed.result().counters().get("book.cross-check-disagreed")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a token the venue has no book for is 'no book' (stale), never an empty book to trade against")
    void noBookForToken(Vertx vertx, VertxTestContext ctx) {
        deploy(vertx, config(Map.of()), market(WINDOW, UP, "9999"))
                .compose(v -> log.await(l -> l.of(MarketEvent.BookHealth.class).stream()
                        .anyMatch(h -> h.tokenId().equals("9999"))))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    MarketEvent.BookHealth h = log.of(MarketEvent.BookHealth.class).stream()
                            .filter(x -> x.tokenId().equals("9999")).findFirst().orElseThrow();
                    assertThat(h.stale()).isTrue();
                    assertThat(h.reason()).startsWith("no book on the venue");
                    assertThat(log.of(MarketEvent.BookSnapshot.class)).noneMatch(s -> s.tokenId().equals("9999"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("books of an ended window are unsubscribed and marked stale; the next window is followed")
    void windowRollover(Vertx vertx, VertxTestContext ctx) {
        Instant next = WINDOW.plusSeconds(300);
        clob.setBook("2001", "0xnext", List.of(Level.of("0.5", "1")), List.of(Level.of("0.51", "1")));
        clob.setBook("2002", "0xnext", List.of(Level.of("0.49", "1")), List.of(Level.of("0.5", "1")));
        Future<BookFeedVerticle> deployed = deploy(vertx, config(Map.of("BOOK_STALE_MS", "3600000")),
                market(WINDOW, UP, DOWN), market(next, "2001", "2002"));
        deployed.compose(v -> settled(vertx, deployed, 4, UP, DOWN, "2001", "2002"))
                .compose(v -> {
                    clock.advanceTo(next.plusSeconds(1));
                    return log.await(l -> l.of(MarketEvent.BookHealth.class).stream()
                            .anyMatch(h -> h.tokenId().equals(UP) && h.stale()));
                })
                .compose(v -> Await.until(vertx, () -> clob.received().stream().anyMatch(m -> m.contains("unsubscribe"))))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(log.of(MarketEvent.BookHealth.class).stream().filter(h -> h.tokenId().equals(UP))
                            .reduce((a, b) -> b).orElseThrow().reason()).startsWith("not followed any more");
                    String unsub = clob.received().stream().filter(m -> m.contains("unsubscribe")).findFirst().orElseThrow();
                    assertThat(unsub).contains(UP).contains(DOWN).doesNotContain("2001");
                    assertThat(clob.subscriptions().get(0)).containsExactlyInAnyOrder("2001", "2002");
                    ctx.completeNow();
                })));
    }

}
