package updown.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.Ratio;
import updown.domain.Usd;

/**
 * FEE_PCT of the cash paid for the shares, whatever the market's schedule (the seed bot's flat 1%). The cash is
 * summed exactly over the levels ({@code Σ price × shares}) and the fee rounded once.
 */
final class FlatFeeModel implements FeeModel {
    private final Ratio pct;

    FlatFeeModel(Ratio pct) {
        if (pct == null || pct.micros() < 0) {
            throw new IllegalArgumentException("fee percentage must be >= 0");
        }
        this.pct = pct;
    }

    @Override
    public String name() {
        return "flat";
    }

    @Override
    public Usd fee(FeeSchedule schedule, List<Level> taken) {
        if (pct.micros() == 0 || taken.isEmpty()) {
            return Usd.ZERO;
        }
        BigInteger notional = BigInteger.ZERO; // 10^-12 dollars
        for (Level level : taken) {
            if (level.size().micros() > 0) {
                notional = notional.add(BigInteger.valueOf(level.price().micros())
                        .multiply(BigInteger.valueOf(level.size().micros())));
            }
        }
        // notional (10^-12) × pct (10^-6) = 10^-18 dollars → micro-dollars: move the point 12 places
        BigDecimal micros = new BigDecimal(notional.multiply(BigInteger.valueOf(pct.micros()))).movePointLeft(12);
        return Usd.ofMicros(micros.setScale(0, Micros.ROUNDING).longValueExact());
    }

    @Override
    public String toString() {
        return name() + " " + pct.format();
    }
}
