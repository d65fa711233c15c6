package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * The live engine's HTTP transport: one Vert.x {@link WebClient} with HTTP_TIMEOUT_MS on every request and the
 * HTTP_USER_AGENT header. An HTTP 429 is waited out per its Retry-After (seconds or an HTTP date) at most
 * {@link #MAX_RETRIES} times and never longer than {@link #MAX_RETRY_WAIT_MS}; a 429 means the venue did not process
 * the request, so resending (with fresh auth headers, same body) is safe even for an order.
 */
final class ClobHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ClobHttp.class);
    static final int MAX_RETRIES = 2;
    static final long MAX_RETRY_WAIT_MS = 5_000;
    private static final long DEFAULT_RETRY_WAIT_MS = 1_000;

    /** A complete HTTP answer. */
    record Reply(int status, String body, String retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final WebClient client;
    private final String base;
    private final long timeoutMs;
    private final BotClock clock;
    private final Timers timers;

    ClobHttp(Vertx vertx, URI baseUrl, long timeoutMs, String userAgent, BotClock clock) {
        this.base = baseUrl.toString().replaceAll("/+$", "");
        this.timeoutMs = timeoutMs;
        this.clock = clock;
        this.timers = new Timers(vertx, clock);
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .setUserAgentEnabled(userAgent != null && !userAgent.isBlank());
        if (userAgent != null && !userAgent.isBlank()) {
            options.setUserAgent(userAgent);
        }
        this.client = WebClient.create(vertx, options);
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /**
     * Sends one request; {@code headers} is asked again for each attempt (auth timestamps must be fresh).
     * The future fails only on transport problems (timeout, connection); any HTTP status is a {@link Reply}.
     */
    Future<Reply> send(HttpMethod method, String path, Map<String, String> query, Supplier<Map<String, String>> headers,
                       String body) {
        return attempt(method, path, query, headers, body, 0);
    }

    /** Told the status of every answer (HTTP 425 = matching engine restarting); never the body or headers. */
    void onStatus(java.util.function.IntConsumer listener) {
        this.statusListener = listener;
    }

    private volatile java.util.function.IntConsumer statusListener = s -> { };

    private Future<Reply> attempt(HttpMethod method, String path, Map<String, String> query,
                                  Supplier<Map<String, String>> headers, String body, int retriesDone) {
        HttpRequest<Buffer> req = client.requestAbs(method, base + path + queryString(query)).timeout(timeoutMs);
        headers.get().forEach(req::putHeader);
        Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent;
        if (body != null) {
            req.putHeader("Content-Type", "application/json");
            sent = req.sendBuffer(Buffer.buffer(body, "UTF-8"));
        } else {
            sent = req.send();
        }
        return sent.map(r -> new Reply(r.statusCode(), r.bodyAsString("UTF-8"), r.getHeader("Retry-After")))
                .compose(reply -> {
                    statusListener.accept(reply.status());
                    if (reply.status() != 429) {
                        return Future.succeededFuture(reply);
                    }
                    long wait = retryWaitMs(reply.retryAfter());
                    if (retriesDone >= MAX_RETRIES || wait > MAX_RETRY_WAIT_MS) {
                        LOG.warn("CLOB {} {}: HTTP 429, Retry-After {} — giving up after {} retries",
                                method, path, reply.retryAfter(), retriesDone);
                        return Future.succeededFuture(reply);
                    }
                    LOG.info("CLOB {} {}: HTTP 429, waiting {} ms (Retry-After {})", method, path, wait,
                            reply.retryAfter());
                    return timers.delay(wait)
                            .compose(v -> attempt(method, path, query, headers, body, retriesDone + 1));
                });
    }

    /** Milliseconds a Retry-After asks for: delta-seconds or an HTTP date; 1 s when absent or unreadable. */
    long retryWaitMs(String retryAfter) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return DEFAULT_RETRY_WAIT_MS;
        }
        String v = retryAfter.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? DEFAULT_RETRY_WAIT_MS : Math.multiplyExact(seconds, 1000L);
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(clock.instant(), at).toMillis());
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY_WAIT_MS;
            }
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    void close() {
        client.close();
    }
}
