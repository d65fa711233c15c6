package updown.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.Level;
import updown.domain.Market;
import updown.domain.MarketEvent;
import updown.domain.MarketSnapshot;
import updown.domain.Price;
import updown.domain.Signal;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.record.RecordSource;
import updown.record.TapeReader;
import updown.record.TapeRecord;
import updown.synthetic.SimOptions;
import updown.synthetic.SimRecordSource;
import updown.strategy.Strategy;
import updown.strategy.TestDeciders;
import updown.testkit.Await;
import updown.testkit.Fixtures;
import updown.testkit.TestConfig;
import updown.testkit.Trades;

@DisplayName("Replay: same tape and settings, same ledger bytes; a strategy cannot see the future")
class ReplayTest {
    private static SimRecordSource.Loaded data;
    private Vertx vertx;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        data = SimRecordSource.loadKlines(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"),
                SimOptions.defaults().withSeed(3));
    }

    @BeforeEach
    void start() {
        vertx = Backtest.newVertx();
    }

    @AfterEach
    void stop() {
        Await.result(vertx.close());
    }

    /** Four hours of the CSV as the simulated market would have streamed them. */
    private static RecordSource klineHours(BotConfig config, int hours) {
        Instant start = data.span().first().plus(Duration.ofHours(1));
        return SimRecordSource.of(data.model(start), start, start.plus(Duration.ofHours(hours)),
                Duration.ofMillis(config.trading().tickIntervalMs()));
    }

    private BacktestRun replayTape(BotConfig config, Backtest.Options options) throws IOException {
        return Await.result(Backtest.run(vertx, config, TapeReader.open(dir), options));
    }

    @Test
    @DisplayName("replaying one tape twice gives byte-identical ledgers, equal to replaying its source directly")
    void deterministic() throws IOException {
        BotConfig config = TestConfig.with(Map.of());
        TapeBuilder.copy(klineHours(config, 4), dir);
        BacktestRun first = replayTape(config, Backtest.Options.all());
        BacktestRun second = replayTape(config, Backtest.Options.all());
        BacktestRun direct = Await.result(Backtest.run(vertx, config, klineHours(config, 4), Backtest.Options.all()));
        assertThat(first.state().trades()).hasSizeGreaterThan(5);
        assertThat(second.ledgerText()).isEqualTo(first.ledgerText());
        assertThat(second.ledgerSha256()).isEqualTo(first.ledgerSha256()).hasSize(64);
        assertThat(direct.ledgerSha256()).isEqualTo(first.ledgerSha256());

        BacktestRun other = replayTape(TestConfig.with(Map.of("BET_SIZE", "20")), Backtest.Options.all());
        assertThat(other.ledgerSha256()).as("the hash follows the ledger").isNotEqualTo(first.ledgerSha256());
    }

    @Test
    @DisplayName("--from/--to: nothing trades before from or after to; trades opened before to are settled after it")
    void window() throws IOException {
        BotConfig config = TestConfig.with(Map.of());
        TapeBuilder.copy(klineHours(config, 5), dir);
        Instant from = data.span().first().plus(Duration.ofHours(3));
        Instant to = from.plus(Duration.ofHours(2)).minus(Duration.ofMinutes(30));
        BacktestRun run = replayTape(config, new Backtest.Options(from, to, Duration.ofHours(2), Duration.ofMinutes(20),
                false));
        assertThat(run.state().trades()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.openedAt()).isAfterOrEqualTo(from).isBefore(to);
            assertThat(t.isOpen()).isFalse();
        });
        assertThat(run.stats().firstTick()).isEqualTo(from);
        assertThat(run.stats().warmupTicks()).isEqualTo(Duration.ofHours(2).toSeconds() / 5);
        assertThat(run.stats().lastTick()).isBefore(to.plus(Duration.ofMinutes(20)));
    }

    // --------------------------------------------------------------------------------------- look-ahead

    /** What a strategy could see at one decision, and how far the replay had read at that moment. */
    private record Seen(Instant now, Instant readUpTo, Instant upUpdated, Instant downUpdated, String upHash,
                        Instant lastCandleClose) {
    }

    /** A source that remembers the latest record it has handed out. */
    private static final class Watched implements RecordSource {
        private final RecordSource inner;
        private volatile Instant readUpTo = Instant.MIN;

        Watched(RecordSource inner) {
            this.inner = inner;
        }

        @Override
        public TapeRecord poll() {
            TapeRecord r = inner.poll();
            if (r != null && r.at().isAfter(readUpTo)) {
                readUpTo = r.at();
            }
            return r;
        }

        @Override
        public boolean exhausted() {
            return inner.exhausted();
        }

        @Override
        public void fill() throws IOException {
            inner.fill();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    @Test
    @DisplayName("a peeking strategy never sees data newer than its tick, and the replay has not read past the tick")
    void noLookAhead() throws IOException {
        Instant w = Instant.parse("2026-11-25T03:00:00Z");
        Market market = Trades.market(w);
        List<TapeRecord> tape = new ArrayList<>();
        tape.add(ev(new MarketEvent.MarketDiscovered(market, w.minusSeconds(30))));
        for (int i = 30; i >= 1; i--) {
            long close = 90_000_000_000L + (30 - i) * 5_000_000L;
            tape.add(ev(new MarketEvent.CandleUpdated(new Candle(w.minusSeconds(60L * i), close, close, close, close,
                    1, true), w.minusSeconds(60L * i - 60))));
        }
        Instant canaryAt = w.plusSeconds(5 * 10 + 1);
        for (int k = 1; k <= 20; k++) {
            Instant t = w.plusSeconds(5L * k);
            if (k != 11) { // at tick 11 the freshest Up book is the canary
                tape.add(ev(new MarketEvent.BookSnapshot(market.upTokenId(), List.of(Level.of("0.48", "500")),
                        List.of(Level.of("0.52", "100")), Price.of("0.01"), "h" + k, t.minusSeconds(1))));
            }
            tape.add(ev(new MarketEvent.BookSnapshot(market.downTokenId(), List.of(Level.of("0.47", "100")),
                    List.of(Level.of("0.53", "500")), Price.of("0.01"), "d" + k, t.minusSeconds(1))));
            tape.add(ev(new MarketEvent.CandleUpdated(new Candle(w, 1, 1, 1, 1, 0, false), t)));
            tape.add(new TapeRecord.Tick(new TraderTicked(t, 1, 0, true, 0, 0)));
            if (k == 10) {
                // the future, right after tick 10 on the tape: a book nobody may see before canaryAt
                tape.add(ev(new MarketEvent.BookSnapshot(market.upTokenId(), List.of(Level.of("0.01", "1")),
                        List.of(Level.of("0.02", "100000")), Price.of("0.01"), "CANARY", canaryAt)));
            }
        }
        TapeBuilder.write(dir, tape);

        Watched source = new Watched(TapeReader.open(dir));
        List<Seen> seen = new CopyOnWriteArrayList<>();
        Strategy peeking = new Strategy() {
            @Override
            public String name() {
                return "Peeking";
            }

            @Override
            public Signal evaluate(MarketSnapshot s) {
                List<Candle> candles = s.candles();
                seen.add(new Seen(s.now(), source.readUpTo, s.up().updatedAt(), s.down().updatedAt(),
                        s.up().hash(), candles.isEmpty() ? null : candles.get(candles.size() - 1).openTime()
                        .plusSeconds(60)));
                return Signal.skip(name(), "only looking");
            }
        };
        BotConfig config = TestConfig.with(Map.of());
        BacktestRun run = Await.result(Backtest.run(vertx, config, TestDeciders.deciding(config, peeking), source,
                Backtest.Options.all()));

        assertThat(run.stats().ticks()).isEqualTo(20);
        assertThat(seen).hasSize(20).allSatisfy(s -> {
            assertThat(s.readUpTo()).as("read up to, at %s", s.now()).isEqualTo(s.now());
            assertThat(s.upUpdated()).isBeforeOrEqualTo(s.now());
            assertThat(s.downUpdated()).isBeforeOrEqualTo(s.now());
            assertThat(s.lastCandleClose()).isBeforeOrEqualTo(s.now());
        });
        assertThat(seen).filteredOn(s -> s.upHash().equals("CANARY")).extracting(Seen::now)
                .as("the canary is seen from the first tick after it, never before")
                .containsExactly(w.plusSeconds(55));
        assertThat(run.state().trades()).extracting(Trade::slug).isEmpty();
    }

    private static TapeRecord ev(MarketEvent e) {
        return new TapeRecord.Event(e);
    }
}
