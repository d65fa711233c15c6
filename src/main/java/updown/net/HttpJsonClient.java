package updown.net;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.time.ClockScheduler;

/**
 * GET with the manners every client here needs: connect and read timeouts, the configured User-Agent, 429 honoured
 * with {@code Retry-After}, 5xx / timeouts / refused connections retried with exponential backoff and jitter (capped
 * at RECONNECT_DELAY_MAX_MS), one log line per kind of failure. Waits are on the bot's clock.
 *
 * <p>A 429 or 418 holds the whole client, not just the request that got it: until {@code Retry-After} has passed
 * (or {@value #RATE_LIMIT_HOLD_MS} ms without the header) every request of this client waits, so polling loops,
 * resyncs and parallel lookups do not keep hitting a venue that asked us to back off (Binance answers a client that
 * ignores its 429s with a 418 and an IP ban). One client serves one venue endpoint family.
 *
 * <p>A 2xx or a non-429 4xx completes the future with the {@link HttpReply}; giving up fails it with an
 * {@link HttpFailure}. Use on the owning verticle's context.
 */
public final class HttpJsonClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpJsonClient.class);
    static final long RETRY_BASE_MS = 250;
    /** How long a 429/418 without a usable Retry-After holds the client. */
    static final long RATE_LIMIT_HOLD_MS = 1_000;

    private final WebClient client;
    private final ClockScheduler scheduler;
    private final BotConfig.MarketData cfg;
    private final RandomGenerator random;
    private final Counters counters;
    private final FailureLog failures;
    private final int maxAttempts;
    private boolean closed;
    /** Until when the venue asked us to stay away (null: no hold). */
    private Instant heldUntil;

    public HttpJsonClient(Vertx vertx, ClockScheduler scheduler, BotConfig.MarketData cfg, RandomGenerator random,
                          Counters counters, String name, int maxAttempts) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, cfg.httpTimeoutMs());
        WebClientOptions options = new WebClientOptions()
                .setUserAgent(cfg.userAgent())
                .setConnectTimeout(timeout)
                .setKeepAlive(true);
        this.client = WebClient.create(vertx, options);
        this.scheduler = scheduler;
        this.cfg = cfg;
        this.random = random;
        this.counters = counters;
        this.failures = new FailureLog(LOG, name);
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** GET {@code base + pathAndQuery} (the base may carry a path prefix). */
    public Future<HttpReply> get(URI base, String pathAndQuery) {
        String url = Urls.join(base, pathAndQuery);
        Promise<HttpReply> promise = Promise.promise();
        attempt(url, new Backoff(RETRY_BASE_MS, Math.max(RETRY_BASE_MS, cfg.reconnectDelayMaxMs()), random), 1,
                promise);
        return promise.future();
    }

    private void attempt(String url, Backoff backoff, int n, Promise<HttpReply> promise) {
        if (heldUntil != null) {
            long waitMs = Duration.between(scheduler.clock().instant(), heldUntil).toMillis();
            if (waitMs > 0) {
                counters.inc("http.held");
                scheduler.after(waitMs, () -> attempt(url, backoff, n, promise));
                return;
            }
            heldUntil = null;
        }
        counters.inc("http.requests");
        client.getAbs(url)
                .putHeader("User-Agent", cfg.userAgent())
                .putHeader("Accept", "application/json")
                .connectTimeout(cfg.httpTimeoutMs())
                .idleTimeout(cfg.httpTimeoutMs())
                .send()
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        onResponse(url, ar.result(), backoff, n, promise);
                    } else {
                        HttpFailure f = classify(ar.cause());
                        retryOrFail(url, f, OptionalLong.empty(), backoff, n, promise);
                    }
                });
    }

    private void onResponse(String url, HttpResponse<Buffer> r, Backoff backoff, int n, Promise<HttpReply> promise) {
        int status = r.statusCode();
        if (status == 429 || status == 418) {
            counters.inc("http.429");
            OptionalLong wait = RetryAfter.millis(r.getHeader("Retry-After"), scheduler.clock().instant());
            Instant until = scheduler.clock().instant().plusMillis(wait.orElse(RATE_LIMIT_HOLD_MS));
            if (heldUntil == null || until.isAfter(heldUntil)) {
                heldUntil = until;
            }
            retryOrFail(url, new HttpFailure(HttpFailure.Kind.RATE_LIMITED, "HTTP " + status
                    + wait.stream().mapToObj(w -> ", Retry-After " + w + " ms").findFirst().orElse("")),
                    wait, backoff, n, promise);
            return;
        }
        if (status >= 500 || status == 408) {
            counters.inc("http.5xx");
            retryOrFail(url, new HttpFailure(HttpFailure.Kind.SERVER_ERROR, "HTTP " + status),
                    RetryAfter.millis(r.getHeader("Retry-After"), scheduler.clock().instant()), backoff, n, promise);
            return;
        }
        failures.success();
        if (status >= 400) {
            counters.inc("http.4xx");
        }
        Buffer body = r.body();
        promise.complete(new HttpReply(status, body == null ? "" : body.toString()));
    }

    private void retryOrFail(String url, HttpFailure f, OptionalLong retryAfterMs, Backoff backoff, int n,
                             Promise<HttpReply> promise) {
        if (closed) {
            // the owner is shutting down: requests cut short by close() are not failures worth a log line
            promise.tryFail(f);
            return;
        }
        failures.failure(f.kind().name(), Urls.redact(url) + ": " + f.getMessage());
        counters.inc("http.fail." + f.kind().name());
        if (n >= maxAttempts) {
            counters.inc("http.gave-up");
            promise.fail(f);
            return;
        }
        counters.inc("http.retries");
        long delay = Math.max(backoff.next(), retryAfterMs.orElse(0));
        scheduler.after(delay, () -> attempt(url, backoff, n + 1, promise));
    }

    static HttpFailure classify(Throwable t) {
        String msg = String.valueOf(t.getMessage());
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")
                || msg.toLowerCase(java.util.Locale.ROOT).contains("timeout")
                || msg.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return new HttpFailure(HttpFailure.Kind.TIMEOUT, msg);
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException
                || t.getCause() instanceof ConnectException) {
            return new HttpFailure(HttpFailure.Kind.CONNECT, msg);
        }
        return new HttpFailure(HttpFailure.Kind.IO, t.getClass().getSimpleName() + ": " + msg);
    }

    public void close() {
        closed = true;
        client.close();
    }
}
