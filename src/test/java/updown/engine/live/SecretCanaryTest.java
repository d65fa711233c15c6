package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.engine.live.LiveKit.DOWN;
import static updown.engine.live.LiveKit.UP;
import static updown.engine.live.LiveKit.book;
import static updown.engine.live.LiveKit.buyUp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.config.Secret;
import updown.testkit.FakeClobTrading;
import updown.testkit.FakeClobTrading.Fault;
import updown.testkit.TestConfig;
import updown.time.VirtualClock;

/**
 * Canary: a private key, API key, secret and passphrase used nowhere else must not appear in any log line (all
 * loggers, all levels), exception message, toString or returned value, across fills, refusals, dry run, timeouts,
 * failed start-ups and preflight problems.
 */
@ExtendWith(VertxExtension.class)
// first test in a fresh JVM loads Vert.x, Netty and BouncyCastle: allow for a slow, busy machine
@io.vertx.junit5.Timeout(value = 90, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
@DisplayName("The private key and the API secrets never leave the engine")
class SecretCanaryTest {
    private static final String KEY_HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static final String ADDRESS = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
    private static final String API_KEY = "c4n4ry00-a11c-4e55-9b1d-deadbeefcafe";
    private static final String SECRET = "Y2FuYXJ5LXNlY3JldC1uZXZlci1wcmludC1tZS0xMjM0NTY=";
    private static final String PASSPHRASE = "canary-passphrase-7f3e9a1c5b";

    private final List<String> seen = new ArrayList<>();

    private BotConfig config(FakeClobTrading fake, Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PRIVATE_KEY", "0x" + KEY_HEX);
        m.put("LIVE_CONFIRM", "yes");
        m.put("CLOB_API_URL", fake.baseUrl());
        m.put("HTTP_TIMEOUT_MS", "1000");
        m.put("CHAIN_ID", "137");
        m.putAll(overrides);
        return TestConfig.with(m);
    }

    private <T> Future<T> record(Future<T> f) {
        return f.transform(ar -> {
            seen.add(String.valueOf(ar.succeeded() ? ar.result() : ar.cause()));
            if (ar.failed()) {
                seen.add(String.valueOf(ar.cause().getMessage()));
            }
            return Future.succeededFuture(ar.succeeded() ? ar.result() : null);
        });
    }

    @Test
    @DisplayName("canary secrets are absent from every log line, message and returned value")
    void canary(Vertx vertx, VertxTestContext ctx) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);

        VirtualClock clock = LiveKit.clock();
        ApiCredentials creds = new ApiCredentials(Secret.of(API_KEY), Secret.of(SECRET), Secret.of(PASSPHRASE));
        FakeClobTrading fake = new FakeClobTrading(vertx, ADDRESS, creds, 137, clock);
        Map<String, String> derived = Map.of();
        Map<String, String> explicit = Map.of("CLOB_API_KEY", API_KEY, "CLOB_API_SECRET", SECRET,
                "CLOB_API_PASSPHRASE", PASSPHRASE);
        List<LiveEngine> engines = new ArrayList<>();

        fake.start().compose(f -> {
            fake.asks(UP, updown.domain.Level.of("0.50", "10"), updown.domain.Level.of("0.52", "20"));
            fake.asks(DOWN, updown.domain.Level.of("0.45", "10"));
            seen.addAll(LivePreflight.check(config(fake, Map.of("LIVE_CONFIRM", "no", "LIVE_SIGNATURE_TYPE", "1"))));
            seen.addAll(LivePreflight.check(config(fake, Map.of("PRIVATE_KEY", KEY_HEX + "00"))));
            seen.addAll(LivePreflight.check(config(fake, Map.of("CLOB_API_SECRET", SECRET + "%%%"))));
            seen.add(creds.toString());
            seen.add(config(fake, explicit).toString());
            return record(LiveEngine.create(vertx, config(fake, Map.of("PRIVATE_KEY", KEY_HEX + "zz")), clock));
        }).compose(none -> {
            fake.fault("GET /auth/derive-api-key", Fault.serverError());
            return record(LiveEngine.create(vertx, config(fake, derived), clock));
        }).compose(none -> LiveEngine.create(vertx, config(fake, derived), clock)).compose(e -> {
            engines.add(e);
            seen.add(e.toString());
            return record(e.execute(buyUp("10", "0.55", book(UP, updown.domain.Level.of("0.50", "10")))))
                    .compose(x -> record(e.execute(buyUp("10", "0.55", book(UP, updown.domain.Level.of("0.50", "10"))))))
                    .compose(x -> {
                        fake.fault("POST /order", Fault.timeout());
                        for (int i = 0; i < OrderPlacer.RECONCILE_ATTEMPTS; i++) {
                            fake.fault("GET /data/order", Fault.serverError());
                        }
                        return record(e.execute(buyUp("5", "0.55", book(UP, updown.domain.Level.of("0.52", "20")))));
                    })
                    .compose(x -> record(e.walletBalance()));
        }).compose(x -> LiveEngine.create(vertx, config(fake, Map.of("LIVE_DRY_RUN", "true")), clock)).compose(e -> {
            engines.add(e);
            return record(e.execute(LiveKit.arb("9.20", "0.47", "0.45", book(UP, updown.domain.Level.of("0.47", "50")),
                    book(DOWN, updown.domain.Level.of("0.45", "50")))));
        }).compose(x -> LiveEngine.create(vertx, config(fake, explicit), clock)).compose(e -> {
            engines.add(e);
            fake.fault("POST /order", Fault.serverError());
            return record(e.execute(buyUp("10", "0.55", book(UP, updown.domain.Level.of("0.50", "10")))));
        }).onComplete(ctx.succeeding(x -> ctx.verify(() -> {
            root.detachAppender(appender);
            root.setLevel(previous);
            engines.forEach(LiveEngine::close);
            for (ILoggingEvent ev : appender.list) {
                seen.add(ev.getFormattedMessage());
                if (ev.getThrowableProxy() != null) {
                    seen.add(ThrowableProxyUtil.asString(ev.getThrowableProxy()));
                }
            }
            assertThat(appender.list).as("the scenarios logged something").hasSizeGreaterThan(10);
            assertThat(fake.acceptedOrders()).as("real orders were placed").isNotEmpty();
            String all = String.join("\n", seen);
            assertThat(all).contains(ADDRESS);
            for (String secret : List.of(KEY_HEX, KEY_HEX.toUpperCase(Locale.ROOT), SECRET, PASSPHRASE, API_KEY,
                    SECRET.substring(0, 24))) {
                assertThat(all).as("output must not contain a canary secret").doesNotContain(secret);
            }
            fake.stop().onComplete(ctx.succeedingThenComplete());
        })));
    }
}
