package updown.web;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import updown.bus.Addresses;
import updown.domain.MarketsQuery;
import updown.domain.MarketsView;
import updown.domain.PortfolioCommand;
import updown.domain.PortfolioCommand.EquityCurve;
import updown.domain.PortfolioCommand.OpenTrades;
import updown.domain.PortfolioCommand.TradePage;
import updown.domain.PortfolioSnapshot;
import updown.domain.ResultCode;
import updown.domain.Usd;

/**
 * The dashboard's typed view of the portfolio and the trader: one request/reply per question, each reply checked
 * for its record type. Failures keep the bus's {@code ReplyException} so callers can read the {@link ResultCode}.
 */
final class BotQueries {
    /** Who the portfolio records as the author of a command from this page. */
    static final String BY = "dashboard";
    /**
     * Real milliseconds to wait for an answer. A browser waits on it, so it is short; it is a network-style timeout,
     * not simulated time, so the bot's clock does not scale it.
     */
    static final long REPLY_TIMEOUT_MS = 5_000;

    private final EventBus bus;
    private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(REPLY_TIMEOUT_MS);

    BotQueries(EventBus bus) {
        this.bus = bus;
    }

    Future<PortfolioSnapshot> snapshot() {
        return request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetSnapshot(), PortfolioSnapshot.class);
    }

    Future<TradePage> trades(int limit, int offset) {
        return request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.ListTrades(limit, offset), TradePage.class);
    }

    Future<OpenTrades> openTrades() {
        return request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetOpenTrades(), OpenTrades.class);
    }

    Future<PortfolioCommand.MarketPnls> marketPnl() {
        return request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetMarketPnl(),
                PortfolioCommand.MarketPnls.class);
    }

    Future<EquityCurve> equity() {
        return request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.GetEquity(), EquityCurve.class);
    }

    /** Succeeds only when the portfolio answered OK after a round trip to its repository. */
    Future<Void> checkStorage() {
        return bus.request(Addresses.PORTFOLIO_QUERY, new PortfolioCommand.CheckStorage(), options)
                .compose(m -> m.body() instanceof ResultCode code && code != ResultCode.OK
                        ? Future.<Void>failedFuture(new IllegalStateException("storage check answered " + code))
                        : Future.<Void>succeededFuture());
    }

    Future<MarketsView> markets() {
        return request(Addresses.TRADER_MARKETS, new MarketsQuery(), MarketsView.class);
    }

    Future<PortfolioSnapshot> stop(String reason) {
        return request(Addresses.PORTFOLIO_STOP, new PortfolioCommand.StopTrading(BY, reason),
                PortfolioSnapshot.class);
    }

    Future<PortfolioSnapshot> resume() {
        return request(Addresses.PORTFOLIO_RESUME, new PortfolioCommand.ResumeTrading(BY), PortfolioSnapshot.class);
    }

    Future<PortfolioSnapshot> topUp(Usd amount) {
        return request(Addresses.PORTFOLIO_TOPUP, new PortfolioCommand.TopUp(amount, BY), PortfolioSnapshot.class);
    }

    private <T> Future<T> request(String address, Object body, Class<T> type) {
        return bus.request(address, body, options).compose(m -> type.isInstance(m.body())
                ? Future.succeededFuture(type.cast(m.body()))
                : Future.failedFuture(new UnexpectedReply(address, type, m.body())));
    }

    /** A component answered with something other than the record its contract names. */
    static final class UnexpectedReply extends RuntimeException {
        UnexpectedReply(String address, Class<?> expected, Object actual) {
            super(address + " answered " + (actual == null ? "null" : actual.getClass().getSimpleName())
                    + " instead of " + expected.getSimpleName());
        }
    }
}
