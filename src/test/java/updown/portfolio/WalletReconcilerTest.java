package updown.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.domain.Usd;
import updown.domain.WalletBalance;
import updown.domain.WalletCheck;

@DisplayName("Wallet against ledger (live): drift is what moved in one and not in the other since the first reading")
class WalletReconcilerTest {
    private static final Instant T = Instant.parse("2026-05-12T10:00:00Z");
    private final WalletReconciler reconciler = new WalletReconciler();

    private WalletCheck read(String wallet, String ledger) {
        return reconciler.check(new WalletBalance(Usd.of(wallet), Usd.of("1000000"), T), Usd.of(ledger));
    }

    @Test
    @DisplayName("wallet and ledger may start apart (INITIAL_BALANCE is the bot's record): the first reading is no drift")
    void firstReadingIsTheBaseline() {
        WalletCheck c = read("250.00", "1000.00");
        assertThat(c.drift()).isEqualTo(Usd.ZERO);
        assertThat(reconciler.worthReporting(c)).isFalse();
    }

    @Test
    @DisplayName("a trade paid from the wallet and booked in the ledger moves both the same: still no drift")
    void bookedTradeIsNoDrift() {
        read("250.00", "1000.00");
        WalletCheck c = read("239.65", "989.65");
        assertThat(c.drift()).isEqualTo(Usd.ZERO);
        assertThat(c.wallet()).isEqualTo(Usd.of("239.65"));
        assertThat(c.ledgerBalance()).isEqualTo(Usd.of("989.65"));
    }

    @Test
    @DisplayName("a deposit outside the bot is drift, reported once; a top-up of the same amount makes it go away")
    void depositThenTopUp() {
        read("250.00", "1000.00");
        WalletCheck deposited = read("350.00", "1000.00");
        assertThat(deposited.drift()).isEqualTo(Usd.of("100"));
        assertThat(reconciler.worthReporting(deposited)).isTrue();
        assertThat(reconciler.worthReporting(read("350.00", "1000.00"))).as("same drift again").isFalse();
        WalletCheck toppedUp = read("350.00", "1100.00");
        assertThat(toppedUp.drift()).isEqualTo(Usd.ZERO);
        assertThat(reconciler.worthReporting(toppedUp)).as("drift gone").isTrue();
    }

    @Test
    @DisplayName("a winning payout not yet redeemed on chain is negative drift; a change under one cent is not news")
    void unredeemedWinnings() {
        read("250.00", "1000.00");
        WalletCheck settled = read("250.00", "1017.50");
        assertThat(settled.drift()).isEqualTo(Usd.of("-17.50"));
        assertThat(reconciler.worthReporting(settled)).isTrue();
        assertThat(reconciler.worthReporting(read("250.009", "1017.50"))).isFalse();
        assertThat(reconciler.worthReporting(read("250.01", "1017.50"))).isTrue();
    }

    @Test
    @DisplayName("spendable is the smaller of balance and allowance")
    void spendable() {
        WalletCheck c = reconciler.check(new WalletBalance(Usd.of("250"), Usd.of("40"), T), Usd.of("1000"));
        assertThat(c.spendable()).isEqualTo(Usd.of("40"));
    }
}
