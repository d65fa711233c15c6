package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.FeeSchedule;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;

@org.junit.jupiter.api.extension.ExtendWith(io.vertx.junit5.VertxExtension.class)
@DisplayName("Order amounts and fees in 6-decimal units")
class OrderMathTest {

    @Test
    @DisplayName("market BUY amounts match py-clob-client-v2's precision tests (exact tick price)")
    void pyClientVectors() {
        OrderAmounts a = OrderAmounts.marketBuy(Usd.of("1.06"), Price.of("0.51"), Price.of("0.01")).orElseThrow();
        assertThat(a.makerAmount()).isEqualTo(1_059_984);
        assertThat(a.takerAmount()).isEqualTo(2_078_400);
        OrderAmounts b = OrderAmounts.marketBuy(Usd.of("2"), Price.of("0.936"), Price.of("0.001")).orElseThrow();
        assertThat(b.makerAmount()).isEqualTo(1_999_998);
        assertThat(b.takerAmount()).isEqualTo(2_136_750);
    }

    @Test
    @DisplayName("the limit is put on the tick grid downwards and kept within one tick of 0 and 1")
    void tickAlignment() {
        assertThat(OrderAmounts.alignedLimit(Price.of("0.559"), Price.of("0.01"))).contains(Price.of("0.55"));
        assertThat(OrderAmounts.alignedLimit(Price.of("0.5599"), Price.of("0.001"))).contains(Price.of("0.559"));
        assertThat(OrderAmounts.alignedLimit(Price.of("0.50374"), Price.of("0.0025"))).contains(Price.of("0.5025"));
        assertThat(OrderAmounts.alignedLimit(Price.of("1"), Price.of("0.01"))).contains(Price.of("0.99"));
        assertThat(OrderAmounts.alignedLimit(Price.of("0.009"), Price.of("0.01"))).isEmpty();
        assertThat(OrderAmounts.marketBuy(Usd.of("0.005"), Price.of("0.50"), Price.of("0.01"))).isEmpty();
    }

    @Test
    @DisplayName("for any amount, limit and tick: spend ≤ amount, price exactly the aligned limit (seeded)")
    void randomizedInvariants() {
        long seed = 20261125L;
        Random r = new Random(seed);
        String[] ticks = {"0.1", "0.01", "0.001", "0.0025", "0.0001"};
        for (int i = 0; i < 5_000; i++) {
            Price tick = Price.of(ticks[r.nextInt(ticks.length)]);
            Usd amount = Usd.ofMicros(1 + (long) (r.nextDouble() * 100_000_000L));
            Price limit = Price.ofMicros(r.nextInt(1_000_001));
            var a = OrderAmounts.marketBuy(amount, limit, tick);
            if (a.isEmpty()) {
                continue;
            }
            String why = "seed " + seed + " iteration " + i + " amount " + amount + " limit " + limit + " tick " + tick;
            assertThat(a.get().makerAmount()).as(why).isLessThanOrEqualTo(amount.micros()).isPositive();
            assertThat(a.get().price().micros()).as(why).isLessThanOrEqualTo(limit.micros());
            assertThat(a.get().price().micros() % tick.micros()).as(why).isZero();
            // makerAmount / takerAmount is exactly the signed price
            assertThat(BigDecimal.valueOf(a.get().makerAmount()).multiply(BigDecimal.valueOf(1_000_000)))
                    .as(why).isEqualByComparingTo(BigDecimal.valueOf(a.get().takerAmount())
                            .multiply(BigDecimal.valueOf(a.get().price().micros())));
        }
    }

    @Test
    @DisplayName("the fee follows shares × rate × p(1−p): 100 shares at 0.50 with rate 0.07 cost $1.75")
    void fee() {
        FeeSchedule at700 = VenueFees.scheduleFromBps(new BigDecimal("700"), FeeSchedule.CRYPTO_5M).orElseThrow();
        assertThat(at700.rate()).isEqualTo(updown.domain.Ratio.of("0.07"));
        assertThat(VenueFees.fee(Shares.ofWhole(100), Price.of("0.50"), at700)).isEqualTo(Usd.of("1.75"));
        assertThat(VenueFees.fee(Shares.ofWhole(100), Price.of("0.90"), at700)).isEqualTo(Usd.of("0.63"));
        assertThat(VenueFees.scheduleFromBps(new BigDecimal("-1"), FeeSchedule.CRYPTO_5M)).isEmpty();
        assertThat(VenueFees.scheduleFromBps(new BigDecimal("0.001"), FeeSchedule.CRYPTO_5M)).isEmpty();
    }

    @Test
    @DisplayName("Retry-After is read as seconds or as an HTTP date against the bot clock")
    void retryAfter(io.vertx.core.Vertx vertx) {
        var clock = LiveKit.clock();
        ClobHttp http = new ClobHttp(vertx, java.net.URI.create("http://127.0.0.1:1"), 1000, "t", clock);
        try {
            assertThat(http.retryWaitMs("2")).isEqualTo(2000);
            assertThat(http.retryWaitMs(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(clock.instant().plusSeconds(3).atZone(java.time.ZoneOffset.UTC)))).isEqualTo(3000);
            assertThat(http.retryWaitMs(null)).isEqualTo(1000);
            assertThat(http.retryWaitMs("soon")).isEqualTo(1000);
        } finally {
            http.close();
        }
    }

    @Test
    @DisplayName("a refused order is booked by the venue error's kind: balance, no match, minimum size, the rest")
    void venueCodes() {
        assertThat(OrderPlacer.codeFor(VenueErrors.of(400, "{\"error\":\"not enough balance / allowance\"}")))
                .isEqualTo(updown.domain.ResultCode.INSUFFICIENT_BALANCE);
        assertThat(OrderPlacer.codeFor(VenueErrors.refusal(400, updown.testkit.FakeClobTrading.FOK_KILLED)))
                .isEqualTo(updown.domain.ResultCode.NO_LIQUIDITY);
        assertThat(OrderPlacer.codeFor(VenueErrors.refusal(200, updown.testkit.FakeClobTrading.FAK_KILLED)))
                .isEqualTo(updown.domain.ResultCode.NO_LIQUIDITY);
        assertThat(OrderPlacer.codeFor(VenueErrors.refusal(400, "order 0xab is invalid. Size (1) lower than the "
                + "minimum: 5"))).isEqualTo(updown.domain.ResultCode.BELOW_MIN_ORDER_SIZE);
        assertThat(OrderPlacer.codeFor(VenueErrors.refusal(400, "invalid signature")))
                .isEqualTo(updown.domain.ResultCode.VENUE_REJECTED);
        assertThat(OrderPlacer.codeFor(VenueErrors.refusal(400, "something new")))
                .isEqualTo(updown.domain.ResultCode.VENUE_REJECTED);
        assertThat(OrderPlacer.codeFor(VenueErrors.of(503, "{\"error\":\"Trading is currently cancel-only. New "
                + "orders are not accepted, but cancels are allowed.\"}")))
                .isEqualTo(updown.domain.ResultCode.VENUE_UNAVAILABLE);
    }
}
