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
    TRADE_REVERSAL
}
