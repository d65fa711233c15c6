package updown.app;

import io.vertx.core.Future;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.engine.Engine;
import updown.engine.live.LiveWalletVerticle;
import updown.engine.live.WalletSource;
import updown.fleet.FleetVerticle;
import updown.market.MarketDataVerticle;
import updown.notify.NotifierVerticle;
import updown.portfolio.PortfolioVerticle;
import updown.record.RecorderVerticle;
import updown.repository.Repository;
import updown.strategy.Decider;
import updown.strategy.TraderVerticle;
import updown.time.BotClock;
import updown.web.DashboardVerticle;

/**
 * The whole bot on one Vert.x instance: verticles deployed in order, each after the previous one is ready, and
 * undeployed in reverse. The same assembly serves {@code run} (live market data) and {@code simulate} (the same
 * clients pointed at the loopback SimExchange); only settings differ.
 */
public final class Bot {
    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);

    private final Vertx vertx;
    private final List<String> deployments = new ArrayList<>();
    private TraderVerticle trader;
    private DashboardVerticle dashboard;

    private Bot(Vertx vertx) {
        this.vertx = vertx;
    }

    /** What the bot is made of; the engine and repository are the swappable layers. */
    public record Parts(BotConfig config, BotClock clock, Repository repository, Engine engine) {
    }

    /**
     * Deploys the portfolio (ledger restored), the recorder (unless RECORD_ENABLED=false), market data, the trader,
     * then the notifier and the dashboard; with a live engine also the wallet watcher and the user channel.
     */
    public static Future<Bot> start(Vertx vertx, Parts parts) {
        LocalRecordCodec.register(vertx.eventBus());
        Bot bot = new Bot(vertx);
        BotConfig config = parts.config();
        boolean record = config.recorder().enabled();
        bot.trader = new TraderVerticle(config, parts.clock(), parts.engine(), Decider.fromConfig(config),
                TraderVerticle.Ticking.TIMER, record ? TraderVerticle.Hooks.RECORDING : TraderVerticle.Hooks.DEFAULT);
        return bot.deploy(new PortfolioVerticle(config, parts.clock(), parts.repository(),
                        PortfolioVerticle.Admission.of(config.mode())))
                .compose(v -> record ? bot.deploy(new RecorderVerticle(config, parts.clock()))
                        : Future.<Void>succeededFuture())
                // the trader listens before market data starts publishing: nothing discovered is missed
                .compose(v -> bot.deploy(bot.trader))
                .compose(v -> bot.deploy(new MarketDataVerticle(config, parts.clock())))
                // --cluster: this node's seat in the fleet (its status and trades out, fleet commands in)
                .compose(v -> config.cluster().enabled()
                        ? bot.deploy(new FleetVerticle(config, java.time.Clock.systemUTC()))
                        : Future.<Void>succeededFuture())
                .compose(v -> bot.deploy(new NotifierVerticle(config, parts.clock())))
                .compose(v -> {
                    bot.dashboard = new DashboardVerticle(config, parts.clock());
                    // a view, not a reason to stop trading: a taken port is one clear line, and the bot goes on
                    return bot.deploy(bot.dashboard).recover(err -> {
                        LOG.error("dashboard not started on {}:{}: {}; trading goes on without it",
                                config.dashboard().host(), config.dashboard().port(), err.getMessage());
                        bot.dashboard = null;
                        return Future.succeededFuture();
                    });
                })
                .compose(v -> parts.engine() instanceof WalletSource wallet
                        ? bot.deploy(new LiveWalletVerticle(wallet, parts.clock(), config.live().balanceCheckMs()))
                        : Future.<Void>succeededFuture())
                // live fills are provisional until the venue confirms them on chain (FAILED → reversed)
                .compose(v -> parts.engine() instanceof updown.engine.live.LiveEngine live
                        ? bot.deploy(new updown.engine.live.LiveUserChannelVerticle(live, config, parts.clock(),
                                new java.util.Random()))
                        : Future.<Void>succeededFuture())
                // winnings and ARB pairs back to pUSD (LIVE_MAX_REDEEM_USD=0 turns it off)
                .compose(v -> parts.engine() instanceof updown.engine.live.LiveEngine live
                        && config.live().maxRedeemUsd().isPositive()
                        ? bot.deploy(new updown.engine.live.LiveRedeemVerticle(updown.engine.live.Redeemer.forLive(
                                vertx, config, parts.clock(), live.funderAddress(), live.chainSubmitter(config),
                                new updown.engine.live.BusChainLedger(vertx.eventBus()), live.tradedProtocolV2()),
                                parts.clock(), config.live().balanceCheckMs()))
                        : Future.<Void>succeededFuture())
                .map(v -> {
                    LOG.info("UpDown started in {} mode with the {} engine", config.mode(), parts.engine().name());
                    // the first tick now, not a tick interval later: the health file appears, and the open trades'
                    // markets are looked up (market data is listening by now) as soon as the bot is up. Through the
                    // bus, so it runs on the trader's own context; refused harmlessly if the timer's tick got there first
                    vertx.eventBus().request(Addresses.TRADER_TICK, "tick");
                    return bot;
                })
                .recover(err -> bot.stop().transform(ignored -> Future.failedFuture(err)));
    }

    private Future<Void> deploy(Deployable verticle) {
        return vertx.deployVerticle(verticle).map(id -> {
            deployments.add(id);
            return null;
        });
    }

    public TraderVerticle trader() {
        return trader;
    }

    /** The dashboard's bound port (-1 when disabled). */
    public int dashboardPort() {
        return dashboard == null ? -1 : dashboard.actualPort();
    }

    /** Undeploys in reverse order: the trader stops ticking and finishes its tick before the portfolio goes. */
    public Future<Void> stop() {
        Future<Void> chain = Future.succeededFuture();
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            chain = chain.compose(v -> vertx.undeploy(id).recover(err -> {
                LOG.warn("undeploy failed: {}", err.toString());
                return Future.succeededFuture();
            }));
        }
        return chain.onComplete(ar -> deployments.clear());
    }
}
