package updown.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import updown.domain.Kst;
import updown.domain.LedgerEntry;
import updown.domain.MarketPnl;
import updown.domain.PortfolioCommand.EquityPoint;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.portfolio.EquityPoints;
import updown.repository.StoredState;

/**
 * The numbers of one backtest, computed from what the portfolio stored. Pure.
 *
 * <ul>
 *   <li><b>P&amp;L</b>: realised (settled trades); <b>win rate</b>: wins / settled trades.</li>
 *   <li><b>Equity</b>: cash + open positions at cost, as the portfolio defines it; it moves with deposits and
 *       settlements. <b>Max drawdown</b>: the largest fall of equity from its running peak, in dollars and in % of
 *       that peak.</li>
 *   <li><b>Sharpe per window</b>: mean / sample standard deviation of the P&amp;L of every market window of the
 *       traded span (a trade counts in the window it settles with; windows without a trade count as 0), not
 *       annualised; the annualised figure multiplies it by √(windows per year).</li>
 *   <li><b>Exposure</b>: share of the traded span with at least one open position, and the time-weighted average
 *       of the cost held in open positions.</li>
 *   <li>Per strategy source (the trade's sources joined with +), per hour of day in KST (of the opening) and per
 *       market series ({@code btc-5m}, {@code eth-15m}).</li>
 * </ul>
 */
public final class BacktestReport {

    /** Trades grouped by a key. */
    public record Group(String key, int trades, int wins, int losses, Usd pnl, Usd fees) {
        public double winRate() {
            return wins + losses == 0 ? 0 : (double) wins / (wins + losses);
        }
    }

    /** Everything the summary shows. Ratios are fractions (0.25 = 25 %); NaN when undefined. */
    public record Summary(Instant from, Instant to, long windows, int trades, int settled, int open, int wins,
                          int losses, Usd pnl, Usd fees, Usd initialBalance, Usd finalBalance, Usd finalEquity,
                          Usd maxDrawdown, double maxDrawdownPct, double sharpePerWindow, double sharpeAnnualized,
                          double exposure, Usd averageDeployed, List<Group> bySource, List<Group> byHourKst,
                          List<Group> byMarket, ReplayStats stats, String ledgerSha256) {
        public double winRate() {
            return wins + losses == 0 ? 0 : (double) wins / (wins + losses);
        }
    }

    private BacktestReport() {
    }

    public static Summary of(BacktestRun run) {
        StoredState state = run.state();
        ReplayStats stats = run.stats();
        Duration window = Duration.ofMinutes(run.config().market().windowMinutes().isEmpty() ? 5
                : run.config().market().windowMinutes().get(0));
        Instant from = stats.firstTick() != null ? stats.firstTick() : stats.clockStart();
        Instant end = stats.lastTick() != null ? stats.lastTick() : stats.clockEnd();
        Instant to = run.options().to() != null && run.options().to().isBefore(end) ? run.options().to() : end;
        if (to.isBefore(from)) {
            to = from;
        }
        List<Trade> trades = new ArrayList<>(state.trades());
        trades.sort(Comparator.comparingLong(Trade::id));
        int settled = 0;
        int wins = 0;
        Usd pnl = Usd.ZERO;
        Usd fees = Usd.ZERO;
        for (Trade t : trades) {
            fees = fees.plus(t.fee());
            if (!t.isOpen()) {
                settled++;
                pnl = pnl.plus(t.pnl());
                if (t.isWin()) {
                    wins++;
                }
            }
        }
        Usd initial = Usd.ZERO;
        Usd balance = Usd.ZERO;
        for (LedgerEntry e : state.ledger()) {
            balance = balance.plus(e.amount());
            if (e.kind() == updown.domain.LedgerKind.INITIAL_DEPOSIT) {
                initial = initial.plus(e.amount());
            }
        }
        Usd openCost = Usd.ZERO;
        for (Trade t : trades) {
            if (t.isOpen()) {
                openCost = openCost.plus(t.totalCost());
            }
        }
        List<EquityPoint> curve = EquityPoints.of(state);
        Usd peak = null;
        Usd maxDd = Usd.ZERO;
        double maxDdPct = 0;
        for (EquityPoint p : curve) {
            if (peak == null || p.balance().greaterThan(peak)) {
                peak = p.balance();
            }
            Usd dd = peak.minus(p.balance());
            if (dd.greaterThan(maxDd)) {
                maxDd = dd;
            }
            if (peak.isPositive()) {
                maxDdPct = Math.max(maxDdPct, dd.toBigDecimal().doubleValue() / peak.toBigDecimal().doubleValue());
            }
        }
        long windows = Math.max(1, (Duration.between(from, to).toMillis() + window.toMillis() - 1) / window.toMillis());
        double sharpe = sharpe(trades, from, windows, window);
        double perYear = Duration.ofDays(365).toMillis() / (double) window.toMillis();
        double[] exposure = exposure(trades, from, to);
        return new Summary(from, to, windows, trades.size(), settled, trades.size() - settled, wins, settled - wins,
                pnl, fees, initial, balance, balance.plus(openCost), maxDd, maxDdPct, sharpe,
                sharpe * Math.sqrt(perYear), exposure[0], Usd.ofMicros(Math.round(exposure[1])),
                group(trades, t -> String.join("+", t.sources())),
                group(trades, t -> String.format(Locale.ROOT, "%02d", t.openedAt().atZone(Kst.ZONE).getHour())),
                group(trades, t -> t.marketKey() == null ? MarketPnl.OTHER : t.marketKey().toString()),
                stats, run.ledgerSha256());
    }

    /** Mean / sample standard deviation of the per-window P&L over {@code windows} windows from {@code from}. */
    static double sharpe(List<Trade> trades, Instant from, long windows, Duration window) {
        if (windows < 2) {
            return Double.NaN;
        }
        Map<Long, Long> pnlByWindow = new TreeMap<>();
        long w = window.toMillis();
        for (Trade t : trades) {
            if (t.isOpen() || t.windowEnd() == null) {
                continue;
            }
            long index = Math.floorDiv(Duration.between(from, t.windowEnd()).toMillis() - 1, w);
            index = Math.max(0, Math.min(windows - 1, index));
            pnlByWindow.merge(index, t.pnl().micros(), Long::sum);
        }
        double sum = 0;
        for (long v : pnlByWindow.values()) {
            sum += v;
        }
        double mean = sum / windows;
        double sq = 0;
        for (long v : pnlByWindow.values()) {
            sq += (v - mean) * (v - mean);
        }
        sq += (windows - pnlByWindow.size()) * mean * mean;
        double sd = Math.sqrt(sq / (windows - 1));
        return sd == 0 ? Double.NaN : mean / sd;
    }

    /** [share of [from, to) with an open position, time-weighted average open cost in micro-dollars]. */
    static double[] exposure(List<Trade> trades, Instant from, Instant to) {
        long span = Duration.between(from, to).toMillis();
        if (span <= 0) {
            return new double[] {0, 0};
        }
        // sweep over open/close instants: +cost at opening, −cost at settlement (or the end)
        TreeMap<Instant, Long> delta = new TreeMap<>();
        for (Trade t : trades) {
            Instant open = t.openedAt().isBefore(from) ? from : t.openedAt();
            Instant close = t.settledAt() == null || t.settledAt().isAfter(to) ? to : t.settledAt();
            if (!close.isAfter(open)) {
                continue;
            }
            delta.merge(open, t.totalCost().micros(), Long::sum);
            delta.merge(close, -t.totalCost().micros(), Long::sum);
        }
        long held = 0;
        long exposedMs = 0;
        double deployedMicroMs = 0;
        Instant prev = from;
        for (Map.Entry<Instant, Long> e : delta.entrySet()) {
            long ms = Duration.between(prev, e.getKey()).toMillis();
            if (held > 0) {
                exposedMs += ms;
                deployedMicroMs += (double) held * ms;
            }
            held += e.getValue();
            prev = e.getKey();
        }
        return new double[] {(double) exposedMs / span, deployedMicroMs / span};
    }

    private static List<Group> group(List<Trade> trades, Function<Trade, String> key) {
        Map<String, long[]> acc = new TreeMap<>();
        for (Trade t : trades) {
            long[] a = acc.computeIfAbsent(key.apply(t), k -> new long[5]);
            a[0]++;
            if (!t.isOpen()) {
                if (t.isWin()) {
                    a[1]++;
                } else {
                    a[2]++;
                }
                a[3] += t.pnl().micros();
            }
            a[4] += t.fee().micros();
        }
        List<Group> out = new ArrayList<>();
        acc.forEach((k, a) -> out.add(new Group(k, (int) a[0], (int) a[1], (int) a[2], Usd.ofMicros(a[3]),
                Usd.ofMicros(a[4]))));
        return out;
    }
}
