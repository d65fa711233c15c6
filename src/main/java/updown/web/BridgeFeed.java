package updown.web;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.Trade;
import updown.domain.TraderTicked;
import updown.domain.WalletCheck;
import updown.time.BotClock;

/**
 * Turns the bot's records into the compact JSON the browser may see, on the {@code dashboard.*} addresses the
 * bridge lets out: every portfolio change becomes a {@code dashboard.snapshot}, every trade opened or settled a
 * {@code dashboard.trade}, every trader tick a fresh {@code dashboard.markets}, and (live) every wallet check a
 * {@code dashboard.wallet}. Records never cross the bridge.
 */
final class BridgeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeFeed.class);

    private final EventBus bus;
    private final BotQueries queries;
    private final LastTick ticks;
    private final LastWallet wallet;
    private final BotClock clock;
    private final long maxAgeMs;
    private boolean marketsInFlight;
    private boolean marketsFailing;

    BridgeFeed(EventBus bus, BotQueries queries, LastTick ticks, LastWallet wallet, BotClock clock, long maxAgeMs) {
        this.bus = bus;
        this.queries = queries;
        this.ticks = ticks;
        this.wallet = wallet;
        this.clock = clock;
        this.maxAgeMs = maxAgeMs;
    }

    /** Subscribes; the future completes when every consumer is registered. */
    Future<Void> start() {
        List<MessageConsumer<Object>> consumers = new ArrayList<>();
        consumers.add(bus.consumer(Addresses.TRADER_TICKED, this::onTick));
        consumers.add(bus.consumer(Addresses.PORTFOLIO_WALLET, this::onWallet));
        for (String address : List.of(Addresses.TRADE_EXECUTED, Addresses.TRADE_SETTLED, Addresses.PORTFOLIO_SNAPSHOT,
                Addresses.BREAKER_TRIPPED, Addresses.TRADING_STATE_CHANGED, Addresses.PORTFOLIO_TOPPED_UP,
                Addresses.PORTFOLIO_DAY_CLOSED)) {
            consumers.add(bus.consumer(address, this::onPortfolio));
        }
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    }

    private void onWallet(Message<Object> message) {
        if (!(message.body() instanceof WalletCheck check)) {
            LOG.warn("dashboard: ignored a {} on {}", typeOf(message.body()), message.address());
            return;
        }
        wallet.set(check);
        bus.publish(Addresses.DASHBOARD_WALLET, DashboardJson.wallet(check));
    }

    private void onTick(Message<Object> message) {
        if (!(message.body() instanceof TraderTicked tick)) {
            LOG.warn("dashboard: ignored a {} on {}", typeOf(message.body()), message.address());
            return;
        }
        ticks.offer(tick);
        publishMarkets();
    }

    /** One markets query at a time: a slow trader must not pile up requests tick after tick. */
    private void publishMarkets() {
        if (marketsInFlight) {
            return;
        }
        marketsInFlight = true;
        queries.markets().onComplete(ar -> {
            marketsInFlight = false;
            if (ar.succeeded()) {
                if (marketsFailing) {
                    LOG.info("dashboard: the trader answers the markets query again");
                    marketsFailing = false;
                }
                bus.publish(Addresses.DASHBOARD_MARKETS,
                        DashboardJson.markets(ar.result(), ticks.get(), clock.instant(), maxAgeMs));
            } else if (!marketsFailing) {
                // logged once per outage, not once per tick
                marketsFailing = true;
                LOG.warn("dashboard: the trader did not answer the markets query: {}", String.valueOf(ar.cause()));
            }
        });
    }

    private void onPortfolio(Message<Object> message) {
        Object body = message.body();
        PortfolioSnapshot snapshot;
        String event;
        if (body instanceof PortfolioEvent.TradeExecuted e) {
            bus.publish(Addresses.DASHBOARD_TRADE, tradeMessage("executed", e.trade()));
            snapshot = e.snapshot();
            event = "trade-executed";
        } else if (body instanceof PortfolioEvent.TradeSettled e) {
            bus.publish(Addresses.DASHBOARD_TRADE, tradeMessage("settled", e.trade()));
            snapshot = e.snapshot();
            event = "trade-settled";
        } else if (body instanceof PortfolioEvent e) {
            snapshot = e.snapshot();
            event = eventName(e);
        } else if (body instanceof PortfolioSnapshot s) {
            snapshot = s;
            event = "snapshot";
        } else {
            LOG.warn("dashboard: ignored a {} on {}", typeOf(body), message.address());
            return;
        }
        if (snapshot != null) {
            bus.publish(Addresses.DASHBOARD_SNAPSHOT,
                    new JsonObject().put("event", event).put("portfolio", DashboardJson.snapshot(snapshot)));
        }
    }

    private static JsonObject tradeMessage(String event, Trade trade) {
        return new JsonObject().put("event", event).put("trade", DashboardJson.trade(trade));
    }

    private static String eventName(PortfolioEvent e) {
        if (e instanceof PortfolioEvent.BreakerTripped) {
            return "breaker-tripped";
        }
        if (e instanceof PortfolioEvent.TradingStateChanged) {
            return "trading-state-changed";
        }
        if (e instanceof PortfolioEvent.ToppedUp) {
            return "topped-up";
        }
        if (e instanceof PortfolioEvent.DayClosed) {
            return "day-closed";
        }
        return "snapshot";
    }

    private static String typeOf(Object body) {
        return body == null ? "null body" : body.getClass().getSimpleName();
    }
}
