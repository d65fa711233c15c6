package updown.web;

import updown.domain.WalletCheck;

/** The newest live wallet check (live mode only; null in paper mode or before the first reading). */
final class LastWallet {
    private volatile WalletCheck last;

    void set(WalletCheck check) {
        last = check;
    }

    WalletCheck get() {
        return last;
    }
}
