package updown.notify;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import updown.bus.Addresses;
import updown.bus.Replies;
import updown.domain.ControlState;
import updown.domain.DailySnapshot;
import updown.domain.Direction;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.Trade;
import updown.domain.TradingState;
import updown.domain.Usd;
import updown.time.BotClock;

/**
 * Stands in for the lead's PortfolioVerticle: answers the existing request records on the existing addresses,
 * records every command it receives, and publishes the events a real portfolio would after a change.
 */
final class FakePortfolio extends VerticleBase {
    private final BotClock clock;
    private final List<PortfolioCommand> received = new ArrayList<>();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private volatile Usd balance = Usd.of("1000");
    private volatile ControlState control;

    FakePortfolio(BotClock clock) {
        this.clock = clock;
        this.control = ControlState.running(clock.instant());
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        consumers.add(bus.<PortfolioCommand>consumer(Addresses.PORTFOLIO_QUERY, this::query));
        consumers.add(bus.<PortfolioCommand>consumer(Addresses.PORTFOLIO_STOP, m -> control(m, TradingState.STOPPED)));
        consumers.add(bus.<PortfolioCommand>consumer(Addresses.PORTFOLIO_RESUME, m -> control(m, TradingState.RUNNING)));
        consumers.add(bus.<PortfolioCommand>consumer(Addresses.PORTFOLIO_TOPUP, this::topUp));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    synchronized List<PortfolioCommand> received() {
        return List.copyOf(received);
    }

    synchronized <T extends PortfolioCommand> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private synchronized void note(PortfolioCommand c) {
        received.add(c);
    }

    void setControl(ControlState c) {
        control = c;
    }

    PortfolioSnapshot snapshot() {
        Instant now = clock.instant();
        return new PortfolioSnapshot(balance, Usd.of("1000"), Usd.of("12.30"), Usd.of("1.20"), Usd.ZERO, 11, 9, 1,
                Usd.of("10.17"), updown.domain.Kst.dayOf(now), Usd.of("3.50"), Usd.of("6.00"), 4, control, now);
    }

    private void query(Message<PortfolioCommand> m) {
        note(m.body());
        PortfolioCommand c = m.body();
        if (c instanceof PortfolioCommand.GetSnapshot) {
            m.reply(snapshot());
        } else if (c instanceof PortfolioCommand.ListTrades l) {
            List<Trade> trades = new ArrayList<>();
            for (int i = 0; i < Math.min(l.limit(), 60); i++) {
                trades.add(Samples.openTrade(60 - i, "btc-updown-5m-1778584200", Direction.BUY_UP,
                        List.of("directional", "obi")));
            }
            m.reply(new PortfolioCommand.TradePage(trades, 60));
        } else if (c instanceof PortfolioCommand.GetEquity) {
            List<PortfolioCommand.EquityPoint> points = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                points.add(new PortfolioCommand.EquityPoint(Samples.T0.plusSeconds(300L * i),
                        Usd.of("1000").plus(Usd.ofCents((i % 7) * 150L - 300))));
            }
            m.reply(new PortfolioCommand.EquityCurve(points));
        } else if (c instanceof PortfolioCommand.GetDailySnapshots) {
            m.reply(new PortfolioCommand.DailySnapshots(List.of(new DailySnapshot(Samples.today().minusDays(1),
                    Usd.of("995"), Usd.of("995"), Usd.of("-5"), Usd.of("0.5"), 3, 1, 2, Samples.T0))));
        } else if (c instanceof PortfolioCommand.GetMarketPnl) {
            m.reply(new PortfolioCommand.MarketPnls(List.of(
                    new updown.domain.MarketPnl("btc-5m", 7, 1, 4, 2, Usd.of("4.10"), Usd.of("0.70"), Usd.of("10.10")),
                    new updown.domain.MarketPnl("eth-15m", 4, 0, 1, 3, Usd.of("-2.00"), Usd.of("0.40"), Usd.ZERO))));
        } else {
            Replies.fail(m, ResultCode.INVALID_INPUT, "unexpected query");
        }
    }

    private void control(Message<PortfolioCommand> m, TradingState target) {
        note(m.body());
        TradingState previous = control.state();
        if (previous == target) {
            Replies.fail(m, target == TradingState.RUNNING ? ResultCode.ALREADY_RUNNING : ResultCode.ALREADY_STOPPED,
                    "no change");
            return;
        }
        String by = m.body() instanceof PortfolioCommand.StopTrading s ? s.by()
                : ((PortfolioCommand.ResumeTrading) m.body()).by();
        control = target == TradingState.RUNNING ? ControlState.running(clock.instant())
                : new ControlState(TradingState.STOPPED, "manual stop", clock.instant());
        PortfolioSnapshot s = snapshot();
        m.reply(s);
        vertx.eventBus().publish(Addresses.TRADING_STATE_CHANGED,
                new PortfolioEvent.TradingStateChanged(control, previous, by, s));
    }

    private void topUp(Message<PortfolioCommand> m) {
        note(m.body());
        PortfolioCommand.TopUp t = (PortfolioCommand.TopUp) m.body();
        balance = balance.plus(t.amount());
        PortfolioSnapshot s = snapshot();
        m.reply(s);
        vertx.eventBus().publish(Addresses.PORTFOLIO_TOPPED_UP, new PortfolioEvent.ToppedUp(t.amount(), t.by(), s));
    }
}
