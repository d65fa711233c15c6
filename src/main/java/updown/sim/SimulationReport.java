package updown.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import updown.domain.Trade;
import updown.domain.Usd;

/**
 * What one simulation did, folded from the portfolio's trade events: one line per trade and settlement while it
 * runs, and the end-of-run summary. Pure; fed on the event loop, read after the run.
 */
public final class SimulationReport {
    private final Map<Long, Trade> opened = new LinkedHashMap<>();
    private final Map<Long, Trade> settled = new LinkedHashMap<>();

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

    /** Records an executed trade and returns its one-line description. */
    public String onExecuted(Trade t) {
        opened.put(t.id(), t);
        String alt = t.altPrice() == null ? "" : " / Down " + t.altShares().format() + " @ " + t.altPrice().format();
        return String.format("TRADE   #%d %s %s %s @ %s%s amount %s fee %s [%s]", t.id(), t.slug(), t.side(),
                t.shares().format(), t.price().format(), alt, t.amount().format(), t.fee().format(),
                String.join("+", t.sources()));
    }

    /** Records a settlement and returns its one-line description. */
    public String onSettled(Trade t, Usd balanceAfter) {
        settled.put(t.id(), t);
        return String.format("SETTLE  #%d %s %s won=%s payout %s pnl %s balance %s", t.id(), t.slug(), t.side(),
                t.outcome(), t.payout().format(), t.pnl().format(), balanceAfter.format());
    }

    public int openedCount() {
        return opened.size();
    }

    /** Trades opened in this run that are still open. */
    public List<Trade> stillOpen() {
        List<Trade> out = new ArrayList<>();
        for (Trade t : opened.values()) {
            if (!settled.containsKey(t.id())) {
                out.add(t);
            }
        }
        return out;
    }

    public Summary summary(int windows, Usd finalBalance) {
        Map<String, Integer> byStrategy = new TreeMap<>();
        Usd fees = Usd.ZERO;
        for (Trade t : opened.values()) {
            byStrategy.merge(String.join("+", t.sources()), 1, Integer::sum);
            fees = fees.plus(t.fee());
        }
        int wins = 0;
        int losses = 0;
        Usd pnl = Usd.ZERO;
        for (Trade t : settled.values()) {
            pnl = pnl.plus(t.pnl());
            if (t.isWin()) {
                wins++;
            } else {
                losses++;
            }
        }
        return new Summary(windows, opened.size(), byStrategy, wins, losses, stillOpen().size(), fees, pnl,
                finalBalance);
    }
}
