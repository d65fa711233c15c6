package updown.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.testkit.TradingFixtures.downBook;
import static updown.testkit.TradingFixtures.levels;
import static updown.testkit.TradingFixtures.linear;
import static updown.testkit.TradingFixtures.upBook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.config.BotConfig;
import updown.domain.Candle;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.Level;
import updown.domain.MarketSnapshot;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.engine.Order;
import updown.engine.PaperEngine;
import updown.testkit.TestConfig;
import updown.testkit.TradingFixtures;

@DisplayName("Decider: arbitrage first, else ensemble; threshold, entry filter, sizing, order")
class DeciderTest {
    /** The real mid-window books with BTC falling steadily for 20 minutes. */
    private static final MarketSnapshot FALLING = TradingFixtures.snapshot(TradingFixtures.realUpBook(),
            TradingFixtures.realDownBook(), linear(20, "80000", "-12"));
    /** Settings under which the real books' slight Down pressure (−0.027) counts and a 0.76 Down ask may be bought. */
    private static final Map<String, String> LOOSE = Map.of("OBI_THRESHOLD", "0.02", "MAX_ENTRY_PRICE", "0.80");
    private static final Usd BALANCE = Usd.of("1000");

    private static Map<String, String> loose(String... more) {
        Map<String, String> m = new HashMap<>(LOOSE);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    private static Decision decide(Map<String, String> settings, MarketSnapshot snapshot, Usd balance) {
        return Decider.fromConfig(TestConfig.with(settings)).decide(snapshot, balance);
    }

    private static Decision.Place place(Decision d) {
        assertThat(d).as(d.toString()).isInstanceOf(Decision.Place.class);
        return (Decision.Place) d;
    }

    private static Decision.Skip skip(Decision d) {
        assertThat(d).as(d.toString()).isInstanceOf(Decision.Skip.class);
        return (Decision.Skip) d;
    }

    @Test
    @DisplayName("with the default settings the real books are too balanced: SKIP, with both members' views")
    void defaultsSkipOnRealBooks() {
        Decision.Skip s = skip(decide(Map.of(), FALLING, BALANCE));
        assertThat(s.reason()).startsWith("Ensemble: 1 of 2 members agree, need 2: Directional BUY_DOWN")
                .contains("OrderbookImbalance SKIP (imbalance -0.027");
    }

    @Test
    @DisplayName("when both members agree on Down, the 0.76 Down ask is above the default MAX_ENTRY_PRICE 0.70")
    void entryFilterBlocksDearToken() {
        Decision.Skip s = skip(decide(Map.of("OBI_THRESHOLD", "0.02"), FALLING, BALANCE));
        assertThat(s.reason()).isEqualTo("Down ask 0.76 is above MAX_ENTRY_PRICE 0.70");
        assertThat(s.signal().direction()).isEqualTo(Direction.BUY_DOWN);
    }

    @Test
    @DisplayName("with MAX_ENTRY_PRICE 0.80 it places a $10 BUY_DOWN limited at 0.80 on the snapshot's books")
    void placesOnRealBooks() {
        Decision.Place p = place(decide(LOOSE, FALLING, BALANCE));
        Order o = p.order();
        assertThat(o.side()).isEqualTo(Direction.BUY_DOWN);
        assertThat(o.amount()).isEqualTo(Usd.of("10"));
        assertThat(o.limitPrice()).isEqualTo(Price.of("0.80"));
        assertThat(o.availableBalance()).isEqualTo(BALANCE);
        assertThat(o.upBook()).isSameAs(FALLING.up());
        assertThat(o.downBook()).isSameAs(FALLING.down());
        assertThat(o.market()).isEqualTo(FALLING.market());
        assertThat(o.signal()).isSameAs(p.signal());
        assertThat(p.signal().sources()).containsExactly("Directional", "OrderbookImbalance");
    }

    @Test
    @DisplayName("the placed order fills on the paper engine at the 0.76 Down ask with the Polymarket fee")
    void endToEndFill() {
        BotConfig config = TestConfig.with(LOOSE);
        Decision.Place p = place(Decider.fromConfig(config).decide(FALLING, BALANCE));
        Execution e = PaperEngine.fromConfig(config).fill(p.order());
        Fill fill = ((Execution.Filled) e).fill();
        assertThat(fill.price()).isEqualTo(Price.of("0.76"));
        assertThat(fill.shares()).isEqualTo(Shares.of("13.157894"));
        assertThat(fill.amount()).isEqualTo(Usd.of("9.999999"));
        assertThat(fill.fee()).isEqualTo(Usd.of("0.168"));
    }

    @Test
    @DisplayName("entry filter: an ask equal to MAX_ENTRY_PRICE is allowed, one micro above the setting is skipped")
    void entryFilterBoundary() {
        place(decide(loose("MAX_ENTRY_PRICE", "0.76"), FALLING, BALANCE));
        assertThat(skip(decide(loose("MAX_ENTRY_PRICE", "0.759999"), FALLING, BALANCE)).reason())
                .isEqualTo("Down ask 0.76 is above MAX_ENTRY_PRICE 0.759999");
    }

    @Test
    @DisplayName("confidence exactly at CONFIDENCE_THRESHOLD trades; one micro above the confidence does not")
    void confidenceBoundary() {
        Ratio c = place(decide(LOOSE, FALLING, BALANCE)).signal().confidence();
        place(decide(loose("CONFIDENCE_THRESHOLD", c.toBigDecimal().toPlainString()), FALLING, BALANCE));
        String above = Ratio.ofMicros(c.micros() + 1).toBigDecimal().toPlainString();
        assertThat(skip(decide(loose("CONFIDENCE_THRESHOLD", above), FALLING, BALANCE)).reason())
                .startsWith("confidence " + c.format() + " is below CONFIDENCE_THRESHOLD");
    }

    @Test
    @DisplayName("arbitrage comes first: a 0.40/0.50 pair is bought whatever the ensemble says")
    void arbitrageFirst() {
        OrderBook up = upBook(levels("0.39:100"), levels("0.40:500"));
        OrderBook down = downBook(levels("0.49:100"), levels("0.50:500"));
        MarketSnapshot s = TradingFixtures.snapshot(up, down, linear(20, "80000", "12"));
        Decision.Place p = place(decide(Map.of(), s, BALANCE));
        assertThat(p.order().side()).isEqualTo(Direction.ARB);
        assertThat(p.signal().arbDownAsk()).isEqualTo(Price.of("0.50"));
        assertThat(p.signal().sources()).containsExactly("Arbitrage");
        Fill fill = ((Execution.Filled) PaperEngine.fromConfig(TestConfig.defaults()).fill(p.order())).fill();
        assertThat(fill.altPrice()).isEqualTo(Price.of("0.50"));
    }

    @Test
    @DisplayName("with ARB_ENABLED=false the same books go to the ensemble instead")
    void arbitrageDisabled() {
        OrderBook up = upBook(levels("0.39:100"), levels("0.40:500"));
        OrderBook down = downBook(levels("0.49:100"), levels("0.50:500"));
        MarketSnapshot s = TradingFixtures.snapshot(up, down, linear(20, "80000", "12"));
        Decision d = decide(Map.of("ARB_ENABLED", "false"), s, BALANCE);
        assertThat(d.signal().direction()).isNotEqualTo(Direction.ARB);
        assertThat(d.signal().sources()).doesNotContain("Arbitrage");
    }

    @Test
    @DisplayName("ARB is entry-filtered on both legs: a 0.72 Down leg is skipped at MAX_ENTRY_PRICE 0.70")
    void arbitrageEntryFilterBothLegs() {
        OrderBook up = upBook(List.of(), levels("0.20:500"));
        OrderBook down = downBook(List.of(), levels("0.72:500"));
        Decision.Skip s = skip(decide(Map.of(), TradingFixtures.snapshot(up, down, List.of()), BALANCE));
        assertThat(s.signal().direction()).isEqualTo(Direction.ARB);
        assertThat(s.reason()).isEqualTo("Down ask 0.72 is above MAX_ENTRY_PRICE 0.70");
    }

    @Test
    @DisplayName("an ARB is capped at what the best ask levels hold, so both legs fill at the prices it was priced on")
    void arbitrageCappedAtBestLevels() {
        OrderBook up = upBook(List.of(), levels("0.40:10", "0.60:1000"));
        OrderBook down = downBook(List.of(), levels("0.50:100", "0.60:1000"));
        MarketSnapshot s = TradingFixtures.snapshot(up, down, List.of());
        Decision.Place p = place(decide(Map.of(), s, BALANCE));
        assertThat(p.order().amount()).isEqualTo(Usd.of("7.999998"));
        Fill fill = ((Execution.Filled) PaperEngine.fromConfig(TestConfig.defaults()).fill(p.order())).fill();
        assertThat(fill.price()).isEqualTo(Price.of("0.40"));
        assertThat(fill.altPrice()).isEqualTo(Price.of("0.50"));
    }

    @Test
    @DisplayName("an ARB whose best levels hold less than MIN_BET_SIZE is a SKIP")
    void arbitrageTooThin() {
        OrderBook up = upBook(List.of(), levels("0.40:5", "0.60:1000"));
        OrderBook down = downBook(List.of(), levels("0.50:100"));
        Decision.Skip s = skip(decide(Map.of(), TradingFixtures.snapshot(up, down, List.of()), BALANCE));
        assertThat(s.reason()).isEqualTo("ARB: the best asks hold only 1.999999 per side, below MIN_BET_SIZE 5.00");
    }

    @Test
    @DisplayName("a balance below MIN_BET_SIZE is a SKIP saying so")
    void unaffordable() {
        assertThat(skip(decide(LOOSE, FALLING, Usd.of("4"))).reason())
                .isEqualTo("balance 4.00 cannot afford MIN_BET_SIZE 5.00");
    }

    @Test
    @DisplayName("an all-in bet leaves room for the fee, so the engine fills it instead of refusing every tick")
    void allInLeavesRoomForFee() {
        BotConfig config = TestConfig.with(LOOSE);
        Decision.Place p = place(Decider.fromConfig(config).decide(FALLING, Usd.of("10")));
        assertThat(p.order().amount()).isLessThan(Usd.of("10")).isGreaterThan(Usd.of("9.7"));
        Fill fill = ((Execution.Filled) PaperEngine.fromConfig(config).fill(p.order())).fill();
        assertThat(fill.totalCost()).isLessThanOrEqualTo(Usd.of("10"));
    }

    @Test
    @DisplayName("percent sizing bets POSITION_SIZE_PCT × balance scaled by the signal's confidence")
    void percentSizing() {
        Decision.Place p = place(decide(loose("SIZING_MODE", "percent"), FALLING, BALANCE));
        long c = Math.min(p.signal().confidence().micros(), 800_000);
        long expected = Math.round(1000 * 0.02 * c / 0.8); // micro-dollars; exact here (c has ≤ 6 decimals)
        assertThat(p.order().amount().micros()).isBetween(expected - 1, expected + 1);
    }

    @Test
    @DisplayName("a zero-priced ask of the token to buy is skipped as not a real offer (seed bug 5)")
    void zeroAsk() {
        OrderBook up = upBook(levels("0.45:900"), levels("0.00:100"));
        OrderBook down = downBook(levels("0.45:10"), levels("0.55:10"));
        Decision.Skip s = skip(decide(Map.of("ARB_ENABLED", "false"),
                TradingFixtures.snapshot(up, down, linear(20, "80000", "12")), BALANCE));
        assertThat(s.reason()).isEqualTo("Up ask is 0.00, not a real offer");
    }

    @Test
    @DisplayName("missing books, no candles, no balance and no snapshot are SKIPs, not exceptions")
    void degenerateInputs() {
        Decider decider = Decider.fromConfig(TestConfig.defaults());
        MarketSnapshot bare = TradingFixtures.snapshot(null, null, List.of());
        assertThat(skip(decider.decide(bare, BALANCE)).reason()).startsWith("Ensemble: 0 of 2 members agree")
                .doesNotContain("decision failed");
        assertThat(skip(decider.decide(FALLING, null)).reason()).startsWith("no balance");
        assertThat(skip(decider.decide(FALLING, Usd.ZERO)).reason()).startsWith("no balance");
        assertThat(skip(decider.decide(null, BALANCE)).reason()).isEqualTo("no market snapshot");
    }

    @Test
    @DisplayName("seeded random books, candles and balances: never an exception, and every placed order is sane")
    void randomInputs() {
        long seed = 14_943_202_171L;
        Random random = new Random(seed);
        BotConfig config = TestConfig.with(Map.of("OBI_THRESHOLD", "0.05", "CONFIDENCE_THRESHOLD", "0.5",
                "MAX_ENTRY_PRICE", "0.95"));
        Decider decider = Decider.fromConfig(config);
        PaperEngine engine = PaperEngine.fromConfig(config);
        int placed = 0;
        for (int round = 0; round < 400; round++) {
            MarketSnapshot s = TradingFixtures.snapshot(randomBook(random, TradingFixtures.UP_TOKEN),
                    randomBook(random, TradingFixtures.DOWN_TOKEN), randomCandles(random));
            Usd balance = Usd.ofMicros(random.nextInt(50_000_000));
            Decision d = decider.decide(s, balance);
            String ctx = "seed " + seed + " round " + round + ": " + d;
            assertThat(d.signal()).as(ctx).isNotNull();
            if (d instanceof Decision.Skip skip) {
                assertThat(skip.reason()).as(ctx).isNotBlank().doesNotStartWith("decision failed");
            } else {
                placed++;
                Order o = ((Decision.Place) d).order();
                assertThat(o.amount()).as(ctx).isLessThanOrEqualTo(balance).isGreaterThanOrEqualTo(Usd.of("5"));
                Execution e = engine.fill(o);
                if (e instanceof Execution.Filled f) {
                    assertThat(f.fill().totalCost()).as(ctx).isLessThanOrEqualTo(balance);
                }
            }
        }
        assertThat(placed).as("seed " + seed + ": some rounds must place orders").isPositive();
    }

    private static OrderBook randomBook(Random random, String token) {
        if (random.nextInt(20) == 0) {
            return null;
        }
        List<Level> bids = new ArrayList<>();
        List<Level> asks = new ArrayList<>();
        long mid = 50_000 + random.nextInt(900_000);
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            long bid = mid - 10_000L * (i + 1);
            long ask = mid + 10_000L * i;
            if (bid > 0) {
                bids.add(new Level(Price.ofMicros(bid), Shares.ofMicros(1 + random.nextInt(500_000_000))));
            }
            if (ask < 1_000_000) {
                asks.add(new Level(Price.ofMicros(ask), Shares.ofMicros(1 + random.nextInt(500_000_000))));
            }
        }
        return TradingFixtures.book(token, bids, asks);
    }

    private static List<Candle> randomCandles(Random random) {
        int n = random.nextInt(30);
        String[] closes = new String[n];
        long p = 80_000_000_000L;
        long drift = (random.nextInt(41) - 20) * 1_000_000L;
        for (int i = 0; i < n; i++) {
            p += drift + (long) (random.nextGaussian() * 5_000_000);
            closes[i] = updown.domain.Micros.format(p, 2);
        }
        return TradingFixtures.candles(closes);
    }
}
