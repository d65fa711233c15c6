package updown.engine.live;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import updown.domain.FeeSchedule;
import updown.domain.Level;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.engine.FeeModel;

/**
 * The live engine's view of Polymarket's taker fee. There is one formula in the code base,
 * {@link FeeModel#polymarket()} ({@code shares × rate × (p × (1 − p))^exponent}, summed exactly, rounded once); the
 * paper engine uses the same one. This class only turns what the venue reports into its inputs.
 *
 * <p>What the venue reports (docs/live.md "Fees"): a trade's {@code fee_rate_bps} is the rate the matching engine
 * applied to that trade, in basis points of the formula's {@code rate} (700 = 0.07); since CLOB V2 the fee is not in
 * the signed order and is collected in pUSD, on top of what a BUY spends (clob-client-v2
 * {@code adjustBuyAmountForFees}: a buyer needs {@code amount + fee} in collateral).
 */
public final class VenueFees {
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private VenueFees() {
    }

    public static Usd fee(Shares shares, Price price, FeeSchedule schedule) {
        return FeeModel.polymarket().fee(schedule, price, shares);
    }

    /** The fee of several fills charged at one rate: summed exactly, rounded once. */
    public static Usd fee(List<Level> fills, FeeSchedule schedule) {
        return FeeModel.polymarket().fee(schedule, fills);
    }

    /**
     * The schedule a trade was charged under: the market's exponent with the trade's own {@code fee_rate_bps}.
     * Empty when the rate is negative or finer than the 10⁻⁶ the schedule holds (not a rate the venue publishes).
     */
    public static Optional<FeeSchedule> scheduleFromBps(BigDecimal bps, FeeSchedule market) {
        if (bps.signum() < 0) {
            return Optional.empty();
        }
        BigDecimal rate = bps.divide(BPS);
        if (rate.stripTrailingZeros().scale() > 6) {
            return Optional.empty();
        }
        return Optional.of(new FeeSchedule(Ratio.of(rate), market.exponent(), market.takerOnly()));
    }
}
