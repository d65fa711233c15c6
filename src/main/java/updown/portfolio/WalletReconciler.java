package updown.portfolio;

import updown.domain.Usd;
import updown.domain.WalletBalance;
import updown.domain.WalletCheck;

/**
 * Holds live wallet readings against the ledger (pure; owned by the portfolio verticle). The first reading of a run
 * is the baseline: the wallet and the ledger need not start equal (INITIAL_BALANCE is the bot's record, the wallet
 * holds what the user deposited), but from then on every change of one should be a change of the other.
 */
public final class WalletReconciler {
    /** Drift changes smaller than this are rounding between the venue's and the bot's fee figures, not news. */
    static final Usd REPORT_STEP = Usd.of("0.01");

    private Usd walletAtStart;
    private Usd ledgerAtStart;
    private Usd reportedDrift = Usd.ZERO;

    /** The check of one reading against the ledger balance at that moment. */
    public WalletCheck check(WalletBalance reading, Usd ledgerBalance) {
        if (walletAtStart == null) {
            walletAtStart = reading.balance();
            ledgerAtStart = ledgerBalance;
        }
        Usd drift = reading.balance().minus(walletAtStart).minus(ledgerBalance.minus(ledgerAtStart));
        return new WalletCheck(reading.balance(), reading.spendable(), ledgerBalance, drift, reading.at());
    }

    /**
     * Whether this check's drift differs from the last one reported by at least {@link #REPORT_STEP}; if so it
     * becomes the reported one. So a drift is reported once when it appears and once when it changes or goes away.
     */
    public boolean worthReporting(WalletCheck check) {
        Usd change = check.drift().minus(reportedDrift);
        if (Usd.max(change, change.negate()).lessThan(REPORT_STEP)) {
            return false;
        }
        reportedDrift = check.drift();
        return true;
    }
}
