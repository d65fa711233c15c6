package updown.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.testkit.Await;
import updown.testkit.ClockPump;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;
import updown.time.ClockScheduler;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class WsConnectionTest {

    @Test
    @DisplayName("a handshake answered 429 with Retry-After is retried no sooner than asked, then connects")
    void handshake429HonoursRetryAfter(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-05-12T11:00:00Z"));
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        List<String> userAgents = new CopyOnWriteArrayList<>();
        AtomicInteger opened = new AtomicInteger();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        server.requestHandler(req -> {
            attempts.add(clock.instant());
            userAgents.add(req.getHeader("User-Agent"));
            if (attempts.size() == 1) {
                req.response().setStatusCode(429).putHeader("Retry-After", "7").end("slow down");
            } else {
                req.toWebSocket().onSuccess(ws -> opened.incrementAndGet());
            }
        });
        Counters counters = new Counters();
        WsConnection[] conn = new WsConnection[1];
        ClockPump[] pump = new ClockPump[1];
        server.listen().compose(s -> {
            URI url = URI.create("ws://127.0.0.1:" + s.actualPort() + "/ws");
            vertx.runOnContext(v -> {
                ClockScheduler sched = new ClockScheduler(vertx, clock);
                conn[0] = new WsConnection(vertx, sched, TestConfig.defaults().market(), url, new Random(1), counters,
                        "test", new WsConnection.Listener() {
                            @Override
                            public void onOpen() {
                            }

                            @Override
                            public void onText(String text) {
                            }

                            @Override
                            public void onDown(String reason) {
                            }
                        });
                conn[0].start();
            });
            pump[0] = ClockPump.start(vertx, clock, Duration.ofMillis(500), 5);
            return Await.until(vertx, () -> opened.get() == 1);
        }).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            pump[0].stop();
            assertThat(counters.get("ws.rejected-429")).isEqualTo(1);
            assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
            assertThat(userAgents).allMatch(ua -> ua.contains("UpDown"));
            vertx.runOnContext(x -> conn[0].stop().onComplete(ar -> ctx.completeNow()));
        })));
    }
}
