package updown.sim;

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

    /** The summary printed at the end (and as one JSON object with --json). */
    public record Summary(int windows, int trades, Map<String, Integer> tradesByStrategy, int wins, int losses,
                          int unknown, Usd fees, Usd pnl, Usd finalBalance) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("windows", windows);
            m.put("trades", trades);
            m.put("trades_by_strategy", tradesByStrategy);
            m.put("wins", wins);
            m.put("losses", losses);
            m.put("unknown", unknown);
            m.put("fees", fees.format());
            m.put("pnl", pnl.format());
            m.put("final_balance", finalBalance.format());
            return m;
        }

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("windows        " + windows);
            out.add("trades         " + trades);
            for (Map.Entry<String, Integer> e : tradesByStrategy.entrySet()) {
                out.add("  " + e.getKey() + " " + e.getValue());
            }
            out.add("wins           " + wins);
            out.add("losses         " + losses);
            out.add("unknown        " + unknown);
            out.add("fees           " + fees.format());
            out.add("P&L            " + pnl.format());
            out.add("final balance  " + finalBalance.format());
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
     * whose events came too late, then returns the summary of this run's trades (ids from {@code firstTradeId} on;
     * earlier ones belong to previous runs on the same DATA_DIR) with the ledger's balance.
     */
    public synchronized Summary close(StoredState ledger, long firstTradeId, int windows, Consumer<String> lines) {
        closed = true;
        Map<Long, Usd> balanceAfterCredit = new HashMap<>();
        Usd running = Usd.ZERO;
        List<LedgerEntry> entries = new ArrayList<>(ledger.ledger());
        entries.sort(Comparator.comparingLong(LedgerEntry::seq));
        for (LedgerEntry e : entries) {
            running = running.plus(e.amount());
            if (e.kind() == LedgerKind.SETTLEMENT_CREDIT) {
                balanceAfterCredit.put(e.tradeId(), running);
            }
        }
        List<Trade> mine = ledger.trades().stream().filter(t -> t.id() >= firstTradeId)
                .sorted(Comparator.comparingLong(Trade::id)).toList();
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
        Usd pnl = Usd.ZERO;
        int wins = 0;
        int losses = 0;
        int unknown = 0;
        for (Trade t : mine) {
            byStrategy.merge(String.join("+", t.sources()), 1, Integer::sum);
            fees = fees.plus(t.fee());
            if (t.isOpen()) {
                unknown++;
            } else {
                pnl = pnl.plus(t.pnl());
                if (t.isWin()) {
                    wins++;
                } else {
                    losses++;
                }
            }
        }
        return new Summary(windows, mine.size(), byStrategy, wins, losses, unknown, fees, pnl, running);
    }
}
