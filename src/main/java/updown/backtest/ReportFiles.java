package updown.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import updown.chart.EquityChart;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.report.TradeCsv;
import updown.report.TradeView;

/**
 * Writes a backtest's report: {@code summary.txt} (the one-screen text), {@code summary.json}, {@code trades.csv},
 * {@code trades.json}, {@code equity.png} (the same chart as /chart) and {@code ledger.tsv} (the canonical ledger
 * whose SHA-256 is printed). Blocking file I/O and image encoding: call it from a command thread, never an event loop.
 */
public final class ReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFiles() {
    }

    public static void write(BacktestRun run, BacktestReport.Summary summary, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.txt"), String.join("\n", text(summary, dir)) + "\n");
        Files.writeString(dir.resolve("summary.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(summary)) + "\n");
        List<Trade> trades = new ArrayList<>(run.state().trades());
        trades.sort(Comparator.comparingLong(Trade::id));
        Files.writeString(dir.resolve("trades.csv"), tradesCsv(trades));
        Files.writeString(dir.resolve("trades.json"), tradesJson(trades));
        Files.write(dir.resolve("equity.png"), EquityChart.png("Backtest equity "
                + summary.from() + " to " + summary.to(), updown.portfolio.EquityPoints.of(run.state())));
        Files.writeString(dir.resolve("ledger.tsv"), run.ledgerText(), StandardCharsets.UTF_8);
    }

    /** The one-screen summary. */
    public static List<String> text(BacktestReport.Summary s, Path dir) {
        List<String> out = new ArrayList<>();
        ReplayStats st = s.stats();
        out.add(String.format(Locale.ROOT, "Backtest %s → %s: %d windows, %,d ticks, %,d events", s.from(), s.to(),
                s.windows(), st.ticks(), st.events()));
        out.add(String.format(Locale.ROOT, "Replay        %.2f s (%,.0f records/s; %.2f s CPU, %,.0f records per CPU second)",
                st.wallNanos() / 1e9, st.recordsPerSecond(), st.cpuNanos() / 1e9, st.recordsPerCpuSecond()));
        out.add(String.format(Locale.ROOT, "Trades        %d (settled %d, open %d)   wins %d  losses %d  win rate %s",
                s.trades(), s.settled(), s.open(), s.wins(), s.losses(), pct(s.winRate())));
        out.add(String.format(Locale.ROOT, "P&L           %s   fees %s   balance %s → %s (equity %s)",
                signed(s.pnl()), s.fees().format(), s.initialBalance().format(), s.finalBalance().format(),
                s.finalEquity().format()));
        out.add(String.format(Locale.ROOT, "Max drawdown  %s (%s)   Sharpe per window %s (annualised %s)",
                s.maxDrawdown().format(), pct(s.maxDrawdownPct()), num(s.sharpePerWindow()),
                num(s.sharpeAnnualized())));
        out.add(String.format(Locale.ROOT, "Exposure      %s of the time in a position, %s deployed on average",
                pct(s.exposure()), s.averageDeployed().format()));
        out.add("By market                               trades  win rate        P&L      fees");
        for (BacktestReport.Group g : s.byMarket()) {
            out.add(groupLine("  " + g.key(), g));
        }
        out.add("By source                               trades  win rate        P&L      fees");
        for (BacktestReport.Group g : s.bySource()) {
            out.add(groupLine("  " + g.key(), g));
        }
        out.add("By hour of day (KST, opening)           trades  win rate        P&L      fees");
        for (BacktestReport.Group g : s.byHourKst()) {
            out.add(groupLine("  " + g.key() + ":00", g));
        }
        out.add("Ledger SHA-256 " + s.ledgerSha256());
        if (dir != null) {
            out.add("Report in " + dir);
        }
        return out;
    }

    private static String groupLine(String label, BacktestReport.Group g) {
        return String.format(Locale.ROOT, "%-38s %7d  %8s %10s %9s", label, g.trades(), pct(g.winRate()),
                signed(g.pnl()), g.fees().format());
    }

    /** The summary as one JSON object (money as exact decimal strings, ratios as numbers, NaN as null). */
    public static Map<String, Object> json(BacktestReport.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", s.from().toString());
        m.put("to", s.to().toString());
        m.put("windows", s.windows());
        m.put("ticks", s.stats().ticks());
        m.put("events", s.stats().events());
        m.put("trades", s.trades());
        m.put("settled", s.settled());
        m.put("open", s.open());
        m.put("wins", s.wins());
        m.put("losses", s.losses());
        m.put("win_rate", finite(s.winRate()));
        m.put("pnl", s.pnl().format());
        m.put("fees", s.fees().format());
        m.put("initial_balance", s.initialBalance().format());
        m.put("final_balance", s.finalBalance().format());
        m.put("final_equity", s.finalEquity().format());
        m.put("max_drawdown", s.maxDrawdown().format());
        m.put("max_drawdown_pct", finite(s.maxDrawdownPct()));
        m.put("sharpe_per_window", finite(s.sharpePerWindow()));
        m.put("sharpe_annualized", finite(s.sharpeAnnualized()));
        m.put("exposure", finite(s.exposure()));
        m.put("average_deployed", s.averageDeployed().format());
        m.put("by_market", groups(s.byMarket()));
        m.put("by_source", groups(s.bySource()));
        m.put("by_hour_kst", groups(s.byHourKst()));
        m.put("wall_seconds", finite(s.stats().wallNanos() / 1e9));
        m.put("cpu_seconds", finite(s.stats().cpuNanos() / 1e9));
        m.put("ledger_sha256", s.ledgerSha256());
        return m;
    }

    private static Map<String, Object> groups(List<BacktestReport.Group> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (BacktestReport.Group g : groups) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trades", g.trades());
            m.put("wins", g.wins());
            m.put("losses", g.losses());
            m.put("pnl", g.pnl().format());
            m.put("fees", g.fees().format());
            out.put(g.key(), m);
        }
        return out;
    }

    /** Every trade in the one trade view's keys and values (docs/trades.md), as a pretty-printed JSON array. */
    public static String tradesJson(List<Trade> trades) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(trades.stream().map(t -> TradeView.of(t).fields()).toList()) + "\n";
    }

    /** Every trade in the one trade view's keys and values (docs/trades.md), as CSV. */
    public static String tradesCsv(List<Trade> trades) {
        return TradeCsv.of(trades);
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", v * 100) : "n/a";
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    static String signed(Usd v) {
        return v.isNegative() ? v.format() : "+" + v.format();
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
