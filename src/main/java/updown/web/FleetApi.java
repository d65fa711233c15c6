package updown.web;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.config.BotConfig;
import updown.domain.Price;
import updown.domain.Usd;
import updown.fleet.FleetCommand;
import updown.fleet.FleetTrade;
import updown.fleet.FleetView;
import updown.fleet.NodeStatus;

/**
 * The fleet on this node's page ({@code --cluster}): {@code GET /api/fleet} lists every node this node hears (its
 * markets, balance, equity, trading state, last tick, alive or gone) and their latest trades; {@code POST
 * /api/fleet/stop} and {@code /api/fleet/resume} (token-guarded like the other commands) stop or resume every node.
 * Without a cluster, the list says {@code "clustered": false} and the commands answer 409.
 */
final class FleetApi {
    private static final Logger LOG = LoggerFactory.getLogger(FleetApi.class);
    static final String DEFAULT_STOP_REASON = "fleet stopped from the dashboard";
    private static final String FLEET = "the fleet";

    private final EventBus bus;
    private final CommandAuth auth;
    private final BotConfig.Cluster cluster;
    private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(BotQueries.REPLY_TIMEOUT_MS);

    FleetApi(EventBus bus, CommandAuth auth, BotConfig.Cluster cluster) {
        this.bus = bus;
        this.auth = auth;
        this.cluster = cluster;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(CommandApi.BODY_LIMIT);
        router.get("/api/fleet").handler(this::list);
        router.post("/api/fleet/stop").handler(body).handler(auth).handler(ctx -> command(ctx,
                FleetCommand.Action.STOP));
        router.post("/api/fleet/resume").handler(body).handler(auth).handler(ctx -> command(ctx,
                FleetCommand.Action.RESUME));
    }

    private void list(RoutingContext ctx) {
        if (!cluster.enabled()) {
            ctx.json(new JsonObject().put("clustered", false).put("nodes", new JsonArray())
                    .put("trades", new JsonArray()));
            return;
        }
        bus.request(Addresses.FLEET_QUERY, "fleet", options)
                .onSuccess(m -> {
                    if (m.body() instanceof FleetView view) {
                        ctx.json(json(view));
                    } else {
                        HttpErrors.busFailure(ctx, FLEET, new BotQueries.UnexpectedReply(Addresses.FLEET_QUERY,
                                FleetView.class, m.body()));
                    }
                })
                .onFailure(e -> HttpErrors.busFailure(ctx, FLEET, e));
    }

    private void command(RoutingContext ctx, FleetCommand.Action action) {
        if (!cluster.enabled()) {
            HttpErrors.send(ctx, 409, "this node is not in a cluster (run it with --cluster)");
            return;
        }
        String reason;
        try {
            reason = action == FleetCommand.Action.STOP
                    ? Params.reason(Params.body(ctx.body().buffer()), DEFAULT_STOP_REASON) : "";
        } catch (Params.BadInput e) {
            HttpErrors.send(ctx, 400, e.getMessage());
            return;
        }
        LOG.info("dashboard: fleet {} requested from {}", action, ctx.request().remoteAddress());
        bus.request(Addresses.FLEET_COMMAND, new FleetCommand(action, BotQueries.BY, reason), options)
                .onSuccess(m -> ctx.json(new JsonObject()
                        .put("ok", true)
                        .put("message", (action == FleetCommand.Action.STOP ? "stop" : "resume")
                                + " sent to every node")
                        .put("nodesAlive", m.body())))
                .onFailure(e -> HttpErrors.busFailure(ctx, FLEET, e));
    }

    static JsonObject json(FleetView view) {
        JsonArray nodes = new JsonArray();
        for (FleetView.Node n : view.nodes()) {
            NodeStatus s = n.status();
            nodes.add(new JsonObject()
                    .put("node", s.node())
                    .put("self", s.node().equals(view.self()))
                    .put("alive", n.alive())
                    .put("silentMs", n.silentMs())
                    .put("markets", new JsonArray(s.markets()))
                    .put("mode", s.mode().toLowerCase(Locale.ROOT))
                    .put("balance", Usd.ofMicros(s.balanceMicros()).format())
                    .put("equity", Usd.ofMicros(s.equityMicros()).format())
                    .put("trading", s.tradingState().toLowerCase(Locale.ROOT))
                    .put("reason", s.reason())
                    .put("openPositions", s.openPositions())
                    .put("settled", s.settled())
                    .put("lastTick", s.lastTickMs() > 0 ? Instant.ofEpochMilli(s.lastTickMs()).toString() : null));
        }
        JsonArray trades = new JsonArray();
        for (FleetTrade t : view.trades()) {
            trades.add(new JsonObject()
                    .put("node", t.node())
                    .put("event", t.event().toLowerCase(Locale.ROOT))
                    .put("id", t.tradeId())
                    .put("slug", t.slug())
                    .put("side", t.side().toLowerCase(Locale.ROOT))
                    .put("price", Price.ofMicros(t.priceMicros()).format())
                    .put("amount", Usd.ofMicros(t.amountMicros()).format())
                    .put("pnl", Usd.ofMicros(t.pnlMicros()).format())
                    .put("status", t.status().toLowerCase(Locale.ROOT))
                    .put("at", Instant.ofEpochMilli(t.atMs()).toString()));
        }
        return new JsonObject().put("clustered", true).put("self", view.self()).put("alive", view.alive())
                .put("nodes", nodes).put("trades", trades);
    }
}
