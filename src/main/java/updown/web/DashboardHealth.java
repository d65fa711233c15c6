package updown.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.time.Duration;
import java.time.Instant;
import updown.domain.TraderTicked;
import updown.health.Freshness;
import updown.time.BotClock;

/**
 * {@code GET /health}: three checks, each reported with its data, UP (200) only when all pass, else DOWN (503).
 * <ul>
 *   <li>{@code trader}: the last heartbeat is within HEALTH_MAX_AGE_MS of the bot clock's now;</li>
 *   <li>{@code storage}: the portfolio answered CheckStorage after a repository round trip;</li>
 *   <li>{@code feeds}: the price feed and the books were fresh at that heartbeat.</li>
 * </ul>
 * The tick and feed rule is {@link Freshness}, the same the {@code data/health} file check uses.
 */
final class DashboardHealth {
    /** Longer than the bus timeout, so a slow portfolio is reported by our own KO rather than the check's timeout. */
    static final long STORAGE_CHECK_TIMEOUT_MS = BotQueries.REPLY_TIMEOUT_MS + 1_000;

    private DashboardHealth() {
    }

    static HealthCheckHandler handler(Vertx vertx, BotQueries queries, LastTick ticks, BotClock clock,
                                      long maxAgeMs) {
        HealthChecks checks = HealthChecks.create(vertx);
        checks.register("trader", promise -> promise.complete(trader(ticks.get(), clock.instant(), maxAgeMs)));
        checks.register("storage", STORAGE_CHECK_TIMEOUT_MS, promise -> storage(queries).onComplete(promise));
        checks.register("feeds", promise -> promise.complete(feeds(ticks.get())));
        return HealthCheckHandler.createWithHealthChecks(checks);
    }

    static Status trader(TraderTicked last, Instant now, long maxAgeMs) {
        JsonObject data = new JsonObject().put("maxAgeMs", maxAgeMs);
        if (last == null) {
            return Status.KO(data.put("reason", "the trader has not ticked yet"));
        }
        Times.put(data, "lastTickAt", last.at()).put("ageMs", Duration.between(last.at(), now).toMillis());
        return Freshness.tickFresh(last.at(), now, maxAgeMs) ? Status.OK(data) : Status.KO(data);
    }

    static Status feeds(TraderTicked last) {
        JsonObject data = new JsonObject().put("reasons", new JsonArray(Freshness.feedProblems(last)));
        if (last != null) {
            data.put("candlesFresh", last.candlesFresh())
                    .put("activeMarkets", last.activeMarkets())
                    .put("staleBooks", last.staleBooks());
        }
        return Freshness.feedsFresh(last) ? Status.OK(data) : Status.KO(data);
    }

    static Future<Status> storage(BotQueries queries) {
        return queries.checkStorage()
                .map(v -> Status.OK())
                .otherwise(e -> Status.KO(new JsonObject().put("reason", "the portfolio's storage check failed: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
}
