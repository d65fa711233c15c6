package updown.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Level;
import updown.domain.OrderBook;
import updown.domain.Outcome;
import updown.testkit.Fixtures;

class SimMarketModelTest {
    private static final Instant START = Instant.parse("2026-05-12T11:11:00Z");

    private static SimMarketModel model(SimOptions o) {
        return SimMarketModel.create(o, START);
    }

    @Test
    @DisplayName("the same seed gives the same prices, ids and books; another seed gives others")
    void deterministicPerSeed() {
        SimMarketModel a = model(SimOptions.defaults().withSeed(42));
        SimMarketModel b = model(SimOptions.defaults().withSeed(42));
        SimMarketModel c = model(SimOptions.defaults().withSeed(43));
        // read b in another order first: values must not depend on who asked first
        Instant late = START.plus(Duration.ofHours(2));
        long lateB = b.btcCents(late);
        for (int s = 0; s < 7200; s += 37) {
            Instant t = START.plusSeconds(s);
            assertThat(a.btcCents(t)).isEqualTo(b.btcCents(t));
            assertThat(a.chainlinkE8(t)).isEqualTo(b.chainlinkE8(t));
        }
        assertThat(a.btcCents(late)).isEqualTo(lateB);
        assertThat(a.window(3)).isEqualTo(b.window(3));
        assertThat(a.books(a.window(1), START.plusSeconds(400)))
                .isEqualTo(b.books(b.window(1), START.plusSeconds(400)));
        assertThat(c.btcCents(late)).isNotEqualTo(a.btcCents(late));
        assertThat(c.window(3).upTokenId()).isNotEqualTo(a.window(3).upTokenId());
    }

    @Test
    @DisplayName("GBM per-second log returns have the configured volatility and no drift to speak of")
    void gbmStatisticsAreSane() {
        double vol = 0.8;
        GbmPath p = new GbmPath(7, 50_000, vol, 0, 25);
        int n = 100_000;
        double sum = 0;
        double sumSq = 0;
        double prev = Math.log(p.cents(0));
        for (int s = 1; s <= n; s++) {
            double x = Math.log(p.cents(s));
            double r = x - prev;
            sum += r;
            sumSq += r * r;
            prev = x;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        double expected = vol / Math.sqrt(GbmPath.SECONDS_PER_YEAR);
        assertThat(sd).as("per-second sd (seed 7)")
                .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(Math.abs(mean)).as("mean per-second log return (seed 7)").isLessThan(4 * expected / Math.sqrt(n));
        assertThat(p.sigmaPerSecond()).isEqualTo(expected);
        // a month later the price is still a price
        assertThat(p.cents(30L * 86_400)).isPositive();
    }

    @Test
    @DisplayName("replaying the kline CSV gives exactly the CSV's open, high, low and close per minute")
    void csvReplayGivesTheCsvCloses() throws java.io.IOException {
        CsvKlinePath csv = CsvKlinePath.load(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv"));
        assertThat(csv.minutes()).isEqualTo(45_031);
        SimMarketModel m = model(SimOptions.defaults()
                .withKlines(Fixtures.dataPath("btc/btc-perp-20211231-20220201_1m.csv")));
        Instant now = m.epoch().plus(Duration.ofHours(10));
        for (int i = 0; i < 300; i++) {
            Kline k = m.kline(m.epoch().plusSeconds(60L * i), now).orElseThrow();
            CsvKlinePath.Row r = csv.row(i);
            assertThat(k.closed()).isTrue();
            assertThat(k.closeCents()).as("close of minute %d", i).isEqualTo(r.close());
            assertThat(k.openCents()).isEqualTo(r.open());
            assertThat(k.highCents()).isEqualTo(r.high());
            assertThat(k.lowCents()).isEqualTo(r.low());
        }
        assertThat(csv.row(0).close()).isEqualTo(4637700L); // 46377.0 in the file's first row
    }

    /** Two minutes, from 100 to 110: the second cycle is scaled by 1.1. */
    private static final List<CsvKlinePath.Row> TWO_ROWS = List.of(
            new CsvKlinePath.Row(100_00, 110_00, 95_00, 105_00, 1),
            new CsvKlinePath.Row(105_00, 120_00, 100_00, 110_00, 2));

    @Test
    @DisplayName("the CSV replay continues past its last row, scaled to go on from where it ended")
    void csvReplayWraps() {
        CsvKlinePath p = new CsvKlinePath(TWO_ROWS, "two rows");
        assertThat(p.cents(59)).isEqualTo(105_00);
        assertThat(p.cents(119)).isEqualTo(110_00);
        assertThat(p.cents(120)).isEqualTo(110_00); // second cycle opens at 100 × 1.1
        assertThat(p.cents(179)).isEqualTo(Math.round(105_00 * 1.1));
    }

    @Test
    @DisplayName("a minute's row is the same whether asked for again at once, after other minutes or other cycles")
    void csvRowsDoNotDependOnTheOrderAsked() {
        CsvKlinePath p = new CsvKlinePath(TWO_ROWS, "two rows");
        assertThat(p.row(1)).as("first cycle: the file's row as it is").isEqualTo(TWO_ROWS.get(1));
        assertThat(p.row(1)).isEqualTo(TWO_ROWS.get(1));
        CsvKlinePath.Row scaled = new CsvKlinePath.Row(Math.round(105_00 * 1.1), Math.round(120_00 * 1.1),
                Math.round(100_00 * 1.1), Math.round(110_00 * 1.1), 2);
        assertThat(p.row(3)).as("second cycle: scaled by last close / first open").isEqualTo(scaled);
        assertThat(p.row(1)).isEqualTo(TWO_ROWS.get(1));
        assertThat(p.row(0)).isEqualTo(TWO_ROWS.get(0));
        assertThat(p.row(3)).isEqualTo(scaled);
        assertThat(p.minuteVolume(3)).isEqualTo(2.0);
    }

    @Test
    @DisplayName("a window's books are the same made once per step (a replay, no cache) as asked out of order through the cache")
    void booksDoNotDependOnTheOrderAsked() {
        SimMarketModel forward = model(SimOptions.defaults().withSeed(9));
        SimMarketModel scrambled = model(SimOptions.defaults().withSeed(9));
        List<Instant> times = new java.util.ArrayList<>();
        for (int w = 1; w <= 3; w++) {
            SimWindow win = forward.window(w);
            for (int s = 0; s < 300; s++) {
                times.add(win.start().plusSeconds(s));
            }
        }
        java.util.Map<Instant, BookModel.WindowBooks> byTime = new java.util.HashMap<>();
        for (Instant t : times) {
            byTime.put(t, forward.booksOnce(forward.windowAt(t).orElseThrow(), t));
        }
        List<Instant> shuffled = new java.util.ArrayList<>(times);
        java.util.Collections.shuffle(shuffled, new java.util.Random(5));
        for (Instant t : shuffled) {
            SimWindow w = scrambled.windowAt(t).orElseThrow();
            assertThat(scrambled.books(w, t)).as("books at %s", t).isEqualTo(byTime.get(t));
        }
        // and the two ways of asking give the same books at any step
        Instant t = times.get(450);
        assertThat(forward.booksOnce(forward.windowAt(t).orElseThrow(), t))
                .isEqualTo(forward.books(forward.windowAt(t).orElseThrow(), t));
    }

    @Test
    @DisplayName("the fair Up probability rises with the price, is 0.5 at the money and certain at the end")
    void fairProbabilityMonotoneInPrice() {
        double sigma = 0.5 / Math.sqrt(GbmPath.SECONDS_PER_YEAR);
        for (double left : new double[] {1, 10, 60, 150, 299}) {
            double prev = -1;
            for (int i = -400; i <= 400; i++) {
                double price = 100_000 + i * 2.5;
                double p = FairValue.upProbability(price, 100_000, left, sigma);
                assertThat(p).as("price %s, %s s left", price, left).isGreaterThanOrEqualTo(prev).isBetween(0.0, 1.0);
                prev = p;
            }
            assertThat(FairValue.upProbability(100_000, 100_000, left, sigma)).isCloseTo(0.5,
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(FairValue.upProbability(100_001, 100_000, 0, sigma)).isEqualTo(1.0);
        assertThat(FairValue.upProbability(100_000, 100_000, 0, sigma)).isEqualTo(1.0);
        assertThat(FairValue.upProbability(99_999, 100_000, 0, sigma)).isEqualTo(0.0);
        assertThat(FairValue.normalCdf(1.959964)).isCloseTo(0.975, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    @DisplayName("a tie between the Chainlink start and end prices resolves Up")
    void tiesResolveUp() {
        assertThat(SimMarketModel.winner(7_000_000_000_000L, 7_000_000_000_000L)).isEqualTo(Outcome.UP);
        assertThat(SimMarketModel.winner(7_000_000_000_000L, 6_999_999_999_999L)).isEqualTo(Outcome.DOWN);
        SimMarketModel flat = model(SimOptions.defaults().withGbm(100_000, 0, 0).withChainlinkBasis(-25, 0));
        for (int i = 0; i < 10; i++) {
            SimWindow w = flat.window(i);
            assertThat(flat.chainlinkE8(w.end())).isEqualTo(flat.chainlinkE8(w.start()));
            assertThat(flat.chainlinkWinner(w)).isEqualTo(Outcome.UP);
        }
    }

    @Test
    @DisplayName("Up ask + Down ask falls below $1 on about the configured share of book steps, never at rate 0")
    void arbitrageAtTheConfiguredRate() {
        for (double rate : new double[] {0.0, 0.03, 0.2}) {
            SimMarketModel m = model(SimOptions.defaults().withSeed(9).withArbRate(rate));
            int steps = 0;
            int arbs = 0;
            for (int wi = 0; wi < 20; wi++) {
                SimWindow w = m.window(wi);
                for (int s = 0; s < 300; s++) {
                    BookModel.WindowBooks b = m.books(w, w.start().plusSeconds(s));
                    long up = b.up().bestAsk().orElseThrow().micros();
                    long down = b.down().bestAsk().orElseThrow().micros();
                    boolean below = up + down < 1_000_000;
                    assertThat(below).as("arb flag matches the books (window %d, s %d, seed 9)", wi, s)
                            .isEqualTo(b.arb());
                    steps++;
                    arbs += below ? 1 : 0;
                }
            }
            double observed = arbs / (double) steps;
            assertThat(observed).as("arb share at rate %s (seed 9)", rate)
                    .isCloseTo(rate, org.assertj.core.data.Offset.offset(rate == 0 ? 0 : rate * 0.25));
        }
    }

    @Test
    @DisplayName("books are uncrossed, on the 0.01 tick, at least 5 shares a level, best first, Down mirrors Up")
    void booksAreWellFormed() {
        SimMarketModel m = model(SimOptions.defaults().withSeed(5).withArbRate(0));
        for (int wi = -2; wi < 6; wi++) {
            SimWindow w = m.window(wi);
            for (int s = -600; s < 500; s += 7) {
                BookModel.WindowBooks b = m.books(w, w.start().plusSeconds(s));
                for (OrderBook book : List.of(b.up(), b.down())) {
                    assertThat(book.bids()).isNotEmpty();
                    assertThat(book.asks()).isNotEmpty();
                    assertThat(book.bestBid().orElseThrow()).isLessThan(book.bestAsk().orElseThrow());
                    assertDescending(book.bids());
                    java.util.List<Level> asks = new java.util.ArrayList<>(book.asks());
                    java.util.Collections.reverse(asks);
                    assertDescending(asks);
                    for (Level l : concat(book.bids(), book.asks())) {
                        assertThat(l.price().micros() % 10_000).isZero();
                        assertThat(l.price().micros()).isBetween(10_000L, 990_000L);
                        assertThat(l.size().micros()).isGreaterThanOrEqualTo(5_000_000L);
                    }
                    assertThat(book.hash()).matches("[0-9a-f]{40}");
                }
                assertThat(b.down().bestBid().orElseThrow().micros())
                        .isEqualTo(1_000_000 - b.up().bestAsk().orElseThrow().micros());
            }
        }
    }

    @Test
    @DisplayName("the book tracks the fair probability: deep in the money, Up quotes high")
    void booksFollowFairValue() {
        SimMarketModel m = model(SimOptions.defaults().withSeed(11).withArbRate(0).withBooks(10, 0));
        SimWindow w = m.window(2);
        Instant t = w.start().plusSeconds(280);
        double fair = m.fairUp(w, t);
        long bid = m.books(w, t).up().bestBid().orElseThrow().micros();
        long ask = m.books(w, t).up().bestAsk().orElseThrow().micros();
        assertThat(Math.max(0.015, Math.min(0.985, fair))).isBetween(bid / 1e6 - 0.02, ask / 1e6 + 0.02);
        // after the end the winner's book sits at the top
        Instant after = w.end().plusSeconds(10);
        Outcome won = m.chainlinkWinner(w);
        assertThat(m.books(w, after).of(won).bestBid().orElseThrow().micros()).isGreaterThanOrEqualTo(970_000);
    }

    @Test
    @DisplayName("windows look real: slug, 5-minute grid, uint256 token ids, 0x condition ids, listed ahead")
    void windowsLookReal() {
        SimOptions o = SimOptions.defaults().withListing(24, Duration.ofHours(3));
        SimMarketModel m = model(o);
        SimWindow w0 = m.window(0);
        assertThat(w0.start()).isEqualTo(Instant.parse("2026-05-12T11:10:00Z"));
        assertThat(w0.slug()).isEqualTo("btc-updown-5m-1778584200");
        assertThat(w0.question()).isEqualTo("Bitcoin Up or Down - May 12, 7:10AM-7:15AM ET");
        for (int i = -30; i < 30; i++) {
            SimWindow w = m.window(i);
            assertThat(w.startSecond() % 300).isZero();
            assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofMinutes(5));
            assertThat(w.upTokenId()).matches("[1-9][0-9]{0,77}");
            assertThat(new BigInteger(w.downTokenId()).bitLength()).isLessThanOrEqualTo(256);
            assertThat(w.conditionId()).matches("0x[0-9a-f]{64}");
            assertThat(w.questionId()).matches("0x[0-9a-f]{64}");
            assertThat(Duration.between(w.listedAt(), w.start()).toSeconds())
                    .isBetween(24 * 300L + 29, 24 * 300L + 240);
            assertThat(w.resolutionDelay().toSeconds()).isBetween(60L, 120L);
            assertThat(m.windowById(w.upTokenId())).contains(w);
            assertThat(m.windowById(w.conditionId())).contains(w);
            assertThat(m.windowBySlug(w.slug())).contains(w);
        }
        assertThat(m.windowBySlug("eth-updown-5m-1778584200")).isEmpty();
        assertThat(m.window(-35).start()).isAfterOrEqualTo(m.epoch());
    }

    @Test
    @DisplayName("Chainlink is the BTC price plus a small basis, reported per whole second")
    void chainlinkTracksBtc() {
        SimMarketModel m = model(SimOptions.defaults());
        for (int s = 0; s < 600; s += 13) {
            Instant t = START.plusSeconds(s);
            double diff = m.chainlinkPrice(t).doubleValue() - m.btcPrice(t).doubleValue();
            assertThat(diff).isBetween(-27.0001, -22.9999);
            assertThat(m.chainlinkE8(t.plusMillis(999))).isEqualTo(m.chainlinkE8(t));
        }
    }

    private static void assertDescending(List<Level> levels) {
        for (int i = 1; i < levels.size(); i++) {
            assertThat(levels.get(i).price()).isLessThan(levels.get(i - 1).price());
        }
    }

    private static List<Level> concat(List<Level> a, List<Level> b) {
        List<Level> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    @DisplayName("several series: btc-5m is unchanged, every series has its own slugs, ids and window length, and"
            + " the series of one asset share its price path")
    void severalSeries() {
        SimOptions o = SimOptions.defaults().withSeed(42);
        SimOptions four = o.withMarkets(java.util.List.of(updown.domain.MarketKey.DEFAULT,
                new updown.domain.MarketKey("BTC", 15), new updown.domain.MarketKey("ETH", 5),
                new updown.domain.MarketKey("ETH", 15)));
        java.util.List<SimMarketModel> all = SimMarketModel.createAll(four, START);
        SimMarketModel alone = model(o);
        assertThat(all.get(0).window(2)).as("btc-5m as if it were alone").isEqualTo(alone.window(2));
        assertThat(all.get(0).chainlinkE8(START)).isEqualTo(alone.chainlinkE8(START));

        SimWindow btc15 = all.get(1).window(0);
        SimWindow eth5 = all.get(2).window(0);
        SimWindow eth15 = all.get(3).window(1);
        assertThat(btc15.slug()).isEqualTo("btc-updown-15m-" + btc15.startSecond());
        assertThat(Duration.between(btc15.start(), btc15.end())).isEqualTo(Duration.ofMinutes(15));
        assertThat(btc15.startSecond() % 900).isZero();
        assertThat(eth5.slug()).startsWith("eth-updown-5m-");
        assertThat(eth15.market()).isEqualTo(new updown.domain.MarketKey("ETH", 15));
        assertThat(all.get(3).windowBySlug(eth15.slug())).contains(eth15);
        assertThat(all.get(2).windowBySlug(eth15.slug())).as("another series' slug").isEmpty();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (SimWindow w : java.util.List.of(all.get(0).window(0), btc15, eth5, all.get(3).window(0))) {
            assertThat(ids.add(w.marketId())).as("market id of %s is its own", w.slug()).isTrue();
            assertThat(ids.add(w.upTokenId())).as("token id of %s is its own", w.slug()).isTrue();
        }
        assertThat(all.get(1).btcCents(START.plusSeconds(99))).as("one path per asset")
                .isEqualTo(all.get(0).btcCents(START.plusSeconds(99)));
        assertThat(all.get(2).btcCents(START.plusSeconds(99))).isEqualTo(all.get(3).btcCents(START.plusSeconds(99)));
        assertThat(all.get(2).btcPrice(START).doubleValue()).as("ETH near its own start price")
                .isBetween(2_000.0, 5_000.0);
    }

    @Test
    @DisplayName("millisBetween is Duration.between(..).toMillis() (toward zero) for spans either way and any nanos")
    void millisBetweenIsDurationMillis() {
        java.util.Random r = new java.util.Random(42);
        Instant base = Instant.parse("2022-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            Instant a = base.plusSeconds(r.nextInt(3_000_000)).plusNanos(r.nextInt(1_000_000_000));
            Instant b = base.plusSeconds(r.nextInt(3_000_000)).plusNanos(i % 3 == 0 ? 0 : r.nextInt(1_000_000_000));
            assertThat(SimMarketModel.millisBetween(a, b)).as("%s → %s", a, b)
                    .isEqualTo(Duration.between(a, b).toMillis());
        }
        assertThat(SimMarketModel.millisBetween(base, base.minusNanos(1))).isZero();
        assertThat(SimMarketModel.millisBetween(base, base.minusNanos(1_000_001))).isEqualTo(-1);
        assertThat(SimMarketModel.millisBetween(base, base.plusNanos(999_999))).isZero();
    }
}
