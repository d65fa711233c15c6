package updown.notify;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import updown.domain.DailySnapshot;
import updown.domain.Micros;
import updown.domain.PortfolioSnapshot;
import updown.domain.Ratio;
import updown.domain.Usd;

/**
 * Realised P&amp;L by period in KST days — today, 7 days, 30 days (each ending today) and all time — from the stored
 * daily snapshots plus the running day of the current snapshot. Pure.
 *
 * @param capital money put in (initial deposit + top-ups), derived as equity − realised P&amp;L so it does not depend
 *                on how the snapshot splits deposits from top-ups
 */
record PnlReport(LocalDate today, List<Period> periods, Usd allTime, int wins, int losses, Usd capital) {

    /** One period's realised P&amp;L and how many trades its days recorded. */
    record Period(String label, int days, Usd pnl, int trades) {
    }

    PnlReport {
        periods = List.copyOf(periods);
    }

    static PnlReport of(LocalDate today, PortfolioSnapshot snapshot, List<DailySnapshot> closedDays) {
        Map<LocalDate, Usd> pnl = new TreeMap<>();
        Map<LocalDate, Integer> trades = new TreeMap<>();
        for (DailySnapshot d : closedDays) {
            pnl.put(d.day(), d.pnl());
            trades.put(d.day(), d.trades());
        }
        // the running day is not closed yet: its numbers live in the snapshot
        if (snapshot.day() != null && !pnl.containsKey(snapshot.day())) {
            pnl.put(snapshot.day(), snapshot.todayPnl());
            trades.put(snapshot.day(), snapshot.todayTrades());
        }
        List<Period> periods = new ArrayList<>();
        periods.add(period("Today", 1, today, pnl, trades));
        periods.add(period("7 days", 7, today, pnl, trades));
        periods.add(period("30 days", 30, today, pnl, trades));
        Usd capital = snapshot.equity().minus(snapshot.realizedPnl());
        return new PnlReport(today, periods, snapshot.realizedPnl(), snapshot.wins(), snapshot.losses(), capital);
    }

    private static Period period(String label, int days, LocalDate today, Map<LocalDate, Usd> pnl,
                                 Map<LocalDate, Integer> trades) {
        LocalDate first = today.minusDays(days - 1L);
        Usd sum = Usd.ZERO;
        int count = 0;
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            sum = sum.plus(pnl.getOrDefault(d, Usd.ZERO));
            count += trades.getOrDefault(d, 0);
        }
        return new Period(label, days, sum, count);
    }

    /** {@code pnl} as a fraction of the capital put in; zero when no capital is known. */
    Ratio returnOn(Usd amount) {
        if (!capital.isPositive()) {
            return Ratio.ZERO;
        }
        return Ratio.ofMicros(Micros.mulDiv(amount.micros(), Micros.ONE, capital.micros()));
    }
}
