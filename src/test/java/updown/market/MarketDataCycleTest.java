package updown.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.BookSide;
import updown.domain.Level;
import updown.domain.LocalBook;
import updown.domain.MarketEvent;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Resolution;
import updown.domain.Shares;
import updown.feed.RtdsChainlinkSource;
import updown.testkit.Await;
import updown.testkit.ClockPump;
import updown.testkit.FakeBinance;
import updown.testkit.FakeGamma;
import updown.testkit.MarketEventLog;
import updown.testkit.MarketFakes;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MarketDataCycleTest {
    static final Instant WINDOW = Instant.ofEpochSecond(1778584200L);       // 11:10:00Z
    static final Instant NEXT = WINDOW.plusSeconds(300);
    static final String SLUG = "btc-updown-5m-1778584200";
    static final String NEXT_SLUG = "btc-updown-5m-1778584500";
    static final String CID = "0xa5c6d0c4cef71fe53c0235790b5568574343551fe67c62db39e9ebf3387b415a";
    static final String UP = "1001";
    static final String DOWN = "1002";
    static final String NEXT_UP = "2001";
    static final String NEXT_DOWN = "2002";

    VirtualClock clock;
    MarketFakes fakes;
    MarketEventLog log;

    @BeforeEach
    void setUp(Vertx vertx, VertxTestContext ctx) {
        clock = new VirtualClock(WINDOW.plusSeconds(30));
        MarketFakes.start(vertx, clock).compose(f -> {
            fakes = f;
            f.gamma.put(FakeGamma.market(SLUG, WINDOW, 5, "2229686", CID, UP, DOWN));
            f.gamma.put(FakeGamma.market(NEXT_SLUG, NEXT, 5, "2229687", "0xnext", NEXT_UP, NEXT_DOWN));
            f.clob.setBook(UP, CID, List.of(Level.of("0.48", "10"), Level.of("0.47", "20")),
                    List.of(Level.of("0.52", "7"), Level.of("0.55", "30")));
            f.clob.setBook(DOWN, CID, List.of(Level.of("0.46", "5")), List.of(Level.of("0.53", "9")));
            f.clob.setBook(NEXT_UP, "0xnext", List.of(Level.of("0.50", "1")), List.of(Level.of("0.51", "1")));
            f.clob.setBook(NEXT_DOWN, "0xnext", List.of(Level.of("0.49", "1")), List.of(Level.of("0.50", "1")));
            f.clob.putMarket(CID, UP, DOWN);
            f.rtds.remember(WINDOW.minusMillis(800), "80990.00");
            f.rtds.remember(WINDOW.plusMillis(200), "80994.33");
            return MarketEventLog.attach(vertx);
        }).onSuccess(l -> {
            log = l;
            ctx.completeNow();
        }).onFailure(ctx::failNow);
    }

    @AfterEach
    void tearDown(Vertx vertx, VertxTestContext ctx) {
        io.vertx.core.Future<Void> undeploy = io.vertx.core.Future.succeededFuture();
        for (String id : vertx.deploymentIDs()) {
            undeploy = undeploy.compose(v -> vertx.undeploy(id));
        }
        undeploy.compose(v -> fakes.close()).onComplete(ar -> {
            ctx.completeNow();
        });
    }

    @Test
    @DisplayName("a full scan → books → candles cycle publishes markets, normalised books, health and gap-free candles")
    void fullCycle(Vertx vertx, VertxTestContext ctx) {
        MarketDataVerticle md = new MarketDataVerticle(fakes.config(Map.of()), clock, 42, RtdsChainlinkSource.FACTORY);
        long minuteNow = WINDOW.toEpochMilli();
        vertx.deployVerticle(md)
                .compose(id -> log.await(l -> l.of(MarketEvent.MarketDiscovered.class).size() >= 2
                        && l.of(MarketEvent.BookHealth.class).stream().filter(h -> !h.stale())
                        .map(MarketEvent.BookHealth::tokenId).distinct().count() == 4
                        && l.of(MarketEvent.CandleUpdated.class).size() >= 20
                        && !l.of(MarketEvent.PriceToBeat.class).isEmpty()))
                // sockets up and subscribed before the venue changes anything
                .compose(v -> Await.until(vertx, () -> md.books().counters().get("ws.frames") >= 1
                        && fakes.binance.openSockets() == 1))
                .compose(v -> {
                    ctx.verify(() -> {
                        List<MarketEvent.MarketDiscovered> found = log.of(MarketEvent.MarketDiscovered.class);
                        assertThat(found).extracting(d -> d.market().slug()).contains(SLUG, NEXT_SLUG);
                        MarketEvent.MarketDiscovered cur = found.stream()
                                .filter(d -> d.market().slug().equals(SLUG)).findFirst().orElseThrow();
                        assertThat(cur.market().upTokenId()).isEqualTo(UP);
                        assertThat(cur.market().isLiveAt(clock.instant())).isTrue();
                        assertThat(cur.at()).isEqualTo(WINDOW.plusSeconds(30));

                        MarketEvent.BookSnapshot up = log.of(MarketEvent.BookSnapshot.class).stream()
                                .filter(b -> b.tokenId().equals(UP)).findFirst().orElseThrow();
                        assertThat(up.bids()).containsExactly(Level.of("0.48", "10"), Level.of("0.47", "20"));
                        assertThat(up.asks()).containsExactly(Level.of("0.52", "7"), Level.of("0.55", "30"));
                        assertThat(up.tickSize()).isEqualTo(Price.of("0.01"));
                        assertThat(log.of(MarketEvent.BookHealth.class)).filteredOn(h -> !h.stale())
                                .extracting(MarketEvent.BookHealth::tokenId)
                                .contains(UP, DOWN, NEXT_UP, NEXT_DOWN);

                        List<MarketEvent.CandleUpdated> candles = log.of(MarketEvent.CandleUpdated.class);
                        assertThat(candles).hasSize(20).allMatch(c -> c.candle().closed());
                        for (int i = 0; i < candles.size(); i++) {
                            assertThat(candles.get(i).candle().openTime().toEpochMilli())
                                    .isEqualTo(minuteNow - (20 - i) * 60_000L);
                        }
                        MarketEvent.PriceToBeat ptb = log.of(MarketEvent.PriceToBeat.class).get(0);
                        assertThat(ptb.slug()).isEqualTo(SLUG);
                        assertThat(ptb.startMicros()).isEqualTo(Micros.parse("80994.33"));
                        assertThat(ptb.endMicros()).isNull();
                    });
                    // the socket is live: a level change, then this minute's klines
                    fakes.clob.setLevel(UP, BookSide.BID, "0.49", "3");
                    fakes.binance.pushKline(minuteNow, false);
                    clock.advance(Duration.ofSeconds(30));
                    fakes.binance.pushKline(minuteNow, true);
                    return log.await(l -> l.of(MarketEvent.BookLevelChanged.class).size() >= 1
                            && l.of(MarketEvent.CandleUpdated.class).size() >= 22);
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    MarketEvent.BookLevelChanged ch = log.of(MarketEvent.BookLevelChanged.class).get(0);
                    assertThat(ch).isEqualTo(new MarketEvent.BookLevelChanged(UP, BookSide.BID, Price.of("0.49"),
                            Shares.of("3"), ch.at()));
                    // folding the published events gives the venue's book
                    LocalBook folded = fold(UP);
                    assertThat(folded.snapshot().bids()).isEqualTo(fakes.clob.book(UP).bids());
                    List<MarketEvent.CandleUpdated> c = log.of(MarketEvent.CandleUpdated.class);
                    assertThat(c.get(20).candle().closed()).isFalse();
                    assertThat(c.get(21).candle()).isEqualTo(FakeBinance.candle(minuteNow, true));
                    assertThat(log.of(MarketEvent.FeedHealth.class))
                            .anyMatch(h -> h.feed().equals("binance") && !h.stale());
                    assertThat(md.books().counters().get("parse.errors")).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a market past its end is settled once Gamma and the CLOB agree, and its end price is published")
    void resolution(Vertx vertx, VertxTestContext ctx) {
        // long staleness limits: this test jumps the clock by minutes and is about resolution, not watchdogs
        MarketDataVerticle md = new MarketDataVerticle(fakes.config(Map.of("PRICE_STALE_MS", "3600000",
                "BOOK_STALE_MS", "3600000")), clock, 7, RtdsChainlinkSource.FACTORY);
        vertx.deployVerticle(md)
                .compose(id -> log.await(l -> !l.of(MarketEvent.PriceToBeat.class).isEmpty()))
                .compose(v -> Await.until(vertx, () -> md.scanner().counters().get("scan.completed") >= 1))
                .compose(v -> {
                    clock.advanceTo(NEXT.plusSeconds(5));
                    fakes.rtds.pushPrice(NEXT.plusMillis(300), "80981.50");
                    // Gamma closed but prices not final yet: not resolved
                    fakes.gamma.update(SLUG, m -> m.put("closed", true).put("outcomePrices", "[\"0.0005\", \"0.9995\"]"));
                    // pump the clock instead of one jump: a scan still in flight re-arms from its own "now"
                    ClockPump pump = ClockPump.start(vertx, clock, Duration.ofSeconds(1), 5);
                    return log.await(l -> l.of(MarketEvent.PriceToBeat.class).stream().anyMatch(p -> p.endMicros() != null)
                            && md.scanner().counters().get("scan.completed") >= 2).onComplete(ar -> pump.stop());
                })
                .compose(v -> {
                    ctx.verify(() -> assertThat(log.of(MarketEvent.MarketResolved.class)).isEmpty());
                    fakes.gamma.resolve(SLUG, "Down");
                    fakes.clob.resolveMarket(CID, DOWN);
                    ClockPump pump = ClockPump.start(vertx, clock, Duration.ofSeconds(1), 5);
                    return log.await(l -> !l.of(MarketEvent.MarketResolved.class).isEmpty()).onComplete(ar -> pump.stop());
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    MarketEvent.MarketResolved r = log.of(MarketEvent.MarketResolved.class).get(0);
                    assertThat(r.slug()).isEqualTo(SLUG);
                    assertThat(r.marketId()).isEqualTo("2229686");
                    assertThat(r.winner()).isEqualTo(Resolution.DOWN);
                    assertThat(r.source()).isEqualTo("gamma+clob");
                    MarketEvent.PriceToBeat end = log.of(MarketEvent.PriceToBeat.class).stream()
                            .filter(p -> p.endMicros() != null).findFirst().orElseThrow();
                    assertThat(end.startMicros()).isEqualTo(Micros.parse("80994.33"));
                    assertThat(end.endMicros()).isEqualTo(Micros.parse("80981.50"));
                    assertThat(fakes.gamma.requests()).noneMatch(q -> "false".equals(q.param("closed")));
                    ctx.completeNow();
                })));
    }

    private LocalBook fold(String token) {
        LocalBook b = new LocalBook(token);
        for (MarketEvent e : log.all()) {
            if (e instanceof MarketEvent.BookSnapshot s && s.tokenId().equals(token)) {
                b.applySnapshot(s.bids(), s.asks(), s.tickSize(), s.hash(), s.at());
            } else if (e instanceof MarketEvent.BookLevelChanged c && c.tokenId().equals(token)) {
                b.applyChange(c.side(), c.price(), c.size(), c.at());
            }
        }
        return b;
    }
}
