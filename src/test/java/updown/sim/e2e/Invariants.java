package updown.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import updown.domain.Direction;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Outcome;
import updown.domain.PortfolioSnapshot;
import updown.domain.Resolution;
import updown.domain.Trade;
import updown.domain.TradeStatus;
import updown.domain.Usd;
import updown.repository.StoredState;
import updown.sim.exchange.SimExchange;
import updown.synthetic.SimWindow;

/**
 * The invariants every end-to-end run must keep, recomputed independently of the bot's own arithmetic: from the
 * stored trades, the exchange's published outcomes and what the observer saw on the bus.
 */
final class Invariants {
    private Invariants() {
    }

    /** deposits − Σ(amount + fee) + Σ payout, from the stored trades and the deposit entries only. */
    static Usd recomputedBalance(StoredState db) {
        Usd sum = Usd.ZERO;
        for (LedgerEntry e : db.ledger()) {
            if (e.kind() == LedgerKind.INITIAL_DEPOSIT || e.kind() == LedgerKind.TOPUP) {
                sum = sum.plus(e.amount());
            }
        }
        for (Trade t : db.trades()) {
            sum = sum.minus(t.amount()).minus(t.fee());
            if (t.status() == TradeStatus.SETTLED) {
                sum = sum.plus(t.payout());
            }
        }
        return sum;
    }

    static Usd ledgerBalance(StoredState db) {
        Usd sum = Usd.ZERO;
        for (LedgerEntry e : db.ledger()) {
            sum = sum.plus(e.amount());
        }
        return sum;
    }

    /** What a trade must pay for a winner: the winning leg's shares × $1 (SPEC §5), computed here, not by the bot. */
    static Usd expectedPayout(Trade t, Outcome winner) {
        long micros;
        if (t.side() == Direction.ARB) {
            micros = winner == Outcome.UP ? t.shares().micros() : t.altShares().micros();
        } else {
            boolean won = (t.side() == Direction.BUY_UP) == (winner == Outcome.UP);
            micros = won ? t.shares().micros() : 0;
        }
        return Usd.ofMicros(micros);
    }

    /**
     * Checks the stored ledger against the exchange and the bus.
     *
     * @param memory      the portfolio's snapshot taken just before the bot stopped
     * @param db          the ledger read back from the database after the stop
     */
    static void check(SimExchange exchange, BotObserver observer, PortfolioSnapshot memory, StoredState db) {
        // money: memory = ledger = independent recomputation
        assertThat(ledgerBalance(db)).as("ledger balance").isEqualTo(recomputedBalance(db));
        assertThat(memory.balance()).as("portfolio balance in memory").isEqualTo(recomputedBalance(db));

        Map<Long, List<LedgerEntry>> entriesByTrade = db.ledger().stream().filter(e -> e.tradeId() != 0)
                .collect(Collectors.groupingBy(LedgerEntry::tradeId));
        Map<Long, Long> settledEvents = observer.settled().stream()
                .collect(Collectors.groupingBy(Trade::id, Collectors.counting()));
        Map<Long, Trade> announced = new HashMap<>();
        observer.executed().forEach(t -> announced.put(t.id(), t));

        assertThat(announced.keySet()).as("trades announced on the bus = trades stored")
                .containsExactlyInAnyOrderElementsOf(db.trades().stream().map(Trade::id).toList());
        long openInMemory = memory.openPositions();
        assertThat(db.trades().stream().filter(Trade::isOpen).count()).as("open trades in memory and in the DB")
                .isEqualTo(openInMemory);

        for (Trade t : db.trades()) {
            SimWindow w = exchange.windowBySlug(t.slug())
                    .orElseThrow(() -> new AssertionError("trade on a market the exchange never listed: " + t));
            List<LedgerEntry> entries = entriesByTrade.getOrDefault(t.id(), List.of());
            assertThat(entries.stream().filter(e -> e.kind() == LedgerKind.TRADE_DEBIT).count())
                    .as("debits of trade %d", t.id()).isEqualTo(1);
            assertThat(t.openedAt()).as("trade %d opened inside its window", t.id())
                    .isAfterOrEqualTo(w.start()).isBefore(w.end());
            Optional<Outcome> published = exchange.publishedWinner(w);
            if (t.status() == TradeStatus.SETTLED) {
                assertThat(published).as("trade %d settled but window %d (%s) has no published outcome", t.id(),
                        w.index(), t.slug()).isPresent();
                assertThat(t.outcome()).as("outcome of trade %d = the exchange's for window %d", t.id(), w.index())
                        .isEqualTo(Resolution.of(published.get()));
                assertThat(t.payout()).as("payout of trade %d", t.id())
                        .isEqualTo(expectedPayout(t, published.get()));
                assertThat(t.pnl()).as("pnl of trade %d", t.id())
                        .isEqualTo(t.payout().minus(t.amount()).minus(t.fee()));
                assertThat(t.settledAt()).as("trade %d settled after it was published", t.id())
                        .isAfterOrEqualTo(exchange.resolvesAt(w));
                assertThat(settledEvents.getOrDefault(t.id(), 0L)).as("settlement events of trade %d", t.id())
                        .isEqualTo(1);
                List<LedgerEntry> credits = entries.stream()
                        .filter(e -> e.kind() == LedgerKind.SETTLEMENT_CREDIT).toList();
                assertThat(credits).as("credits of trade %d", t.id()).hasSize(1);
                assertThat(credits.get(0).amount()).as("credit of trade %d", t.id()).isEqualTo(t.payout());
            } else {
                assertThat(settledEvents.getOrDefault(t.id(), 0L)).as("settlement events of open trade %d", t.id())
                        .isZero();
                assertThat(entries).as("ledger entries of open trade %d", t.id()).hasSize(1);
            }
        }
        assertThat(settledEvents.keySet()).as("every settlement announced is of a stored trade")
                .allMatch(announced::containsKey);
        assertNoStaleDecisions(observer, db.trades());
    }

    /** Every stored trade was decided on books its trader held fresh at that moment. */
    static void assertNoStaleDecisions(BotObserver observer, List<Trade> trades) {
        Map<String, List<BotObserver.Decision>> byKey = observer.decisions().stream()
                .collect(Collectors.groupingBy(d -> d.marketId() + "@" + d.openedAt()));
        for (Trade t : trades) {
            List<BotObserver.Decision> ds = byKey.getOrDefault(t.marketId() + "@" + t.openedAt(), List.of());
            assertThat(ds).as("the decision behind trade %d (%s) was seen", t.id(), t.slug()).hasSize(1);
            assertThat(ds.get(0).problems()).as("books of %s when trade %d was decided", t.slug(), t.id()).isEmpty();
        }
        assertThat(observer.decisions()).as("every decision to trade on a stale book (stored or not)")
                .allMatch(d -> d.problems().isEmpty());
    }

    static Map<String, Long> bySources(List<Trade> trades) {
        return trades.stream().collect(Collectors.groupingBy(t -> String.join("+", t.sources()),
                Collectors.counting()));
    }
}
