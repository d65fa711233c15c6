package updown.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.testkit.Await;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;
import updown.time.ClockScheduler;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
@DisplayName("HTTP 429: the venue's Retry-After holds every request of the client, not only the one refused")
class HttpRateLimitHoldTest {
    private static final Instant T0 = Instant.parse("2026-05-12T11:00:00Z");

    /** A request the loopback venue saw, with the bot-clock instant it arrived at. */
    record Seen(String path, Instant at) {
    }

    @Test
    @DisplayName("after a 429 with Retry-After: 5, another request sent meanwhile reaches the venue only 5 s later")
    void otherRequestsWaitForTheHold(Vertx vertx, VertxTestContext ctx) {
        VirtualClock clock = new VirtualClock(T0);
        List<Seen> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean limited = new AtomicBoolean(false);
        HttpServer server = Await.result(vertx.createHttpServer().requestHandler(req -> {
            seen.add(new Seen(req.path(), clock.instant()));
            if (limited.compareAndSet(false, true)) {
                req.response().setStatusCode(429).putHeader("Retry-After", "5").end("{\"error\":\"slow down\"}");
            } else {
                req.response().putHeader("Content-Type", "application/json").end("{}");
            }
        }).listen(0, "127.0.0.1"));
        URI base = URI.create("http://127.0.0.1:" + server.actualPort());
        Counters counters = new Counters();
        Context context = vertx.getOrCreateContext();
        HttpJsonClient[] client = new HttpJsonClient[1];
        List<Future<HttpReply>> replies = new CopyOnWriteArrayList<>();
        context.runOnContext(v -> {
            client[0] = new HttpJsonClient(vertx, new ClockScheduler(vertx, clock),
                    TestConfig.with(java.util.Map.of()).market(), new SplittableRandom(7), counters, "venue", 3);
            replies.add(client[0].get(base, "/first"));
        });
        Await.until(vertx, () -> counters.get("http.429") == 1)
                .compose(v -> {
                    context.runOnContext(x -> replies.add(client[0].get(base, "/second")));
                    return Await.until(vertx, () -> counters.get("http.held") >= 1);
                })
                .compose(v -> {
                    ctx.verify(() -> assertThat(seen).extracting(Seen::path).containsExactly("/first"));
                    clock.advance(Duration.ofSeconds(5));
                    return Await.until(vertx, () -> replies.size() == 2 && replies.stream().allMatch(Future::isComplete));
                })
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertThat(replies).allSatisfy(r -> assertThat(r.result().status()).isEqualTo(200));
                    Seen second = seen.stream().filter(s -> s.path().equals("/second")).findFirst().orElseThrow();
                    assertThat(Duration.between(T0, second.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
                    assertThat(seen).extracting(Seen::path).containsOnly("/first", "/second").hasSize(3);
                    context.runOnContext(x -> {
                        client[0].close();
                        server.close();
                        ctx.completeNow();
                    });
                })));
    }
}
