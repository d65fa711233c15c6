package updown.sim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import updown.domain.Usd;
import updown.synthetic.SimOptions;
import updown.testkit.LiveOnFake;
import updown.time.BotClock;

/**
 * The whole bot in live mode: market data from the simulated exchange, orders signed by the real {@code LiveEngine}
 * and sent to a fake CLOB on 127.0.0.1. Proves on the assembled bot what the engine tests prove alone: the kill
 * switch stops orders before the engine (nothing reaches the venue), the wallet is checked and shown, and the key
 * and API secrets appear nowhere — not in any log line, dashboard answer, the database or the tape.
 */
@Tag("e2e")
@ExtendWith(VertxExtension.class)
@DisplayName("Live mode end to end on a fake venue: the kill switch stops orders, secrets appear nowhere")
class LiveBotE2eTest {
    private static final String DASHBOARD_TOKEN = "dash-canary-5be1f0c2d7a94e3b";

    @Test
    @DisplayName("orders reach the venue until the dashboard's stop; then none does, and no secret is anywhere")
    void liveBotOnFakeVenue(Vertx vertx, @TempDir Path dataDir) throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        LiveOnFake venue = SimRun.await(LiveOnFake.start(vertx, BotClock.system(), Map.of(
                "LIVE_MAX_ORDER_USD", "100", "LIVE_MAX_DAILY_USD", "100000")));
        venue.fake().wallet(Usd.of("5000"), Usd.of("5000"));
        Map<String, String> settings = new LinkedHashMap<>(LiveOnFake.liveSettings(venue.fake().baseUrl()));
        // market data comes from the simulated exchange (its URLs override CLOB_API_URL for the bot's feeds)
        settings.remove("CLOB_API_URL");
        settings.put("DASHBOARD_ENABLED", "true");
        settings.put("DASHBOARD_PORT", "0");
        settings.put("DASHBOARD_TOKEN", DASHBOARD_TOKEN);
        settings.put("RECORD_ENABLED", "true");
        settings.put("LIVE_BALANCE_CHECK_MS", "30000");
        SimRun run = SimRun.start(vertx, SimRun.SPEED, SimOptions.defaults().withSeed(5).withArbRate(0.15), dataDir,
                settings, o -> { }, config -> venue);
        WebClient web = WebClient.create(vertx);
        try {
            run.until("a live order filled at the venue and booked",
                    () -> !venue.fake().acceptedOrders().isEmpty() && !run.observer.executed().isEmpty());
            int port = run.simulation().running().bot().dashboardPort();

            HttpResponse<Buffer> stop = SimRun.await(web.post(port, "127.0.0.1", "/api/stop")
                    .putHeader("Authorization", "Bearer " + DASHBOARD_TOKEN)
                    .sendJsonObject(new JsonObject().put("reason", "e2e kill switch")));
            assertThat(stop.statusCode()).as("stop: %s", stop.bodyAsString()).isEqualTo(200);
            // a tick already under way may still place its order: count from a whole tick after the stop
            java.time.Instant stoppedAt = run.clock.instant();
            run.until("a whole trader tick after the stop", () -> {
                java.time.Instant tick = run.observer.lastTick();
                return tick != null && tick.isAfter(stoppedAt.plusSeconds(10));
            });
            int ordersAtStop = venue.fake().hits("POST /order");
            int tradesAtStop = run.observer.executed().size();
            java.time.Instant later = run.clock.instant().plusSeconds(2 * 300);
            run.until("two more windows of ticking", () -> run.reached(later));
            assertThat(venue.fake().hits("POST /order")).as("orders sent after the kill switch").isEqualTo(ordersAtStop);
            assertThat(run.observer.executed()).as("trades booked after the kill switch").hasSize(tradesAtStop);

            List<String> seen = new ArrayList<>();
            for (String path : List.of("/api/status", "/api/trades?limit=500", "/api/positions", "/api/markets",
                    "/api/equity", "/health", "/")) {
                seen.add(SimRun.await(web.get(port, "127.0.0.1", path).send()).bodyAsString());
            }
            JsonObject status = new JsonObject(seen.get(0));
            assertThat(status.getString("mode")).isEqualTo("live");
            assertThat(status.getJsonObject("wallet")).as("the wallet check on the dashboard").isNotNull();
            assertThat(status.getJsonObject("wallet").getString("wallet")).isNotBlank();

            run.stopAll(run.simulation().resolvedAmongFirst(Integer.MAX_VALUE));
            for (ILoggingEvent e : logs.list) {
                seen.add(e.getFormattedMessage());
                if (e.getThrowableProxy() != null) {
                    seen.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
                }
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    // ISO-8859-1 keeps every byte: a secret stored as text in SQLite or the tape shows up as itself
                    seen.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(logs.list).as("log lines captured").isNotEmpty();
            String key = LiveOnFake.KEY.substring(2).toLowerCase(Locale.ROOT);
            List<String> secrets = List.of(key, LiveOnFake.CREDENTIALS.secret().reveal(),
                    LiveOnFake.CREDENTIALS.passphrase().reveal(), DASHBOARD_TOKEN);
            for (String text : seen) {
                String lower = text.toLowerCase(Locale.ROOT);
                for (String secret : secrets) {
                    assertThat(lower).as("a secret leaked").doesNotContain(secret.toLowerCase(Locale.ROOT));
                }
            }
        } finally {
            root.detachAppender(logs);
            web.close();
            run.close();
            SimRun.await(venue.stop());
        }
    }
}
