package updown.notify;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import updown.bus.Addresses;
import updown.bus.Replies;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioSnapshot;
import updown.domain.Usd;

/** The portfolio's request/reply addresses as typed futures. Failures carry a ResultCode (see {@link Replies}). */
final class PortfolioClient {
    private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(10_000);
    private final EventBus bus;

    PortfolioClient(EventBus bus) {
        this.bus = bus;
    }

    private <T> Future<T> ask(String address, PortfolioCommand command, Class<T> type) {
        return Replies.body(bus.<Object>request(address, command, OPTIONS), type);
    }

    Future<PortfolioSnapshot> snapshot() {
        return ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot(), PortfolioSnapshot.class);
    }

    Future<PortfolioCommand.TradePage> trades(int limit, int offset) {
        return ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.ListTrades(limit, offset),
                PortfolioCommand.TradePage.class);
    }

    Future<PortfolioCommand.MarketPnls> marketPnl() {
        return ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetMarketPnl(), PortfolioCommand.MarketPnls.class);
    }

    Future<PortfolioCommand.EquityCurve> equity() {
        return ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetEquity(), PortfolioCommand.EquityCurve.class);
    }

    Future<PortfolioCommand.DailySnapshots> dailySnapshots() {
        return ask(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetDailySnapshots(),
                PortfolioCommand.DailySnapshots.class);
    }

    Future<PortfolioSnapshot> stop(String by, String reason) {
        return ask(Addresses.PORTFOLIO_STOP, new PortfolioCommand.StopTrading(by, reason), PortfolioSnapshot.class);
    }

    Future<PortfolioSnapshot> resume(String by) {
        return ask(Addresses.PORTFOLIO_RESUME, new PortfolioCommand.ResumeTrading(by), PortfolioSnapshot.class);
    }

    Future<PortfolioSnapshot> topUp(Usd amount, String by) {
        return ask(Addresses.PORTFOLIO_TOPUP, new PortfolioCommand.TopUp(amount, by), PortfolioSnapshot.class);
    }
}
