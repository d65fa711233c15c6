package updown.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.bus.Replies;
import updown.domain.ControlState;
import updown.domain.Kst;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioCommand.EquityPoint;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.Resolution;
import updown.domain.ResultCode;
import updown.domain.Settlement;
import updown.domain.Trade;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.time.BotClock;

/**
 * A small portfolio that answers the dashboard's queries and commands with the real records, keeps a real ledger
 * of its own (balance = deposit + top-ups − costs + payouts), really changes its trading switch on stop and resume,
 * and publishes the same events the real PortfolioVerticle does. State is guarded by this object's lock because
 * tests drive it from their own thread while the bus reads it from an event loop.
 */
final class FakePortfolio extends VerticleBase {
    private final BotClock clock;
    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private final List<EquityPoint> equity = new ArrayList<>();
    private Usd balance;
    private Usd peak;
    private Usd realized = Usd.ZERO;
    private Usd fees = Usd.ZERO;
    private Usd topups = Usd.ZERO;
    private int wins;
    private int losses;
    private ControlState control;
    private boolean storageFails;

    FakePortfolio(BotClock clock, Usd initialBalance) {
        this.clock = clock;
        this.balance = initialBalance;
        this.peak = initialBalance;
        this.control = ControlState.running(clock.instant());
        equity.add(new EquityPoint(clock.instant(), initialBalance));
    }

    @Override
    public Future<?> start() {
        LocalRecordCodec.register(vertx.eventBus());
        List<MessageConsumer<Object>> consumers = List.of(
                vertx.eventBus().consumer(Addresses.PORTFOLIO_QUERY, this::onQuery),
                vertx.eventBus().consumer(Addresses.PORTFOLIO_STOP, this::onStop),
                vertx.eventBus().consumer(Addresses.PORTFOLIO_RESUME, this::onResume),
                vertx.eventBus().consumer(Addresses.PORTFOLIO_TOPUP, this::onTopUp));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    // ---- what tests read ----

    /** Every body received on the command addresses (queries excluded), in order. */
    List<Object> commands() {
        return List.copyOf(received);
    }

    synchronized TradingState tradingState() {
        return control.state();
    }

    synchronized PortfolioSnapshot snapshot() {
        Instant now = clock.instant();
        int open = 0;
        Usd exposure = Usd.ZERO;
        for (Trade t : trades) {
            if (t.isOpen()) {
                open++;
                exposure = exposure.plus(t.totalCost());
            }
        }
        return new PortfolioSnapshot(balance, peak, realized, fees, topups, wins, losses, open, exposure,
                Kst.dayOf(now), realized, Usd.ZERO, trades.size(), control, now);
    }

    // ---- what tests do ----

    synchronized void failStorage(boolean fails) {
        storageFails = fails;
    }

    /** Records an open trade as the portfolio would (debit amount + fee) and announces it. */
    Trade open(Trade trade) {
        Trade stored;
        PortfolioSnapshot after;
        synchronized (this) {
            stored = trade.withId(trades.size() + 1L);
            trades.add(0, stored);
            balance = balance.minus(stored.totalCost());
            fees = fees.plus(stored.fee());
            // like the real portfolio: an opening moves cash into a position, equity is unchanged, no point
            after = snapshot();
        }
        vertx.eventBus().publish(Addresses.TRADE_EXECUTED, new PortfolioEvent.TradeExecuted(stored, after));
        return stored;
    }

    /** Settles an open trade against a known winner and announces it. */
    Trade settle(long id, Resolution winner) {
        Trade settled;
        PortfolioSnapshot after;
        synchronized (this) {
            int i = indexOf(id);
            Trade t = trades.get(i);
            Usd payout = Settlement.payout(t, winner);
            settled = t.settled(winner, payout, clock.instant());
            trades.set(i, settled);
            balance = balance.plus(payout);
            peak = Usd.max(peak, balance);
            realized = realized.plus(settled.pnl());
            if (settled.isWin()) {
                wins++;
            } else {
                losses++;
            }
            equity.add(new EquityPoint(clock.instant(), equityNow()));
            after = snapshot();
        }
        vertx.eventBus().publish(Addresses.TRADE_SETTLED, new PortfolioEvent.TradeSettled(settled, after));
        return settled;
    }

    /** Cash plus open positions at cost, as {@code PortfolioVerticle.equityCurve} plots it. */
    private Usd equityNow() {
        Usd e = balance;
        for (Trade t : trades) {
            if (t.isOpen()) {
                e = e.plus(t.totalCost());
            }
        }
        return e;
    }

    private int indexOf(long id) {
        for (int i = 0; i < trades.size(); i++) {
            if (trades.get(i).id() == id) {
                return i;
            }
        }
        throw new IllegalArgumentException("no trade " + id);
    }

    // ---- the bus side ----

    private void onQuery(Message<Object> m) {
        Object body = m.body();
        if (body instanceof PortfolioCommand.GetSnapshot) {
            m.reply(snapshot());
        } else if (body instanceof PortfolioCommand.ListTrades q) {
            m.reply(page(q.limit(), q.offset()));
        } else if (body instanceof PortfolioCommand.GetOpenTrades) {
            m.reply(openTrades());
        } else if (body instanceof PortfolioCommand.GetEquity) {
            m.reply(curve());
        } else if (body instanceof PortfolioCommand.GetMarketPnl) {
            synchronized (this) {
                m.reply(new PortfolioCommand.MarketPnls(List.copyOf(updown.domain.MarketPnl.of(trades).values())));
            }
        } else if (body instanceof PortfolioCommand.CheckStorage) {
            if (storageFailing()) {
                Replies.fail(m, ResultCode.STORAGE_FAILED, "database is locked");
            } else {
                m.reply(ResultCode.OK);
            }
        } else {
            Replies.fail(m, ResultCode.INVALID_INPUT, "unknown query");
        }
    }

    private synchronized boolean storageFailing() {
        return storageFails;
    }

    private synchronized PortfolioCommand.TradePage page(int limit, int offset) {
        int from = Math.min(offset, trades.size());
        int to = Math.min(trades.size(), from + limit);
        return new PortfolioCommand.TradePage(new ArrayList<>(trades.subList(from, to)), trades.size());
    }

    private synchronized PortfolioCommand.OpenTrades openTrades() {
        return new PortfolioCommand.OpenTrades(trades.stream().filter(Trade::isOpen).toList());
    }

    private synchronized PortfolioCommand.EquityCurve curve() {
        return new PortfolioCommand.EquityCurve(equity);
    }

    private void onStop(Message<Object> m) {
        received.add(m.body());
        if (!(m.body() instanceof PortfolioCommand.StopTrading stop)) {
            Replies.fail(m, ResultCode.INVALID_INPUT, "not a StopTrading");
            return;
        }
        changeState(m, TradingState.STOPPED, stop.reason(), stop.by(), ResultCode.ALREADY_STOPPED);
    }

    private void onResume(Message<Object> m) {
        received.add(m.body());
        if (!(m.body() instanceof PortfolioCommand.ResumeTrading resume)) {
            Replies.fail(m, ResultCode.INVALID_INPUT, "not a ResumeTrading");
            return;
        }
        changeState(m, TradingState.RUNNING, "", resume.by(), ResultCode.ALREADY_RUNNING);
    }

    private void changeState(Message<Object> m, TradingState to, String reason, String by, ResultCode already) {
        TradingState previous;
        PortfolioSnapshot after;
        synchronized (this) {
            previous = control.state();
            if (previous == to) {
                Replies.fail(m, already, "trading is already " + to.name().toLowerCase(java.util.Locale.ROOT));
                return;
            }
            control = new ControlState(to, reason, clock.instant());
            after = snapshot();
        }
        vertx.eventBus().publish(Addresses.TRADING_STATE_CHANGED,
                new PortfolioEvent.TradingStateChanged(after.control(), previous, by, after));
        m.reply(after);
    }

    private void onTopUp(Message<Object> m) {
        received.add(m.body());
        if (!(m.body() instanceof PortfolioCommand.TopUp topUp) || !topUp.amount().isPositive()) {
            Replies.fail(m, ResultCode.INVALID_INPUT, "amount must be positive");
            return;
        }
        PortfolioSnapshot after;
        synchronized (this) {
            balance = balance.plus(topUp.amount());
            topups = topups.plus(topUp.amount());
            peak = Usd.max(peak, balance);
            equity.add(new EquityPoint(clock.instant(), equityNow()));
            after = snapshot();
        }
        vertx.eventBus().publish(Addresses.PORTFOLIO_TOPPED_UP,
                new PortfolioEvent.ToppedUp(topUp.amount(), topUp.by(), after));
        m.reply(after);
    }
}
