package updown.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.chart.EquityChart;
import updown.config.TradingMode;
import updown.time.BotClock;

/** The read-only REST API: status, trades, open positions, markets, equity and the equity chart image. */
final class ReadApi {
    private static final Logger LOG = LoggerFactory.getLogger(ReadApi.class);
    static final String CHART_TITLE = "UpDown balance";
    private static final String PORTFOLIO = "the portfolio";

    private final Vertx vertx;
    private final TradingMode mode;
    private final BotClock clock;
    private final long maxAgeMs;
    private final BotQueries queries;
    private final LastTick ticks;
    private final LastWallet wallet;
    private final boolean commandsEnabled;

    ReadApi(Vertx vertx, TradingMode mode, BotClock clock, long maxAgeMs, BotQueries queries, LastTick ticks,
            LastWallet wallet, CommandAuth auth) {
        this.vertx = vertx;
        this.mode = mode;
        this.clock = clock;
        this.maxAgeMs = maxAgeMs;
        this.queries = queries;
        this.ticks = ticks;
        this.wallet = wallet;
        this.commandsEnabled = auth.enabled();
    }

    void mount(Router router) {
        router.get("/api/status").handler(this::status);
        router.get("/api/trades").handler(this::trades);
        router.get("/api/positions").handler(this::positions);
        router.get("/api/markets").handler(this::markets);
        router.get("/api/pnl-by-market").handler(this::pnlByMarket);
        router.get("/api/equity").handler(this::equity);
        router.get("/api/chart.png").handler(this::chart);
    }

    private void status(RoutingContext ctx) {
        queries.snapshot()
                .onSuccess(s -> ctx.json(DashboardJson.status(mode, commandsEnabled, s, ticks.get(), wallet.get(),
                        clock.instant(), maxAgeMs)))
                .onFailure(e -> HttpErrors.busFailure(ctx, PORTFOLIO, e));
    }

    private void trades(RoutingContext ctx) {
        Params.Page page;
        try {
            page = Params.page(ctx.queryParams());
        } catch (Params.BadInput e) {
            HttpErrors.send(ctx, 400, e.getMessage());
            return;
        }
        queries.trades(page.limit(), page.offset())
                .onSuccess(p -> ctx.json(new JsonObject()
                        .put("total", p.total())
                        .put("limit", page.limit())
                        .put("offset", page.offset())
                        .put("trades", DashboardJson.trades(p.trades()))))
                .onFailure(e -> HttpErrors.busFailure(ctx, PORTFOLIO, e));
    }

    private void positions(RoutingContext ctx) {
        queries.openTrades()
                .onSuccess(o -> ctx.json(new JsonObject()
                        .put("count", o.trades().size())
                        .put("trades", DashboardJson.trades(o.trades()))))
                .onFailure(e -> HttpErrors.busFailure(ctx, PORTFOLIO, e));
    }

    private void markets(RoutingContext ctx) {
        queries.markets()
                .onSuccess(v -> ctx.json(DashboardJson.markets(v, ticks.get(), clock.instant(), maxAgeMs)))
                .onFailure(e -> HttpErrors.busFailure(ctx, "the trader", e));
    }

    private void pnlByMarket(RoutingContext ctx) {
        queries.marketPnl()
                .onSuccess(p -> ctx.json(DashboardJson.marketPnl(p.markets())))
                .onFailure(e -> HttpErrors.busFailure(ctx, PORTFOLIO, e));
    }

    private void equity(RoutingContext ctx) {
        queries.equity()
                .onSuccess(c -> ctx.json(DashboardJson.equity(c.points())))
                .onFailure(e -> HttpErrors.busFailure(ctx, PORTFOLIO, e));
    }

    /** Image encoding blocks, so it runs on a worker; requests may render in parallel (unordered). */
    private void chart(RoutingContext ctx) {
        queries.equity()
                .compose(c -> vertx.executeBlocking(() -> EquityChart.png(CHART_TITLE, c.points()), false))
                .onSuccess(png -> ctx.response()
                        .putHeader("Content-Type", "image/png")
                        .putHeader("Cache-Control", "no-store")
                        .end(Buffer.buffer(png)))
                .onFailure(e -> {
                    if (e instanceof ReplyException || e instanceof BotQueries.UnexpectedReply) {
                        HttpErrors.busFailure(ctx, PORTFOLIO, e);
                    } else {
                        LOG.warn("dashboard: the equity chart could not be drawn: {}", String.valueOf(e));
                        HttpErrors.send(ctx, 500, "the equity chart could not be drawn");
                    }
                });
    }
}
