package updown.domain;

/** Why the balance changed. Every change of balance is one ledger entry of one of these kinds. */
public enum LedgerKind {
    /** The starting paper capital (INITIAL_BALANCE), written once on an empty ledger. */
    INITIAL_DEPOSIT,
    /** Funds added by /topup. */
    TOPUP,
    /** amount + fee debited when a trade opens (negative). */
    TRADE_DEBIT,
    /** payout credited when a trade settles (zero or positive). */
    SETTLEMENT_CREDIT,
    /** amount + fee credited back when the venue reports a live fill FAILED on chain (zero or positive). */
    TRADE_REVERSAL,
    /**
     * Live: winning tokens redeemed on chain for pUSD (amount always zero: the SETTLEMENT_CREDIT already booked the
     * payout; the note keeps the condition, transaction, pUSD value and gas). Stands alone, like a deposit.
     */
    REDEEM,
    /** Live: an ARB pair merged on chain back into pUSD (amount always zero, for the same reason as REDEEM). */
    MERGE;

    /** An on-chain conversion of tokens the ledger already values: recorded, never a change of balance. */
    public boolean chainMove() {
        return this == REDEEM || this == MERGE;
    }
}
