package updown.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.Usd;

/**
 * The money invariant of SPEC §5 over what a repository stores: the ledger's balance (sum of its entries) equals
 * {@code deposits + top-ups − Σ(amount + fee) + Σ payout}, the right side computed from the stored trades alone;
 * and every trade has exactly its one debit, plus exactly its one credit once settled.
 */
public final class LedgerInvariant {
    private LedgerInvariant() {
    }

    public static Usd balance(List<LedgerEntry> ledger) {
        return ledger.stream().map(LedgerEntry::amount).reduce(Usd.ZERO, Usd::plus);
    }

    public static void assertHolds(StoredState state) {
        Usd funded = state.ledger().stream()
                .filter(e -> e.kind() == LedgerKind.INITIAL_DEPOSIT || e.kind() == LedgerKind.TOPUP)
                .map(LedgerEntry::amount).reduce(Usd.ZERO, Usd::plus);
        Usd spent = state.trades().stream().map(Trade::totalCost).reduce(Usd.ZERO, Usd::plus);
        Usd paid = state.trades().stream().filter(t -> t.status() == TradeStatus.SETTLED).map(Trade::payout)
                .reduce(Usd.ZERO, Usd::plus);
        Usd givenBack = state.trades().stream().filter(t -> t.status() == TradeStatus.REVERSED)
                .map(Trade::totalCost).reduce(Usd.ZERO, Usd::plus);
        assertThat(balance(state.ledger()))
                .as("ledger balance = deposits + top-ups − Σ(amount + fee) + Σ payout + Σ reversed (amount + fee)")
                .isEqualTo(funded.minus(spent).plus(paid).plus(givenBack));

        Map<Long, Trade> trades = state.trades().stream().collect(Collectors.toMap(Trade::id, t -> t));
        Map<Long, List<LedgerEntry>> byTrade = new HashMap<>(state.ledger().stream().filter(e -> e.tradeId() != 0)
                .collect(Collectors.groupingBy(LedgerEntry::tradeId)));
        assertThat(trades.keySet()).as("every trade-linked entry belongs to a stored trade")
                .containsAll(byTrade.keySet());
        for (Trade t : state.trades()) {
            List<LedgerEntry> entries = byTrade.getOrDefault(t.id(), List.of());
            assertThat(entries).as("entries of trade %d", t.id())
                    .filteredOn(e -> e.kind() == LedgerKind.TRADE_DEBIT).singleElement()
                    .extracting(LedgerEntry::amount).isEqualTo(t.totalCost().negate());
            List<LedgerEntry> credits = entries.stream().filter(e -> e.kind() == LedgerKind.SETTLEMENT_CREDIT)
                    .toList();
            List<LedgerEntry> reversals = entries.stream().filter(e -> e.kind() == LedgerKind.TRADE_REVERSAL)
                    .toList();
            if (t.status() == TradeStatus.REVERSED) {
                assertThat(reversals).as("reversals of reversed trade %d", t.id()).singleElement()
                        .extracting(LedgerEntry::amount).isEqualTo(t.totalCost());
            } else {
                assertThat(reversals).as("reversals of trade %d", t.id()).isEmpty();
            }
            if (t.status() == TradeStatus.SETTLED) {
                assertThat(credits).as("credits of settled trade %d", t.id()).singleElement()
                        .extracting(LedgerEntry::amount).isEqualTo(t.payout());
            } else {
                assertThat(credits).as("credits of unsettled trade %d", t.id()).isEmpty();
            }
        }
    }
}
