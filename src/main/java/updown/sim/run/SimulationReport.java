package updown.sim.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.repository.StoredState;

/**
 * What one simulation did: one line per trade and settlement while it runs (from the portfolio's events), and at the
 * end the summary, computed from the stored ledger itself so that its numbers are the ledger's. Events that raced with
 * the stop are caught up from the ledger when the report is closed, so every trade and settlement gets its line
 * exactly once. Thread-safe: fed on an event loop, closed from the stopping code.
 */
public final class SimulationReport {
    private final Set<Long> openPrinted = new HashSet<>();
    private final Set<Long> settlePrinted = new HashSet<>();
    private boolean closed;

    /**
     * The summary printed at the end (and as one JSON object with --json). Money is the ledger's, and it adds up:
     * {@code final balance = starting balance + open at start + top-ups + realised P&L − open at cost}, and
     * {@code equity = final balance + open at cost} (open positions valued at what they cost, the portfolio's
     * definition). {@link #addsUp()} checks the first against the ledger's own sum.
     *
     * @param trades          trades this run opened
     * @param wins            trades settled during this run with a positive P&amp;L
     * @param losses          the other trades settled during this run
     * @param stillOpen       open trades whose market the exchange has not resolved yet (e.g. stopped mid-window)
     * @param unknown         open trades whose market the exchange resolved but the bot could not settle
     * @param startingBalance the ledger's balance when this run started (INITIAL_BALANCE on a fresh ledger)
     * @param openAtStart     cost (amount + fee) of trades of an earlier run still open when this run started
     * @param topUps          top-ups during this run
     * @param pnl             realised P&amp;L of the trades settled during this run (payout − amount − fee)
     * @param fees            fees of the trades this run opened (inside P&amp;L or open at cost)
     * @param openAtCost      cost (amount + fee) of every trade still open at the end ({@code stillOpen + unknown})
     * @param finalBalance    the ledger's balance at the end: the sum of all its entries
     * @param partsSum        starting balance + open at start + top-ups + realised P&amp;L − open at cost, from the
     *                        trades: equal to {@code finalBalance} unless the ledger and its trades disagree
     */
    public record Summary(int windows, int trades, Map<String, Integer> tradesByStrategy, int wins, int losses,
                          int stillOpen, int unknown, Usd startingBalance, Usd openAtStart, Usd topUps, Usd pnl,
                          Usd fees, Usd openAtCost, Usd finalBalance, Usd partsSum) {

        /** Cash plus open positions at cost. */
        public Usd equity() {
            return finalBalance.plus(openAtCost);
        }

        /** The balance the ledger holds is the one its parts give. */
        public boolean addsUp() {
            return finalBalance.equals(partsSum);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("windows", windows);
            m.put("trades", trades);
            m.put("trades_by_strategy", tradesByStrategy);
            m.put("wins", wins);
            m.put("losses", losses);
            m.put("still_open", stillOpen);
            m.put("unknown", unknown);
            m.put("starting_balance", startingBalance.format());
            m.put("open_at_start", openAtStart.format());
            m.put("top_ups", topUps.format());
            m.put("pnl", pnl.format());
            m.put("fees", fees.format());
            m.put("open_at_cost", openAtCost.format());
            m.put("final_balance", finalBalance.format());
            m.put("equity", equity().format());
            m.put("adds_up", addsUp());
            return m;
        }

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("windows           " + windows);
            out.add("trades            " + trades);
            for (Map.Entry<String, Integer> e : tradesByStrategy.entrySet()) {
                out.add("  " + e.getKey() + " " + e.getValue());
            }
            out.add("wins              " + wins);
            out.add("losses            " + losses);
            out.add("still open        " + stillOpen + "  (market not resolved yet)");
            out.add("unknown           " + unknown + "  (resolved on the exchange, not settled by the bot)");
            out.add("starting balance  " + startingBalance.format());
            boolean carried = !openAtStart.isZero();
            if (carried) {
                out.add("open at start     " + openAtStart.format() + "  (earlier runs' open trades, at cost)");
            }
            out.add("top-ups           " + topUps.format());
            out.add("realised P&L      " + pnl.format() + "  (after fees)");
            out.add("fees              " + fees.format() + "  (of this run's trades: in P&L or in open at cost)");
            out.add("open at cost      " + openAtCost.format() + "  (" + (stillOpen + unknown) + " open trade(s))");
            out.add("final balance     " + finalBalance.format() + "  = starting balance"
                    + (carried ? " + open at start" : "") + " + top-ups + realised P&L - open at cost");
            out.add("equity            " + equity().format() + "  = final balance + open at cost");
            out.add("adds up           " + (addsUp() ? "yes" : "NO: the ledger holds " + finalBalance.format()
                    + ", its trades give " + partsSum.format() + " (off by " + finalBalance.minus(partsSum).format()
                    + ")"));
            return out;
        }
    }

    static String tradeLine(Trade t) {
        String alt = t.altPrice() == null ? "" : " / Down " + t.altShares().format() + " @ " + t.altPrice().format();
        return String.format("TRADE   #%d %s %s %s @ %s%s amount %s fee %s [%s]", t.id(), t.slug(), t.side(),
                t.shares().format(), t.price().format(), alt, t.amount().format(), t.fee().format(),
                String.join("+", t.sources()));
    }

    static String settleLine(Trade t, Usd balanceAfter) {
        return String.format("SETTLE  #%d %s %s won=%s payout %s pnl %s balance %s", t.id(), t.slug(), t.side(),
                t.outcome(), t.payout().format(), t.pnl().format(), balanceAfter.format());
    }

    /** Prints the line of an executed trade, once, unless the report is closed. */
    public synchronized void onExecuted(Trade t, Consumer<String> lines) {
        if (!closed && openPrinted.add(t.id())) {
            lines.accept(tradeLine(t));
        }
    }

    /** Prints the line of a settlement, once, unless the report is closed. */
    public synchronized void onSettled(Trade t, Usd balanceAfter, Consumer<String> lines) {
        if (!closed && settlePrinted.add(t.id())) {
            lines.accept(settleLine(t, balanceAfter));
        }
    }

    /**
     * Ends the report on the ledger read after the bot stopped: prints the lines of this run's trades and settlements
     * whose events came too late, then returns the summary of this run: its trades are those with ids from
     * {@code firstTradeId} on, its ledger entries those after sequence {@code lastSeqBefore} (earlier ones belong to
     * previous runs on the same data folder).
     *
     * @param resolvedOnExchange whether the exchange has published the outcome of the market of a slug
     */
    public synchronized Summary close(StoredState ledger, long firstTradeId, long lastSeqBefore, int windows,
                                      Predicate<String> resolvedOnExchange, Consumer<String> lines) {
        closed = true;
        Map<Long, Usd> balanceAfterCredit = new HashMap<>();
        Map<Long, Long> creditSeq = new HashMap<>();
        Usd running = Usd.ZERO;
        Usd startingBalance = Usd.ZERO;
        Usd topUps = Usd.ZERO;
        List<LedgerEntry> entries = new ArrayList<>(ledger.ledger());
        entries.sort(Comparator.comparingLong(LedgerEntry::seq));
        for (LedgerEntry e : entries) {
            running = running.plus(e.amount());
            if (e.seq() <= lastSeqBefore) {
                startingBalance = running;
            } else if (e.kind() == LedgerKind.TOPUP || e.kind() == LedgerKind.INITIAL_DEPOSIT) {
                topUps = topUps.plus(e.amount());
            }
            if (e.kind() == LedgerKind.SETTLEMENT_CREDIT) {
                balanceAfterCredit.put(e.tradeId(), running);
                creditSeq.put(e.tradeId(), e.seq());
            }
        }
        List<Trade> all = ledger.trades().stream().sorted(Comparator.comparingLong(Trade::id)).toList();
        List<Trade> mine = all.stream().filter(t -> t.id() >= firstTradeId).toList();
        for (Trade t : mine) {
            if (openPrinted.add(t.id())) {
                lines.accept(tradeLine(t));
            }
        }
        for (Trade t : mine) {
            if (!t.isOpen() && settlePrinted.add(t.id())) {
                lines.accept(settleLine(t, balanceAfterCredit.getOrDefault(t.id(), running)));
            }
        }
        Map<String, Integer> byStrategy = new TreeMap<>();
        Usd fees = Usd.ZERO;
        for (Trade t : mine) {
            byStrategy.merge(String.join("+", t.sources()), 1, Integer::sum);
            fees = fees.plus(t.fee());
        }
        Usd pnl = Usd.ZERO;
        Usd openAtStart = Usd.ZERO;
        Usd openAtCost = Usd.ZERO;
        int wins = 0;
        int losses = 0;
        int stillOpen = 0;
        int unknown = 0;
        for (Trade t : all) {
            long settledAt = creditSeq.getOrDefault(t.id(), Long.MAX_VALUE);
            if (t.id() < firstTradeId && settledAt > lastSeqBefore) {
                openAtStart = openAtStart.plus(t.totalCost());
            }
            if (t.isOpen()) {
                openAtCost = openAtCost.plus(t.totalCost());
                if (resolvedOnExchange.test(t.slug())) {
                    unknown++;
                } else {
                    stillOpen++;
                }
            } else if (settledAt > lastSeqBefore) {
                pnl = pnl.plus(t.pnl());
                if (t.isWin()) {
                    wins++;
                } else {
                    losses++;
                }
            }
        }
        Usd parts = startingBalance.plus(openAtStart).plus(topUps).plus(pnl).minus(openAtCost);
        return new Summary(windows, mine.size(), byStrategy, wins, losses, stillOpen, unknown, startingBalance,
                openAtStart, topUps, pnl, fees, openAtCost, running, parts);
    }
}
