package updown.notify;

import java.time.Instant;
import java.util.List;
import updown.domain.MarketPnl;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.Usd;
import updown.report.TradeView;

/** Answers to commands, as Telegram HTML. Pure. */
final class ReplyFormatter {
    static final String HISTORY_USAGE = "Usage: /history N (a whole number from 1 to " + CommandParser.HISTORY_MAX
            + ", default " + CommandParser.HISTORY_DEFAULT + ")";

    private ReplyFormatter() {
    }

    static String help(Usd topUpMax) {
        return "<b>UpDown commands</b>\n"
                + "/status — balance, win rate, open positions\n"
                + "/history N — the last N trades (1–" + CommandParser.HISTORY_MAX + ", default "
                + CommandParser.HISTORY_DEFAULT + ")\n"
                + "/pnl — P&amp;L today, 7 days, 30 days, all time (KST days)\n"
                + "/chart — equity chart\n"
                + "/shadow — paper vs live per trade: price, fee, slippage (live mode)\n"
                + "/stop — stop opening new trades\n"
                + "/resume — resume trading (after a breaker trip: asks to confirm)\n"
                + "/topup [amount] — add paper funds, up to " + Fmt.usd(topUpMax) + " (asks to confirm)\n"
                + "/help — this list";
    }

    static String topUpUsage(Usd topUpMax) {
        return "Usage: /topup [amount] — dollars, more than 0 and at most " + Fmt.usd(topUpMax)
                + ", at most 2 decimals (e.g. /topup 100)";
    }

    static String status(PortfolioSnapshot s, Instant now) {
        return "📊 <b>Status</b> · " + Fmt.time(now) + '\n'
                + "Trading: " + AlertFormatter.control(s.control())
                + (s.control() != null && s.control().since() != null && s.control().state()
                != updown.domain.TradingState.RUNNING ? " since " + Fmt.time(s.control().since()) : "") + '\n'
                + "Balance " + Fmt.usd(s.balance()) + " · Equity " + Fmt.usd(s.equity()) + '\n'
                + "Peak " + Fmt.usd(s.peak()) + " · Drawdown " + Fmt.pct(s.drawdown()) + '\n'
                + "Open positions " + s.openPositions() + " (" + Fmt.usd(s.openExposure()) + " at cost)\n"
                + "Win rate " + Fmt.pct(s.winRate()) + " (" + s.wins() + "W/" + s.losses() + "L)\n"
                + "Realised P&amp;L " + Fmt.signed(s.realizedPnl()) + " · Fees " + Fmt.usd(s.totalFees()) + '\n'
                + "Today (" + Fmt.date(s.day()) + "): P&amp;L " + Fmt.signed(s.todayPnl()) + " · trades "
                + s.todayTrades();
    }

    static String history(PortfolioCommand.TradePage page) {
        if (page.trades().isEmpty()) {
            return "🧾 No trades yet.";
        }
        StringBuilder b = new StringBuilder();
        b.append("🧾 <b>Last ").append(page.trades().size()).append(" trade(s)</b> of ").append(page.total())
                .append(" · times KST");
        for (Trade t : page.trades()) {
            b.append('\n').append(historyLine(t));
        }
        return b.toString();
    }

    /** One line of /history, its values as the trade view (docs/trades.md) holds them. */
    static String historyLine(Trade t) {
        TradeView v = TradeView.of(t);
        String result;
        if (t.isOpen()) {
            result = "OPEN";
        } else {
            result = (t.isWin() ? "WON " : "LOST ") + Fmt.signedDollars(v.pnl());
        }
        return "#" + v.id() + " " + Fmt.shortDateTime(t.openedAt()) + " " + Fmt.side(t.side()) + " "
                + AlertFormatter.shortFill(t, v) + " " + Fmt.dollars(v.amount()) + " → " + result + " · "
                + Html.escape(v.slug());
    }

    static String pnl(PnlReport r) {
        StringBuilder b = new StringBuilder();
        b.append("💹 <b>P&amp;L</b> realised, KST days to ").append(Fmt.date(r.today())).append('\n');
        for (PnlReport.Period p : r.periods()) {
            b.append(p.label()).append(": ").append(Fmt.signed(p.pnl())).append(" (")
                    .append(Fmt.pct(r.returnOn(p.pnl()))).append(") · ").append(p.trades()).append(" trade(s)\n");
        }
        b.append("All time: ").append(Fmt.signed(r.allTime())).append(" (").append(Fmt.pct(r.returnOn(r.allTime())))
                .append(") · ").append(r.wins()).append("W/").append(r.losses()).append("L\n");
        b.append("Returns are on capital put in: ").append(Fmt.usd(r.capital()));
        return b.toString();
    }

    /**
     * Per-market lines after /status or /pnl, only when the bot trades (or traded) more than one market: open
     * positions and realised P&amp;L of each ({@code withOpen}), or its P&amp;L and record.
     */
    static String perMarket(List<MarketPnl> markets, boolean withOpen) {
        if (markets == null || markets.size() < 2) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n<b>By market</b>");
        for (MarketPnl m : markets) {
            b.append('\n').append(Html.escape(m.market())).append(": ").append(Fmt.signed(m.pnl())).append(" · ")
                    .append(m.wins()).append("W/").append(m.losses()).append('L');
            if (withOpen) {
                b.append(" · open ").append(m.open()).append(" (").append(Fmt.usd(m.openCost())).append(')');
            }
        }
        return b.toString();
    }

    static String confirmTopUp(Usd amount, PortfolioSnapshot s) {
        return "💵 Add <b>" + Fmt.usd(amount) + "</b> paper funds?"
                + (s == null ? "" : "\nBalance now " + Fmt.usd(s.balance())
                + " → " + Fmt.usd(s.balance().plus(amount)))
                + "\nPress Confirm within 5 minutes.";
    }

    static String confirmResume(PortfolioSnapshot s) {
        return "⚠️ The circuit breaker is tripped: " + Html.escape(s.control().reason())
                + "\nDrawdown " + Fmt.pct(s.drawdown()) + " · Today P&amp;L " + Fmt.signed(s.todayPnl())
                + "\nResume trading anyway? Press Confirm within 5 minutes.";
    }

    static String stopped(PortfolioSnapshot s) {
        return "⏸ <b>Trading stopped.</b> No new trades until /resume. Open positions: " + s.openPositions();
    }

    static String resumed(PortfolioSnapshot s) {
        return "▶️ <b>Trading resumed.</b> Balance " + Fmt.usd(s.balance());
    }

    static String toppedUp(Usd amount, PortfolioSnapshot s) {
        return "💵 <b>Added " + Fmt.usd(amount) + ".</b> Balance " + Fmt.usd(s.balance());
    }

    static String failed(String what, ResultCode code) {
        String why = switch (code) {
            case ALREADY_STOPPED -> "trading is already stopped";
            case ALREADY_RUNNING -> "trading is already running";
            case INVALID_INPUT -> "the portfolio refused the input";
            case STORAGE_FAILED -> "the portfolio did not answer (storage or timeout)";
            default -> code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
        return "⚠️ " + Html.escape(what) + ": " + why + ".";
    }

    static String chartCaption(PortfolioSnapshot s, Instant now) {
        if (s == null) {
            return "Equity (KST) · " + Fmt.dateTime(now);
        }
        return "Balance " + Fmt.usd(s.balance()) + " · Equity " + Fmt.usd(s.equity()) + " · Realised P&L "
                + Fmt.signed(s.realizedPnl()) + " · " + Fmt.dateTime(now);
    }
}
