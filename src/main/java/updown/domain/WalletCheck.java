package updown.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One live wallet reading held against the bot's own record (SPEC §9: the wallet is the truth, the ledger the bot's
 * P&amp;L record).
 *
 * @param wallet        the wallet's collateral balance as the venue reported it
 * @param spendable     what an order can spend now: the smaller of balance and allowance
 * @param ledgerBalance the portfolio's balance at the same moment
 * @param drift         how far the wallet has moved apart from the ledger since the first reading of this run:
 *                      {@code (wallet − wallet₀) − (ledger − ledger₀)}. Zero while every dollar the wallet gained or lost
 *                      went through the bot; otherwise a deposit or withdrawal outside the bot (a top-up of the same
 *                      amount brings it back to zero), winnings not yet redeemed on chain, or a fill the bot did not
 *                      book
 * @param at            when the venue answered
 */
public record WalletCheck(Usd wallet, Usd spendable, Usd ledgerBalance, Usd drift, Instant at) {
    public WalletCheck {
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(spendable, "spendable");
        Objects.requireNonNull(ledgerBalance, "ledgerBalance");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(at, "at");
    }
}
