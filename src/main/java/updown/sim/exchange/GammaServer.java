package updown.sim.exchange;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import updown.synthetic.SimWindow;

/**
 * The Gamma API: market discovery and resolution flags. {@code /events} and {@code /markets} lists (by slug, id,
 * series and the list parameters), {@code /events/slug/{slug}}, {@code /markets/slug/{slug}}, {@code /events/{id}},
 * {@code /markets/{id}}.
 */
final class GammaServer {
    private final HttpVenue http;

    GammaServer(HttpVenue http) {
        this.http = http;
    }

    Future<HttpServer> listen(Vertx vertx) {
        Router r = Router.router(vertx);
        r.route().handler(http::faultFilter);
        r.get("/events").handler(ctx -> list(ctx, true));
        r.get("/markets").handler(ctx -> list(ctx, false));
        r.get("/events/slug/:slug").handler(ctx -> one(ctx, true,
                state().find(m -> m.windowBySlug(ctx.pathParam("slug")))));
        r.get("/markets/slug/:slug").handler(ctx -> one(ctx, false,
                state().find(m -> m.windowBySlug(ctx.pathParam("slug")))));
        r.get("/events/:id").handler(ctx -> one(ctx, true,
                state().find(m -> m.windowByEventId(ctx.pathParam("id")))));
        r.get("/markets/:id").handler(ctx -> one(ctx, false,
                state().find(m -> m.windowByMarketId(ctx.pathParam("id")))));
        r.route().last().handler(ctx -> http.error(ctx, 404, "not found"));
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(r).listen();
    }

    private ExchangeState state() {
        return http.state();
    }

    private void list(RoutingContext ctx, boolean events) {
        GammaQuery.Parsed q = GammaQuery.parse(ctx.queryParams(), events, state());
        if (q.error() != null) {
            http.error(ctx, 400, q.error());
            return;
        }
        JsonArray out = new JsonArray();
        for (SimWindow w : q.query().select(state())) {
            out.add(events ? GammaJson.event(w, state()) : GammaJson.market(w, state()));
        }
        http.json(ctx, 200, out);
    }

    private void one(RoutingContext ctx, boolean event, Optional<SimWindow> w) {
        Optional<SimWindow> listed = w.filter(state()::listed);
        if (listed.isEmpty()) {
            http.error(ctx, 404, event ? "event not found" : "market not found");
            return;
        }
        http.json(ctx, 200, event ? GammaJson.event(listed.get(), state()) : GammaJson.market(listed.get(), state()));
    }
}
