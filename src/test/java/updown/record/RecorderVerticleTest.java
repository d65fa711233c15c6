package updown.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.Price;
import updown.domain.BookSide;
import updown.domain.Shares;
import updown.domain.TraderTicked;
import updown.engine.Engine;
import updown.engine.Execution;
import updown.engine.Order;
import updown.engine.PaperEngine;
import updown.portfolio.PortfolioVerticle;
import updown.repository.InMemoryRepository;
import updown.strategy.Decider;
import updown.strategy.TraderVerticle;
import updown.testkit.Await;
import updown.testkit.TestConfig;
import updown.testkit.Trades;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
@DisplayName("Recorder: the trader's input, in its order, with a mark after every tick, on the tape")
class RecorderVerticleTest {
    private static final Instant WINDOW = Instant.parse("2026-11-25T03:00:00Z");
    private Vertx vertx;
    private VirtualClock clock;
    private BotConfig config;
    private Market market;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        LocalRecordCodec.register(vertx.eventBus());
        clock = new VirtualClock(WINDOW.plusSeconds(60));
        config = TestConfig.inDataDir(dataDir, Map.of());
        market = Trades.market(WINDOW);
    }

    private String deployRecorder() {
        return Await.result(vertx.deployVerticle(new RecorderVerticle(config, clock)));
    }

    private void deployTrader(Engine engine) {
        Await.result(vertx.deployVerticle(new PortfolioVerticle(config, clock, new InMemoryRepository(),
                PortfolioVerticle.Admission.STRICT)));
        Await.result(vertx.deployVerticle(new TraderVerticle(config, clock, engine, Decider.fromConfig(config),
                TraderVerticle.Ticking.ON_CALL, new TraderVerticle.Hooks(true, false, true))));
    }

    private void publish(MarketEvent e) {
        vertx.eventBus().publish(Addresses.MARKET_EVENTS, e);
    }

    private TraderTicked tick() {
        return (TraderTicked) Await.result(vertx.eventBus().request(Addresses.TRADER_TICK, "tick")).body();
    }

    private List<TapeRecord> tape() throws IOException {
        List<TapeRecord> out = new ArrayList<>();
        try (TapeReader r = TapeReader.open(config.storage().tapeDir())) {
            for (TapeRecord x = r.next(); x != null; x = r.next()) {
                out.add(x);
            }
            assertThat(r.stats().damagedSegments()).isZero();
        }
        return out;
    }

    /** Everything a trade needs: the market, books leaning Up, 20 rising closed candles. */
    private List<MarketEvent> signalEvents() {
        Instant now = clock.instant();
        List<MarketEvent> out = new ArrayList<>();
        out.add(new MarketEvent.MarketDiscovered(market, now));
        out.add(new MarketEvent.BookSnapshot(market.upTokenId(), List.of(Level.of("0.48", "500")),
                List.of(Level.of("0.52", "100")), Price.of("0.01"), "h1", now));
        out.add(new MarketEvent.BookSnapshot(market.downTokenId(), List.of(Level.of("0.47", "100")),
                List.of(Level.of("0.53", "500")), Price.of("0.01"), "h2", now));
        for (int i = 20; i >= 1; i--) {
            long close = 100_000_000_000L + (20 - i) * 10_000_000L;
            out.add(new MarketEvent.CandleUpdated(new Candle(now.minus(Duration.ofMinutes(i)), close, close, close,
                    close, 1, true), now));
        }
        return out;
    }

    @Test
    @DisplayName("events before a tick, the tick mark, then the events after it; flushed and closed on undeploy")
    void recordsInputAndTicks() throws IOException {
        String recorder = deployRecorder();
        deployTrader(PaperEngine.fromConfig(config));
        List<MarketEvent> before = signalEvents();
        before.forEach(this::publish);
        TraderTicked first = tick();
        assertThat(first.tradesOpened()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        MarketEvent after = new MarketEvent.BookHealth(market.upTokenId(), true, "silent", clock.instant());
        publish(after);
        TraderTicked second = tick();
        Await.result(vertx.undeploy(recorder));

        List<TapeRecord> expected = new ArrayList<>();
        before.forEach(e -> expected.add(new TapeRecord.Event(e)));
        expected.add(new TapeRecord.Tick(first));
        expected.add(new TapeRecord.Event(after));
        expected.add(new TapeRecord.Tick(second));
        assertThat(tape()).containsExactlyElementsOf(expected);
    }

    /** Deploys the trader on an engine that, while executing the tick's order, makes market data publish {@code e}. */
    private void deployTraderPublishingMidTick(MarketEvent e) {
        PaperEngine paper = PaperEngine.fromConfig(config);
        Engine publishing = new Engine() {
            @Override
            public String name() {
                return "paper";
            }

            @Override
            public Future<Execution> execute(Order order) {
                publish(e);
                return paper.execute(order);
            }
        };
        deployTrader(publishing);
    }

    @Test
    @DisplayName("an event that arrives while a tick runs is held: the tape puts it after the tick's mark")
    void eventDuringTickComesAfterItsMark() throws IOException {
        String recorder = deployRecorder();
        MarketEvent change = new MarketEvent.BookLevelChanged(market.downTokenId(), BookSide.ASK, Price.of("0.61"),
                Shares.of("40"), clock.instant());
        deployTraderPublishingMidTick(change);
        signalEvents().forEach(this::publish);
        TraderTicked ticked = tick();
        assertThat(ticked.tradesOpened()).isEqualTo(1);
        Await.result(vertx.undeploy(recorder));

        List<TapeRecord> tape = tape();
        int mark = tape.indexOf(new TapeRecord.Tick(ticked));
        assertThat(tape.indexOf(new TapeRecord.Event(change))).isEqualTo(mark + 1);
    }

    @Test
    @DisplayName("a stale verdict that arrives mid-tick counts at once, and goes on the tape after the tick's mark"
            + " (nothing stamped after the tick's instant comes before its mark)")
    void staleVerdictDuringTickCountsAtOnce() throws IOException {
        String recorder = deployRecorder();
        MarketEvent stale = new MarketEvent.BookHealth(market.downTokenId(), true, "arrived mid-tick",
                clock.instant());
        deployTraderPublishingMidTick(stale);
        signalEvents().forEach(this::publish);
        TraderTicked ticked = tick();
        assertThat(ticked.tradesOpened()).as("decided before the verdict arrived").isEqualTo(1);
        assertThat(ticked.staleBooks()).as("the verdict counted within the tick").isEqualTo(1);
        Await.result(vertx.undeploy(recorder));

        List<TapeRecord> tape = tape();
        int mark = tape.indexOf(new TapeRecord.Tick(ticked));
        assertThat(tape.indexOf(new TapeRecord.Event(stale))).isEqualTo(mark + 1);
        assertThat(tape.lastIndexOf(new TapeRecord.Event(stale))).isEqualTo(mark + 1);
        for (TapeRecord r : tape.subList(0, mark)) {
            if (r instanceof TapeRecord.Event e) {
                assertThat(e.at()).as("before the mark: %s", e).isBeforeOrEqualTo(ticked.at());
            }
        }
    }

    @Test
    @DisplayName("segments older than RECORD_RETENTION_DAYS are deleted when the recorder starts")
    void retentionAtStart() throws IOException {
        Path tapeDir = config.storage().tapeDir();
        Instant old = clock.instant().minus(Duration.ofDays(config.recorder().retentionDays() + 2));
        try (TapeWriter w = new TapeWriter(tapeDir)) {
            w.append(TapeSamples.bookChanges(new Random(1), old, 3));
            w.append(TapeSamples.bookChanges(new Random(1), clock.instant().minus(Duration.ofDays(1)), 3));
        }
        assertThat(TapeFiles.segments(tapeDir)).hasSize(2);
        Await.result(vertx.undeploy(deployRecorder()));
        assertThat(TapeFiles.segments(tapeDir)).singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).startsWith(
                        TapeFormat.segmentName(clock.instant().minus(Duration.ofDays(1)), 0).substring(0, 8)));
    }

    @Test
    @DisplayName("a running recorder deletes a segment once the UTC day changes and it is older than the retention")
    void retentionAtDayChange() throws IOException {
        Path tapeDir = config.storage().tapeDir();
        Instant oldestKept = clock.instant().minus(Duration.ofDays(config.recorder().retentionDays()));
        try (TapeWriter w = new TapeWriter(tapeDir)) {
            w.append(TapeSamples.bookChanges(new Random(1), oldestKept, 3));
            w.append(TapeSamples.bookChanges(new Random(1), clock.instant(), 3));
        }
        String id = deployRecorder();
        assertThat(TapeFiles.segments(tapeDir)).as("both within the retention at start").hasSize(2);
        // the next UTC day: the older segment is now one day past the retention; the next flush prunes it
        clock.advance(Duration.ofDays(1));
        vertx.eventBus().publish(Addresses.TRADER_TAPE, new MarketEvent.FeedHealth("binance", false, "ok",
                clock.instant()));
        Await.result(Await.until(vertx, () -> {
            try {
                return TapeFiles.segments(tapeDir).stream().noneMatch(p -> p.getFileName().toString().startsWith(
                        TapeFormat.segmentName(oldestKept, 0).substring(0, 8)));
            } catch (IOException e) {
                return false;
            }
        }));
        Await.result(vertx.undeploy(id));
        assertThat(TapeFiles.segments(tapeDir)).as("today's segments kept").isNotEmpty()
                .allSatisfy(p -> assertThat(p.getFileName().toString()).doesNotStartWith(
                        TapeFormat.segmentName(oldestKept, 0).substring(0, 8)));
    }

    @Test
    @DisplayName("a tape directory that cannot be written does not stop the recorder or the bot; drops are counted")
    void unwritableDirectory() throws IOException {
        Path blocker = dataDir.resolve("tape");
        Files.writeString(blocker, "a file where the directory should be");
        RecorderVerticle recorder = new RecorderVerticle(config, clock);
        String id = Await.result(vertx.deployVerticle(recorder));
        vertx.eventBus().publish(Addresses.TRADER_TAPE, new MarketEvent.FeedHealth("binance", true, "x",
                clock.instant()));
        Await.result(Await.until(vertx, () -> recorder.dropped() == 1));
        Await.result(vertx.undeploy(id));
        assertThat(recorder.written()).isZero();
    }
}
