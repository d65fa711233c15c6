package updown.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.domain.PortfolioSnapshot;
import updown.domain.Usd;

/**
 * The three commands a page may give: stop, resume and top-up. Each passes {@link CommandAuth} first, then goes to
 * the portfolio, which owns the trading switch and the ledger; its answer (the new snapshot, or a refusal with a
 * result code) is passed back as JSON.
 */
final class CommandApi {
    private static final Logger LOG = LoggerFactory.getLogger(CommandApi.class);
    static final long BODY_LIMIT = 4_096;
    static final String DEFAULT_STOP_REASON = "stopped from the dashboard";

    private final BotQueries queries;
    private final CommandAuth auth;
    private final Usd topUpMax;

    CommandApi(BotQueries queries, CommandAuth auth, Usd topUpMax) {
        this.queries = queries;
        this.auth = auth;
        this.topUpMax = topUpMax;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        router.post("/api/stop").handler(body).handler(auth).handler(ctx -> run(ctx, "stop",
                b -> queries.stop(Params.reason(b, DEFAULT_STOP_REASON)), "trading stopped"));
        router.post("/api/resume").handler(body).handler(auth).handler(ctx -> run(ctx, "resume",
                b -> queries.resume(), "trading resumed"));
        router.post("/api/topup").handler(body).handler(auth).handler(ctx -> run(ctx, "top-up",
                b -> queries.topUp(Params.topUpAmount(b, topUpMax)), "funds added"));
    }

    private void run(RoutingContext ctx, String name, Function<JsonObject, Future<PortfolioSnapshot>> command,
                     String done) {
        Future<PortfolioSnapshot> reply;
        try {
            reply = command.apply(Params.body(ctx.body().buffer()));
        } catch (Params.BadInput e) {
            HttpErrors.send(ctx, 400, e.getMessage());
            return;
        }
        LOG.info("dashboard: {} requested from {}", name, ctx.request().remoteAddress());
        reply.onSuccess(s -> ctx.json(new JsonObject()
                        .put("ok", true)
                        .put("message", done)
                        .put("portfolio", DashboardJson.snapshot(s))))
                .onFailure(e -> HttpErrors.busFailure(ctx, "the portfolio", e));
    }
}
