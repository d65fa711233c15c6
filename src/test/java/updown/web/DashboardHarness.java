package updown.web;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import updown.bus.Addresses;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.domain.TraderTicked;
import updown.testkit.TestConfig;
import updown.time.BotClock;

/**
 * A dashboard on 127.0.0.1 with an ephemeral port, started beside whatever answers its bus requests: the fakes in
 * this package today, the real PortfolioVerticle and TraderVerticle (or the bot on the simulated exchange) later —
 * pass them as {@code backend} and the tests talk to the page the same way.
 */
final class DashboardHarness {
    static final String TOKEN = "test-dashboard-token-5f1c";

    final Vertx vertx;
    final DashboardVerticle dashboard;
    final WebClient client;

    private DashboardHarness(Vertx vertx, DashboardVerticle dashboard) {
        this.vertx = vertx;
        this.dashboard = dashboard;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(dashboard.actualPort()));
    }

    /** Settings for tests: loopback, ephemeral port, and the given token ("" = read-only dashboard). */
    static BotConfig config(String token) {
        return TestConfig.with(Map.of("DASHBOARD_HOST", "127.0.0.1", "DASHBOARD_PORT", "0",
                "DASHBOARD_TOKEN", token, "HEALTH_MAX_AGE_MS", "120000"));
    }

    /** Deploys the backend first (so the dashboard's first request finds it), then the dashboard. */
    static Future<DashboardHarness> start(Vertx vertx, BotConfig config, BotClock clock, List<Deployable> backend) {
        LocalRecordCodec.register(vertx.eventBus());
        Future<?> chain = Future.succeededFuture();
        for (Deployable d : backend) {
            chain = chain.compose(x -> vertx.deployVerticle(d));
        }
        DashboardVerticle dashboard = new DashboardVerticle(config, clock);
        return chain.compose(x -> vertx.deployVerticle(dashboard))
                .map(id -> new DashboardHarness(vertx, dashboard));
    }

    int port() {
        return dashboard.actualPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    Future<HttpResponse<Buffer>> get(String path) {
        return client.get(path).send();
    }

    Future<HttpResponse<Buffer>> post(String path, String token, String body) {
        HttpRequest<Buffer> r = client.post(path).putHeader("Content-Type", "application/json");
        if (token != null) {
            r.putHeader("Authorization", "Bearer " + token);
        }
        return body == null ? r.send() : r.sendBuffer(Buffer.buffer(body));
    }

    /**
     * Publishes a heartbeat through {@code publish} and completes once the dashboard has taken it in: it answers
     * every tick with a {@code dashboard.markets} message carrying that tick's time, so waiting for it needs no sleep.
     */
    Future<JsonObject> tickSeen(TraderTicked tick, Runnable publish) {
        String at = tick.at().toString();
        return nextMessage(Addresses.DASHBOARD_MARKETS,
                j -> at.equals(j.getJsonObject("feeds").getString("lastTickAt")), publish);
    }

    /** Runs {@code action} after subscribing, and completes with the first matching JSON on {@code address}. */
    Future<JsonObject> nextMessage(String address, Predicate<JsonObject> match, Runnable action) {
        Promise<JsonObject> seen = Promise.promise();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address);
        consumer.handler(m -> {
            if (match.test(m.body())) {
                seen.tryComplete(m.body());
            }
        });
        return consumer.completion()
                .onSuccess(v -> action.run())
                .compose(v -> seen.future())
                .eventually(consumer::unregister);
    }
}
