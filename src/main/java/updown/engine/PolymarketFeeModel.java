package updown.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.Usd;

/**
 * Polymarket's taker fee (API-FACTS §2.3, docs.polymarket.com/trading/fees):
 * {@code fee_usd = shares × rate × (p × (1 − p))^exponent} for every fill level, {@code p} the level's price,
 * {@code rate}/{@code exponent} from the market's {@link FeeSchedule} (BTC 5m: 0.07 and 1).
 *
 * <p>Exactness: each level's term is an exact integer in units of 10<sup>-6·(2 + 2·exponent)</sup> dollars (all
 * inputs are micro-units), the terms are summed as a {@link BigInteger} and the sum is rounded once to micro-dollars,
 * half-even. So 100 shares at 0.50 cost exactly $1.75, and splitting a fill across levels never adds rounding
 * error per level. The fee is charged in cash on top of the shares (SPEC: {@code pnl = payout − amount − fee}); the
 * venue's option of taking it in shares is not modelled.
 */
final class PolymarketFeeModel implements FeeModel {
    static final PolymarketFeeModel INSTANCE = new PolymarketFeeModel();

    private PolymarketFeeModel() {
    }

    @Override
    public String name() {
        return "polymarket";
    }

    @Override
    public Usd fee(FeeSchedule schedule, List<Level> taken) {
        if (schedule.rate().micros() == 0 || taken.isEmpty()) {
            return Usd.ZERO;
        }
        BigInteger rate = BigInteger.valueOf(schedule.rate().micros());
        int exponent = schedule.exponent();
        BigInteger sum = BigInteger.ZERO;
        for (Level level : taken) {
            long p = level.price().micros();
            long shares = level.size().micros();
            if (shares <= 0) {
                continue;
            }
            // p × (1 − p) in 10^-12 units; a price outside [0, 1] has no fee term (it cannot be a real fill)
            long q = Micros.ONE - p;
            BigInteger pq = (p < 0 || q < 0) ? BigInteger.ZERO : BigInteger.valueOf(p).multiply(BigInteger.valueOf(q));
            sum = sum.add(BigInteger.valueOf(shares).multiply(rate).multiply(pq.pow(exponent)));
        }
        // sum is in units of 10^-(6 + 6 + 12·exponent) dollars; micro-dollars need 10^-6: scale 6 + 12·exponent
        BigDecimal micros = new BigDecimal(sum).movePointLeft(6 + 12 * exponent);
        return Usd.ofMicros(micros.setScale(0, Micros.ROUNDING).longValueExact());
    }

    @Override
    public String toString() {
        return name();
    }
}
