package updown.notify;

import java.time.Instant;
import java.util.List;
import updown.config.BotConfig;
import updown.domain.ControlState;
import updown.domain.Direction;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.Trade;
import updown.domain.TradingState;
import updown.report.TradeView;

/** The alerts the bot sends on its own, as Telegram HTML. Pure: records in, text out; every outside string escaped. */
final class AlertFormatter {
    static final String TRADES = "trades";
    static final String SETTLEMENTS = "settlements";

    private AlertFormatter() {
    }

    /** Mode, capital, sizing, strategies, risk limits and, when known, the current snapshot. */
    static Outgoing.Text startup(BotConfig config, PortfolioSnapshot snapshot, String snapshotProblem, Instant now) {
        BotConfig.Trading t = config.trading();
        BotConfig.Strategies s = config.strategies();
        StringBuilder b = new StringBuilder();
        b.append("🚀 <b>UpDown started</b> · ").append(config.mode().name()).append('\n');
        if (config.mode() == updown.config.TradingMode.LIVE) {
            BotConfig.Live live = config.live();
            b.append("⚠️ <b>LIVE TRADING: REAL MONEY</b>").append(live.dryRun() ? " (dry run: orders signed, not sent)" : "")
                    .append('\n');
            b.append("Caps: ").append(Fmt.usd(live.maxOrderUsd())).append(" per order, ")
                    .append(Fmt.usd(live.maxDailyUsd())).append(" per day · /stop halts orders\n");
        }
        b.append("Capital ").append(Fmt.usd(t.initialBalance())).append('\n');
        if (t.sizingMode() == BotConfig.SizingMode.FIXED) {
            b.append("Sizing: fixed ").append(Fmt.usd(t.betSize())).append(" per trade\n");
        } else {
            b.append("Sizing: ").append(Fmt.pct(t.positionSizePct())).append(" of balance × confidence, min ")
                    .append(Fmt.usd(t.minBetSize())).append('\n');
        }
        b.append("Entry ≤ ").append(t.maxEntryPrice().format()).append(" · confidence ≥ ")
                .append(Fmt.pct(t.confidenceThreshold())).append('\n');
        b.append("Strategies: ensemble (").append(s.ensembleMinVotes()).append(" votes) of directional EMA ")
                .append(s.emaFast()).append('/').append(s.emaSlow()).append(" + momentum ")
                .append(s.momentumLookback()).append(", orderbook imbalance ").append(s.obiThreshold().format())
                .append(" (depth ").append(s.obiDepth()).append(')');
        if (s.arbEnabled()) {
            b.append("; arbitrage margin ").append(s.arbMinMargin().format());
        } else {
            b.append("; arbitrage off");
        }
        b.append('\n');
        b.append("Breaker: drawdown ").append(Fmt.pct(config.risk().maxDrawdownLimit())).append(", daily loss ")
                .append(Fmt.usd(config.risk().maxDailyLoss())).append('\n');
        if (snapshot != null) {
            b.append("Balance ").append(Fmt.usd(snapshot.balance())).append(" · Equity ")
                    .append(Fmt.usd(snapshot.equity())).append(" · Open ").append(snapshot.openPositions())
                    .append('\n');
            b.append("Realised P&amp;L ").append(Fmt.signed(snapshot.realizedPnl())).append(" · Win rate ")
                    .append(Fmt.pct(snapshot.winRate())).append(" (").append(snapshot.wins()).append("W/")
                    .append(snapshot.losses()).append("L)\n");
            b.append("Trading: ").append(control(snapshot.control())).append('\n');
        } else {
            b.append("Portfolio snapshot unavailable (").append(Html.escape(snapshotProblem)).append(")\n");
        }
        b.append(Fmt.dateTime(now));
        return Outgoing.Text.of(b.toString(), Keyboard.main());
    }

    /** The market a trade is in, then its window: {@code <b>eth-15m</b> eth-updown-15m-1766972400}. */
    static String market(TradeView v) {
        return v.market() == null ? Html.escape(v.slug())
                : "<b>" + Html.escape(v.market()) + "</b> " + Html.escape(v.slug());
    }

    /** A new trade, every value as the trade view (docs/trades.md) holds it. */
    static Outgoing.Text tradeExecuted(PortfolioEvent.TradeExecuted e) {
        Trade t = e.trade();
        TradeView v = TradeView.of(t);
        StringBuilder b = new StringBuilder();
        b.append(icon(t.side())).append(" <b>").append(Fmt.side(t.side())).append("</b> ").append(id(t))
                .append(" · ").append(market(v)).append('\n');
        if (t.windowEnd() != null) {
            b.append("Window ends ").append(Fmt.time(t.windowEnd())).append('\n');
        }
        b.append(fill(t, v)).append('\n');
        b.append("Amount ").append(Fmt.dollars(v.amount())).append(" · Fee ").append(Fmt.dollars(v.fee()))
                .append('\n');
        b.append("Confidence ").append(Fmt.percent(v.confidence())).append(" · Sources ")
                .append(sources(v.sources())).append('\n');
        b.append("Balance ").append(Fmt.usd(e.snapshot().balance())).append(" · ").append(Fmt.time(t.openedAt()));
        String line = icon(t.side()) + " " + id(t) + " " + Fmt.side(t.side()) + " " + market(v) + " "
                + shortFill(t, v) + " " + Fmt.dollars(v.amount()) + " fee " + Fmt.dollars(v.fee()) + " · "
                + Fmt.percent(v.confidence()) + " · " + sources(v.sources());
        return new Outgoing.Text(b.toString(), null, new Outgoing.Batchable(TRADES, "new trades", line));
    }

    /** A settled trade, every value as the trade view (docs/trades.md) holds it. */
    static Outgoing.Text tradeSettled(PortfolioEvent.TradeSettled e) {
        Trade t = e.trade();
        TradeView v = TradeView.of(t);
        PortfolioSnapshot s = e.snapshot();
        boolean won = t.isWin();
        String verdict = won ? "WON" : (t.pnl() != null && t.pnl().isZero() ? "EVEN" : "LOST");
        String icon = won ? "✅" : "❌";
        String outcome = v.outcome() == null ? "n/a" : v.outcome();
        StringBuilder b = new StringBuilder();
        b.append(icon).append(" <b>").append(verdict).append(' ').append(Fmt.signedDollars(v.pnl())).append("</b> ")
                .append(id(t)).append(" · ").append(market(v)).append('\n');
        b.append("Outcome ").append(outcome).append(" · held ").append(Fmt.side(t.side())).append(' ')
                .append(shortFill(t, v)).append('\n');
        b.append("Payout ").append(Fmt.dollars(v.payout())).append(" · cost ").append(Fmt.dollars(v.cost()))
                .append(" · P&amp;L ").append(Fmt.signedDollars(v.pnl())).append('\n');
        b.append("Balance ").append(Fmt.usd(s.balance())).append(" · Win rate ").append(Fmt.pct(s.winRate()))
                .append(" (").append(s.wins()).append("W/").append(s.losses()).append("L)");
        String line = icon + " " + id(t) + " " + verdict + " " + market(v) + " outcome " + outcome + " payout "
                + Fmt.dollars(v.payout()) + " P&amp;L " + Fmt.signedDollars(v.pnl());
        return new Outgoing.Text(b.toString(), null, new Outgoing.Batchable(SETTLEMENTS, "settled trades", line));
    }

    static Outgoing.Text breakerTripped(PortfolioEvent.BreakerTripped e) {
        PortfolioSnapshot s = e.snapshot();
        String b = "🛑 <b>Circuit breaker tripped</b>\n"
                + "Reason: " + Html.escape(e.reason()) + '\n'
                + "Balance " + Fmt.usd(s.balance()) + " · Peak " + Fmt.usd(s.peak()) + " · Drawdown "
                + Fmt.pct(s.drawdown()) + '\n'
                + "Today P&amp;L " + Fmt.signed(s.todayPnl()) + " (losses " + Fmt.usd(s.todayLoss()) + ")\n"
                + "No new trades until /resume (asks for confirmation) · " + Fmt.time(s.at());
        return Outgoing.Text.of(b);
    }

    static Outgoing.Text tradingStateChanged(PortfolioEvent.TradingStateChanged e) {
        ControlState c = e.control();
        StringBuilder b = new StringBuilder();
        if (c.state() == TradingState.RUNNING) {
            b.append("▶️ <b>Trading resumed</b> by ").append(Html.escape(e.by()));
            if (e.previous() != null && e.previous() != TradingState.RUNNING) {
                b.append(" (was ").append(e.previous().name()).append(')');
            }
        } else {
            b.append("⏸ <b>Trading stopped</b> by ").append(Html.escape(e.by()));
            if (!c.reason().isBlank()) {
                b.append(": ").append(Html.escape(c.reason()));
            }
        }
        b.append('\n').append("Balance ").append(Fmt.usd(e.snapshot().balance())).append(" · ")
                .append(Fmt.time(c.since() != null ? c.since() : e.snapshot().at()));
        return Outgoing.Text.of(b.toString());
    }

    static Outgoing.Text toppedUp(PortfolioEvent.ToppedUp e) {
        return Outgoing.Text.of("💵 <b>Top-up</b> " + Fmt.usd(e.amount()) + " by " + Html.escape(e.by()) + '\n'
                + "Balance " + Fmt.usd(e.snapshot().balance()) + " · " + Fmt.time(e.snapshot().at()));
    }

    /** The day's trades, win rate, P&amp;L and balance, for the KST day that just ended. */
    static Outgoing.Text dayClosed(PortfolioEvent.DayClosed e) {
        PortfolioSnapshot s = e.snapshot();
        StringBuilder b = new StringBuilder();
        b.append("📅 <b>Daily summary</b> ").append(Fmt.date(e.day())).append(" (KST)\n");
        b.append("Trades ").append(e.trades()).append(" · Won ").append(e.wins()).append(" · Lost ")
                .append(e.losses()).append(" · Win rate ").append(Fmt.pct(e.winRate())).append('\n');
        b.append("P&amp;L ").append(Fmt.signed(e.pnl())).append(" · Fees ").append(Fmt.usd(e.fees())).append('\n');
        b.append("Balance ").append(Fmt.usd(e.balance()));
        if (s != null) {
            b.append(" · Equity ").append(Fmt.usd(s.equity())).append(" · Open ").append(s.openPositions())
                    .append('\n');
            b.append("All-time P&amp;L ").append(Fmt.signed(s.realizedPnl())).append(" · Trading: ")
                    .append(control(s.control()));
        }
        return Outgoing.Text.of(b.toString());
    }

    static String control(ControlState c) {
        if (c == null) {
            return "n/a";
        }
        String base = switch (c.state()) {
            case RUNNING -> "RUNNING";
            case STOPPED -> "STOPPED";
            case BREAKER -> "BREAKER TRIPPED";
        };
        if (c.state() != TradingState.RUNNING && !c.reason().isBlank()) {
            base += " (" + Html.escape(c.reason()) + ")";
        }
        return base;
    }

    private static String icon(Direction side) {
        return switch (side) {
            case BUY_UP -> "🟢";
            case BUY_DOWN -> "🔴";
            case ARB -> "⚖️";
            case SKIP -> "·";
        };
    }

    private static String id(Trade t) {
        return t.id() > 0 ? "#" + t.id() : "#new";
    }

    private static String fill(Trade t, TradeView v) {
        if (t.isArbitrage()) {
            return "Up " + Fmt.value(v.price()) + " × " + Fmt.value(v.shares()) + " + Down "
                    + Fmt.value(v.altPrice()) + " × " + Fmt.value(v.altShares());
        }
        return "Price " + Fmt.value(v.price()) + " · Shares " + Fmt.value(v.shares());
    }

    static String shortFill(Trade t, TradeView v) {
        if (t.isArbitrage()) {
            return "@" + Fmt.value(v.price()) + "/" + Fmt.value(v.altPrice());
        }
        return "@" + Fmt.value(v.price());
    }

    static String sources(List<String> sources) {
        if (sources == null || sources.isEmpty()) {
            return "n/a";
        }
        return Html.escape(String.join(", ", sources));
    }
}
