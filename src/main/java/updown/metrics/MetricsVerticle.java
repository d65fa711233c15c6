package updown.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.domain.MarketEvent;
import updown.domain.PortfolioEvent;
import updown.domain.PortfolioSnapshot;
import updown.domain.TraderTicked;

/**
 * Serves {@code GET /metrics} (Prometheus text) on its own host and port, and turns the events already on the bus
 * into UpDown's meters ({@link UpDownMeters}): ticks and their duration, trades, fills, fees, balance and equity,
 * feed health. It only listens: deploying it or not changes nothing the bot does.
 */
public final class MetricsVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsVerticle.class);

    private final BotConfig.Metrics config;
    private final PrometheusMeterRegistry registry;
    private final UpDownMeters meters;
    private HttpServer server;

    public MetricsVerticle(BotConfig.Metrics config, PrometheusMeterRegistry registry, UpDownMeters meters) {
        this.config = config;
        this.registry = registry;
        this.meters = meters;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<TraderTicked>localConsumer(Addresses.TRADER_TICKED, m -> meters.ticked(m.body()));
        bus.<PortfolioEvent.TradeExecuted>localConsumer(Addresses.TRADE_EXECUTED,
                m -> meters.executed(m.body().trade(), m.body().snapshot()));
        bus.<PortfolioEvent.TradeSettled>localConsumer(Addresses.TRADE_SETTLED,
                m -> meters.settled(m.body().trade(), m.body().snapshot()));
        bus.<PortfolioSnapshot>localConsumer(Addresses.PORTFOLIO_SNAPSHOT, m -> meters.snapshot(m.body()));
        bus.<Object>localConsumer(Addresses.MARKET_EVENTS, m -> {
            if (m.body() instanceof MarketEvent.FeedHealth health) {
                meters.feedHealth(health);
            }
        });
        Router router = Router.router(vertx);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        return vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host())
                .onSuccess(s -> {
                    server = s;
                    LOG.info("metrics on http://{}:{}/metrics", config.host(), s.actualPort());
                });
    }

    /** The bound port (useful with METRICS_PORT=0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
