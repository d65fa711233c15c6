package updown.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.time.BotClock;

/**
 * The web dashboard: one static page, a JSON REST API, {@code GET /health} and a SockJS event-bus bridge, on
 * DASHBOARD_HOST:DASHBOARD_PORT. It reads the portfolio and the trader over the bus only, and the only thing it
 * lets a browser change goes through token-guarded HTTP commands. The bridge lets {@code dashboard.*} messages out
 * and nothing in.
 */
public final class DashboardVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardVerticle.class);
    /** Where the bridge is mounted; the page connects to it with the SockJS client. */
    public static final String BRIDGE_PATH = "/eventbus";
    /** The only addresses a browser can receive from. */
    public static final String OUTBOUND_REGEX = "dashboard\\..+";
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final BotConfig config;
    private final BotClock clock;
    private HttpServer server;

    public DashboardVerticle(BotConfig config, BotClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The port actually bound (useful with DASHBOARD_PORT=0); -1 before start or when disabled. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public Future<?> start() {
        BotConfig.Dashboard settings = config.dashboard();
        if (!settings.enabled()) {
            LOG.info("dashboard: DASHBOARD_ENABLED=false, no dashboard and no HTTP /health");
            return Future.succeededFuture();
        }
        LocalRecordCodec.register(vertx.eventBus());
        long maxAgeMs = config.storage().healthMaxAgeMs();
        BotQueries queries = new BotQueries(vertx.eventBus());
        LastTick ticks = new LastTick();
        LastWallet wallet = new LastWallet();
        CommandAuth auth = new CommandAuth(settings.token());

        Router router = Router.router(vertx);
        router.route().handler(DashboardVerticle::securityHeaders);
        router.get("/health").handler(DashboardHealth.handler(vertx, queries, ticks, clock, maxAgeMs));
        new ReadApi(vertx, config.mode(), clock, maxAgeMs, queries, ticks, wallet, auth).mount(router);
        new CommandApi(queries, auth, config.telegram().topupMax()).mount(router);
        ShadowApi shadow = new ShadowApi(vertx.eventBus());
        shadow.mount(router);
        new FleetApi(vertx.eventBus(), auth, config.cluster()).mount(router);
        router.route("/api/*").handler(ctx -> HttpErrors.send(ctx, 404, "no such API endpoint or method"));
        router.route(BRIDGE_PATH + "/*").handler(SameOrigin::check).subRouter(bridge());
        router.route().handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
        router.route().failureHandler(HttpErrors::failureHandler);
        router.errorHandler(404, ctx -> HttpErrors.send(ctx, 404, "not found"));
        router.errorHandler(405, ctx -> HttpErrors.send(ctx, 405, "method not allowed"));

        BridgeFeed feed = new BridgeFeed(vertx.eventBus(), queries, ticks, wallet, clock, maxAgeMs);
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port());
        return feed.start()
                .compose(v -> shadow.ready())
                .compose(v -> vertx.createHttpServer(options).requestHandler(router).listen())
                .onSuccess(s -> {
                    server = s;
                    LOG.info("dashboard: http://{}:{}/ ({})", settings.host(), s.actualPort(),
                            auth.enabled() ? "commands need the dashboard token" : "read-only: no DASHBOARD_TOKEN");
                });
    }

    /**
     * Outbound {@code dashboard.*} only; no inbound address is permitted, so every send or publish from a browser
     * is refused by the bridge (and the bridge events hook refuses them again, in case options ever change).
     */
    private Router bridge() {
        SockJSBridgeOptions options = new SockJSBridgeOptions()
                .addOutboundPermitted(new PermittedOptions().setAddressRegex(OUTBOUND_REGEX));
        // no JSONP or iframe transports (old cross-domain tricks), and no CDN for the iframe page
        SockJSHandlerOptions sockJs = new SockJSHandlerOptions()
                .setLibraryURL("/vendor/sockjs-client/sockjs.min.js")
                .addDisabledTransport(Transport.JSON_P.name())
                .addDisabledTransport(Transport.HTML_FILE.name());
        return SockJSHandler.create(vertx, sockJs).bridge(options, event -> {
            switch (event.type()) {
                case SEND, PUBLISH -> {
                    LOG.warn("dashboard: refused an inbound {} to {} over the bridge", event.type(),
                            event.getRawMessage() == null ? "?" : event.getRawMessage().getString("address"));
                    event.complete(false);
                }
                case REGISTER -> {
                    String address = event.getRawMessage() == null ? null
                            : event.getRawMessage().getString("address");
                    event.complete(address != null && address.startsWith(Addresses.DASHBOARD_PREFIX));
                }
                default -> event.complete(true);
            }
        });
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", CSP);
        ctx.next();
    }
}
