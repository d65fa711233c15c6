package updown.sim.exchange;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.synthetic.fault.FaultEvent;
import updown.synthetic.fault.FaultKind;
import updown.synthetic.fault.Malformer;
import updown.synthetic.fault.Venue;
import updown.synthetic.random.Mix;

/**
 * The HTTP face of one venue: answers JSON, and applies that venue's active HTTP faults before any route runs
 * (429 with Retry-After, a 5xx, or a corrupted 200 body).
 */
final class HttpVenue {
    private static final Logger LOG = LoggerFactory.getLogger(HttpVenue.class);
    private static final String MALFORMED_KEY = "sim.malformed";

    private final Venue venue;
    private final ExchangeState state;
    private final SimStats stats;
    private final long seed;
    private final AtomicLong counter = new AtomicLong();

    HttpVenue(Venue venue, ExchangeState state, SimStats stats, long seed) {
        this.venue = venue;
        this.state = state;
        this.stats = stats;
        this.seed = seed;
    }

    ExchangeState state() {
        return state;
    }

    /** First handler of the venue's router. */
    void faultFilter(RoutingContext ctx) {
        stats.requestServed(venue);
        Instant now = state.now();
        FaultSchedule faults = state.faults();
        Optional<FaultEvent> limited = faults.active(venue, FaultKind.HTTP_429, now);
        if (limited.isPresent()) {
            long retry = Math.max(1, (Duration.between(now, limited.get().until()).toMillis() + 999) / 1000);
            LOG.debug("{} {} → 429 (fault), Retry-After {}", venue.wireName(), ctx.request().uri(), retry);
            ctx.response().setStatusCode(429).putHeader("Retry-After", Long.toString(retry))
                    .putHeader("content-type", "application/json").end(tooManyRequests());
            return;
        }
        if (faults.active(venue, FaultKind.HTTP_5XX, now).isPresent()) {
            long n = counter.getAndIncrement();
            int pick = (int) Math.floorMod(Mix.hash(seed, 0x357878, n), 3L);
            LOG.debug("{} {} → 5xx (fault)", venue.wireName(), ctx.request().uri());
            switch (pick) {
                case 0 -> ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
                        .end(venue == Venue.BINANCE_REST
                                ? "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request. "
                                + "Please try again.\"}"
                                : "{\"error\":\"Internal Server Error\"}");
                case 1 -> ctx.response().setStatusCode(502).putHeader("content-type", "text/html")
                        .end("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
                                + "</h1></center><hr><center>cloudflare</center></body></html>");
                default -> ctx.response().setStatusCode(503).putHeader("content-type", "text/plain")
                        .end("upstream connect error or disconnect/reset before headers. reset reason: overflow");
            }
            return;
        }
        if (faults.active(venue, FaultKind.MALFORMED, now).isPresent()) {
            ctx.put(MALFORMED_KEY, Boolean.TRUE);
        }
        ctx.next();
    }

    private String tooManyRequests() {
        return venue == Venue.BINANCE_REST
                ? "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) request weight per "
                + "minute is 6000. Please use WebSocket Streams for live updates to avoid polling the API.\"}"
                : "{\"error\":\"Too Many Requests\"}";
    }

    /** Answers {@code body} (a JsonObject, JsonArray, number...) as JSON, corrupted while a malformed fault is on. */
    void json(RoutingContext ctx, int status, Object body) {
        String text = Json.encode(body);
        if (Boolean.TRUE.equals(ctx.get(MALFORMED_KEY))) {
            text = Malformer.corrupt(text, Mix.hash(seed, 0x6D616C, counter.getAndIncrement()));
            LOG.debug("{} {} → (malformed) {}", venue.wireName(), ctx.request().uri(), text);
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(text);
    }

    void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new io.vertx.core.json.JsonObject().put("error", message));
    }
}
