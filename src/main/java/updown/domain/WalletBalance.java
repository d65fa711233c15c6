package updown.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The live wallet as the CLOB reports it (GET /balance-allowance, collateral): the pUSD the funder holds and the
 * amount the V2 exchange may spend. SPEC §9: in live mode this is the truth; the portfolio's balance is the bot's own
 * P&amp;L record, and the difference between the two is drift (deposits, withdrawals, or a fill the bot did not book).
 *
 * @param allowance capped at {@code Long.MAX_VALUE} micro-dollars when the on-chain approval is unlimited
 * @param at        when the venue answered (bot clock)
 */
public record WalletBalance(Usd balance, Usd allowance, Instant at) {
    public WalletBalance {
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(allowance, "allowance");
        Objects.requireNonNull(at, "at");
    }

    /** What an order can actually spend: the smaller of balance and allowance. */
    public Usd spendable() {
        return Usd.min(balance, allowance);
    }
}
