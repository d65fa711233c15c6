package updown.market;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.net.Counters;
import updown.net.FailureLog;
import updown.net.HttpJsonClient;
import updown.net.HttpReply;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.Urls;

/**
 * Gamma queries. Lookups by slug never filter by {@code closed} (seed bug 3: {@code closed=false} hid the closed
 * markets of open trades after a restart). The events endpoint is asked first and the markets endpoint is the
 * fallback, because either sometimes answers {@code []} for a market that exists (API-FACTS §1).
 */
final class GammaClient {
    private static final Logger LOG = LoggerFactory.getLogger(GammaClient.class);

    private final HttpJsonClient http;
    private final URI base;
    private final Counters counters;
    private final FailureLog parseFailures = new FailureLog(LOG, "gamma answer");

    GammaClient(HttpJsonClient http, URI base, Counters counters) {
        this.http = http;
        this.base = base;
        this.counters = counters;
    }

    /** The market with this slug, closed or not; empty when Gamma does not know it (yet). */
    Future<Optional<GammaMarket>> bySlug(String slug) {
        String q = "?slug=" + Urls.enc(slug);
        return fetch("/events" + q).compose(fromEvents -> {
            Optional<GammaMarket> hit = find(fromEvents, slug);
            if (hit.isPresent()) {
                return Future.succeededFuture(hit);
            }
            counters.inc("gamma.events-miss");
            return fetch("/markets" + q).map(fromMarkets -> find(fromMarkets, slug));
        });
    }

    /**
     * A broader search that finds a market even if its slug was renamed: the series' upcoming events, and every
     * event ending in the next two windows; the caller keeps what its slug matcher accepts.
     */
    Future<List<GammaMarket>> broad(String asset, int windowMinutes, Instant now) {
        Duration len = Duration.ofMinutes(windowMinutes);
        String series = "/events?series_slug=" + Urls.enc(asset.toLowerCase(Locale.ROOT) + "-up-or-down-"
                + windowMinutes + "m") + "&end_date_min=" + Urls.enc(now.minus(len).toString())
                + "&order=endDate&ascending=true&limit=20";
        String window = "/events?end_date_min=" + Urls.enc(now.toString()) + "&end_date_max="
                + Urls.enc(now.plus(len.multipliedBy(2)).toString()) + "&order=endDate&ascending=true&limit=500";
        Future<List<GammaMarket>> a = fetch(series);
        Future<List<GammaMarket>> b = fetch(window);
        return Future.join(a, b).transform(ignored -> {
            List<GammaMarket> all = new ArrayList<>();
            if (a.succeeded()) {
                all.addAll(a.result());
            }
            if (b.succeeded()) {
                all.addAll(b.result());
            }
            return a.failed() && b.failed() ? Future.failedFuture(a.cause()) : Future.succeededFuture(all);
        });
    }

    private Future<List<GammaMarket>> fetch(String pathAndQuery) {
        return http.get(base, pathAndQuery).map(this::markets);
    }

    private List<GammaMarket> markets(HttpReply reply) {
        if (!reply.ok()) {
            // a 404 from the path forms or a 4xx on a bad query: nothing found there
            counters.inc("gamma.http-" + reply.status());
            return List.of();
        }
        ParseResult<GammaPage> r = GammaParser.parse(reply.body());
        if (!r.isOk()) {
            count(r.error());
            parseFailures.failure(r.error().kind().name(), r.error().detail());
            return List.of();
        }
        r.value().skipped().forEach(this::count);
        parseFailures.success();
        return r.value().markets();
    }

    private void count(ParseError e) {
        counters.parseError(e);
        counters.inc("gamma." + e.counterName());
    }

    private static Optional<GammaMarket> find(List<GammaMarket> markets, String slug) {
        return markets.stream().filter(g -> g.slug().equalsIgnoreCase(slug)).findFirst();
    }
}
