package updown.engine.live;

import java.math.BigDecimal;
import updown.domain.FeeSchedule;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;

/**
 * Polymarket's taker fee, {@code fee = shares × rate × (p × (1 − p))^exponent} per fill (API-FACTS §2.3), computed
 * exactly and rounded once, half-even, to the micro-dollar. Symmetric in p, so a fill against a complementary BUY
 * (a "mint" match) costs the same fee as one against a SELL at 1 − p.
 */
public final class FeeMath {
    private FeeMath() {
    }

    public static Usd fee(Shares shares, Price price, BigDecimal rate, int exponent) {
        BigDecimal p = price.toBigDecimal();
        BigDecimal factor = p.multiply(BigDecimal.ONE.subtract(p)).pow(exponent);
        return Usd.ofMicros(Micros.fromBigDecimal(shares.toBigDecimal().multiply(rate).multiply(factor)));
    }

    public static Usd fee(Shares shares, Price price, FeeSchedule schedule) {
        return fee(shares, price, schedule.rate().toBigDecimal(), schedule.exponent());
    }

    /** A rate given in basis points (the CLOB's {@code fee_rate_bps}: 700 = 0.07). */
    public static BigDecimal rateFromBps(BigDecimal bps) {
        return bps.movePointLeft(4);
    }
}
