package updown.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.testkit.TradingFixtures.levels;
import static updown.testkit.TradingFixtures.upBook;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.OrderBook;
import updown.domain.Price;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.testkit.TradingFixtures;

@DisplayName("Book fill model: walk the asks best first up to the limit, VWAP price")
class BookFillModelTest {
    private static final Shares MIN = Shares.of("5");
    private static final Price LIMIT = Price.of("0.70");
    private final FillModel model = FillModel.book();

    private static FillModel.Leg.Taken taken(FillModel.Leg leg) {
        assertThat(leg).isInstanceOf(FillModel.Leg.Taken.class);
        return (FillModel.Leg.Taken) leg;
    }

    private static FillModel.Leg.Refused refused(FillModel.Leg leg) {
        assertThat(leg).isInstanceOf(FillModel.Leg.Refused.class);
        return (FillModel.Leg.Refused) leg;
    }

    @Test
    @DisplayName("$10 on the real Up book takes 0.25, 0.27, 0.28 whole and part of 0.29, at a VWAP of 0.276982")
    void walksTheRealBook() {
        FillModel.Leg.Taken t = taken(model.buy(TradingFixtures.realUpBook(), Usd.of("10"), LIMIT, MIN));
        assertThat(t.shares()).isEqualTo(Shares.of("36.103448"));
        assertThat(t.cost()).isEqualTo(Usd.of("10"));
        assertThat(t.price()).isEqualTo(Price.of("0.276982"));
        assertThat(t.complete()).isTrue();
        assertThat(t.levels()).containsExactly(Level.of("0.25", "5"), Level.of("0.27", "6"), Level.of("0.28", "15"),
                Level.of("0.29", "10.103448"));
    }

    @Test
    @DisplayName("shares × VWAP is the cost to within a micro-dollar per level")
    void vwapTimesSharesIsCost() {
        FillModel.Leg.Taken t = taken(model.buy(TradingFixtures.realUpBook(), Usd.of("123.45"), LIMIT, MIN));
        long implied = t.price().costOf(t.shares()).micros();
        assertThat(Math.abs(implied - t.cost().micros())).isLessThanOrEqualTo(t.shares().micros() / Micros.ONE + 1);
    }

    @Test
    @DisplayName("an amount that exactly buys out the best level takes that level whole and stops")
    void exactLevel() {
        OrderBook book = upBook(List.of(), levels("0.25:5", "0.27:6"));
        FillModel.Leg.Taken t = taken(model.buy(book, Usd.of("1.25"), LIMIT, MIN));
        assertThat(t.levels()).containsExactly(Level.of("0.25", "5"));
        assertThat(t.complete()).isTrue();
        assertThat(t.price()).isEqualTo(Price.of("0.25"));
    }

    @Test
    @DisplayName("exactly the venue minimum of 5 shares fills; one micro-dollar less is refused")
    void minimumSizeBoundary() {
        OrderBook book = upBook(List.of(), levels("0.25:100"));
        assertThat(taken(model.buy(book, Usd.of("1.25"), LIMIT, MIN)).shares()).isEqualTo(Shares.of("5"));
        FillModel.Leg.Refused r = refused(model.buy(book, Usd.of("1.249999"), LIMIT, MIN));
        assertThat(r.code()).isEqualTo(ResultCode.BELOW_MIN_ORDER_SIZE);
        assertThat(r.reason()).contains("4.999996").contains("minimum of 5");
    }

    @Test
    @DisplayName("a best ask exactly at the limit fills; one micro above it is refused PRICE_ABOVE_LIMIT")
    void limitBoundary() {
        OrderBook book = upBook(List.of(), levels("0.70:100"));
        assertThat(taken(model.buy(book, Usd.of("7"), Price.of("0.70"), MIN)).shares()).isEqualTo(Shares.of("10"));
        FillModel.Leg.Refused r = refused(model.buy(book, Usd.of("7"), Price.of("0.699999"), MIN));
        assertThat(r.code()).isEqualTo(ResultCode.PRICE_ABOVE_LIMIT);
        assertThat(r.reason()).contains("0.70").contains("0.699999");
    }

    @Test
    @DisplayName("levels above the limit are never taken: partial depth fills what the book holds below it")
    void partialDepth() {
        FillModel.Leg.Taken t = taken(model.buy(TradingFixtures.realUpBook(), Usd.of("10"), Price.of("0.28"), MIN));
        assertThat(t.shares()).isEqualTo(Shares.of("26"));
        assertThat(t.cost()).isEqualTo(Usd.of("7.07"));
        assertThat(t.complete()).isFalse();
        assertThat(t.levels()).allSatisfy(l -> assertThat(l.price()).isLessThanOrEqualTo(Price.of("0.28")));
    }

    @Test
    @DisplayName("partial depth smaller than the venue minimum is refused BELOW_MIN_ORDER_SIZE with the depth")
    void partialBelowMinimum() {
        OrderBook book = upBook(List.of(), levels("0.40:3", "0.90:500"));
        FillModel.Leg.Refused r = refused(model.buy(book, Usd.of("10"), LIMIT, MIN));
        assertThat(r.code()).isEqualTo(ResultCode.BELOW_MIN_ORDER_SIZE);
        assertThat(r.reason()).contains("holds only 3.00 shares");
    }

    @Test
    @DisplayName("a book without asks, and a missing book, are NO_LIQUIDITY")
    void noLiquidity() {
        assertThat(refused(model.buy(upBook(levels("0.40:100"), List.of()), Usd.of("10"), LIMIT, MIN)).code())
                .isEqualTo(ResultCode.NO_LIQUIDITY);
        assertThat(refused(model.buy(null, Usd.of("10"), LIMIT, MIN)).code()).isEqualTo(ResultCode.NO_LIQUIDITY);
    }

    @Test
    @DisplayName("an ask at price 0 is skipped, never divided by (seed bug 5)")
    void zeroPriceLevelSkipped() {
        OrderBook withZero = upBook(List.of(), levels("0.00:100", "0.50:100"));
        FillModel.Leg.Taken t = taken(model.buy(withZero, Usd.of("10"), LIMIT, MIN));
        assertThat(t.price()).isEqualTo(Price.of("0.50"));
        assertThat(t.shares()).isEqualTo(Shares.of("20"));
        OrderBook onlyZero = upBook(List.of(), levels("0.00:100"));
        assertThat(refused(model.buy(onlyZero, Usd.of("10"), LIMIT, MIN)).code()).isEqualTo(ResultCode.NO_LIQUIDITY);
    }

    @Test
    @DisplayName("a zero or negative amount is refused as invalid input")
    void nonPositiveAmount() {
        OrderBook book = upBook(List.of(), levels("0.50:100"));
        assertThat(refused(model.buy(book, Usd.ZERO, LIMIT, MIN)).code()).isEqualTo(ResultCode.INVALID_INPUT);
        assertThat(refused(model.buy(book, Usd.of("-1"), LIMIT, MIN)).code()).isEqualTo(ResultCode.INVALID_INPUT);
    }

    @Test
    @DisplayName("the last level is bought down to the micro-share, never costing more than the amount")
    void partialLevelRoundsDown() {
        OrderBook book = upBook(List.of(), levels("0.33:1000"));
        FillModel.Leg.Taken t = taken(model.buy(book, Usd.of("10"), LIMIT, MIN));
        assertThat(t.shares()).isEqualTo(Shares.of("30.30303")); // 10 / 0.33 = 30.303030303…
        assertThat(t.cost()).isLessThanOrEqualTo(Usd.of("10"));
        assertThat(t.cost()).isEqualTo(Usd.of("10")); // 0.33 × 30.30303 = 9.9999999, rounded once → 10.000000
    }

    @Test
    @DisplayName("random books and amounts: cost ≤ amount, VWAP within the levels taken, shares add up")
    void randomBooksKeepTheInvariants() {
        long seed = 20260512L;
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            List<Level> asks = new ArrayList<>();
            long price = 10_000 + random.nextInt(200_000);
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n && price < Micros.ONE; i++) {
                asks.add(new Level(Price.ofMicros(price), Shares.ofMicros(1 + random.nextInt(300_000_000))));
                price += 10_000 * (1 + random.nextInt(3));
            }
            Usd amount = Usd.ofMicros(1 + random.nextInt(500_000_000));
            Price limit = Price.ofMicros(100_000 + random.nextInt(900_000));
            FillModel.Leg leg = model.buy(upBook(List.of(), asks), amount, limit, MIN);
            String ctx = "seed " + seed + " round " + round;
            if (leg instanceof FillModel.Leg.Taken t) {
                assertThat(t.cost()).as(ctx).isLessThanOrEqualTo(amount);
                assertThat(t.shares()).as(ctx).isGreaterThanOrEqualTo(MIN);
                assertThat(t.price()).as(ctx).isLessThanOrEqualTo(limit);
                assertThat(t.price()).as(ctx).isGreaterThanOrEqualTo(t.levels().get(0).price());
                assertThat(t.levels().stream().mapToLong(l -> l.size().micros()).sum()).as(ctx)
                        .isEqualTo(t.shares().micros());
            } else {
                assertThat(((FillModel.Leg.Refused) leg).reason()).as(ctx).isNotBlank();
            }
        }
    }
}
