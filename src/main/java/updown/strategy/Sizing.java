package updown.strategy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.UnaryOperator;
import updown.config.BotConfig;
import updown.domain.Micros;
import updown.domain.Ratio;
import updown.domain.Usd;

/**
 * How much to bet (SPEC §5). SIZING_MODE=fixed: BET_SIZE. SIZING_MODE=percent: POSITION_SIZE_PCT × balance × scale,
 * {@code scale = min(confidence / 0.8, 1)} (linear: 0.8 and above → 100%, 0.5 → 62.5%), computed exactly and
 * rounded once. Then: never below MIN_BET_SIZE (a balance that cannot afford MIN_BET_SIZE → no bet, with the
 * reason), never above the balance.
 *
 * <p>{@link #affordWithFee} then makes room for the taker fee, which is paid on top of the amount: an amount whose
 * estimated fee would take the total above the balance is scaled down to fit, and if that leaves less than
 * MIN_BET_SIZE there is no bet. Without this an all-in fixed bet on a small balance would be refused by the
 * engine on every tick.
 */
final class Sizing {
    /** The confidence at which percent sizing reaches 100% of POSITION_SIZE_PCT. */
    static final Ratio FULL_SIZE_CONFIDENCE = Ratio.of("0.8");

    /** A bet of some amount, or none for a stated reason. */
    sealed interface Result {
        record Bet(Usd amount) implements Result {
        }

        record NoBet(String reason) implements Result {
        }
    }

    private final BotConfig.SizingMode mode;
    private final Usd betSize;
    private final Ratio positionPct;
    private final Usd minBet;

    Sizing(BotConfig.SizingMode mode, Usd betSize, Ratio positionPct, Usd minBet) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.betSize = Objects.requireNonNull(betSize, "betSize");
        this.positionPct = Objects.requireNonNull(positionPct, "positionPct");
        this.minBet = Objects.requireNonNull(minBet, "minBet");
    }

    static Sizing fromConfig(BotConfig.Trading t) {
        return new Sizing(t.sizingMode(), t.betSize(), t.positionSizePct(), t.minBetSize());
    }

    Result size(Usd balance, Ratio confidence) {
        if (balance == null || !balance.isPositive()) {
            return new Result.NoBet("no balance to bet (" + balance + ")");
        }
        if (balance.lessThan(minBet)) {
            return new Result.NoBet("balance " + balance + " cannot afford MIN_BET_SIZE " + minBet);
        }
        Usd raw = mode == BotConfig.SizingMode.FIXED ? betSize : percentOf(balance, confidence);
        Usd amount = Usd.min(Usd.max(raw, minBet), balance);
        return new Result.Bet(amount);
    }

    /** balance × pct × min(confidence, 0.8) / 0.8, exactly, rounded once. */
    private Usd percentOf(Usd balance, Ratio confidence) {
        long c = Math.max(0, Math.min(confidence.micros(), FULL_SIZE_CONFIDENCE.micros()));
        BigInteger numerator = BigInteger.valueOf(balance.micros())
                .multiply(BigInteger.valueOf(positionPct.micros()))
                .multiply(BigInteger.valueOf(c));
        BigInteger denominator = BigInteger.valueOf(Micros.ONE).multiply(BigInteger.valueOf(FULL_SIZE_CONFIDENCE.micros()));
        return Usd.ofMicros(new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, Micros.ROUNDING)
                .longValueExact());
    }

    /** Lowers {@code amount} to {@code cap}; no bet if the cap is below MIN_BET_SIZE ({@code why} says why). */
    Result cap(Usd amount, Usd cap, String why) {
        if (!amount.greaterThan(cap)) {
            return new Result.Bet(amount);
        }
        if (cap.lessThan(minBet)) {
            return new Result.NoBet(why + ", below MIN_BET_SIZE " + minBet);
        }
        return new Result.Bet(cap);
    }

    /**
     * Shrinks {@code amount} until {@code amount + feeOf(amount) <= balance}; no bet if that falls below
     * MIN_BET_SIZE. {@code feeOf} must grow with the amount (both fee models do).
     */
    Result affordWithFee(Usd amount, Usd balance, UnaryOperator<Usd> feeOf) {
        Usd fee = feeOf.apply(amount);
        if (!amount.plus(fee).greaterThan(balance)) {
            return new Result.Bet(amount);
        }
        // the fee is proportional to the amount at a given price: scale by balance / (amount + fee), then correct
        // for rounding by what is still over
        Usd scaled = Usd.ofMicros(Math.max(0, Micros.mulDiv(balance.micros(), amount.micros(),
                amount.plus(fee).micros()) - 1));
        for (int i = 0; i < 8; i++) {
            Usd over = scaled.plus(feeOf.apply(scaled)).minus(balance);
            if (!over.isPositive()) {
                break;
            }
            scaled = Usd.max(Usd.ZERO, scaled.minus(over));
        }
        Usd scaledFee = feeOf.apply(scaled);
        if (scaled.lessThan(minBet) || scaled.plus(scaledFee).greaterThan(balance)) {
            return new Result.NoBet("balance " + balance + " cannot afford MIN_BET_SIZE " + minBet
                    + " plus its fee (" + amount + " would cost " + amount.plus(fee) + ")");
        }
        return new Result.Bet(scaled);
    }

    @Override
    public String toString() {
        return mode == BotConfig.SizingMode.FIXED ? "fixed " + betSize
                : "percent " + positionPct.format() + " (min " + minBet + ")";
    }
}
