package updown.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a browser reach the bridge only from the dashboard's own page. WebSockets are not bound by the same-origin
 * policy and SockJS's XHR transports allow any origin, so without this any web site the user visits could open
 * the bridge on 127.0.0.1 and read the bot's trades. Clients that send no Origin (curl, tests) are not browsers
 * reading on someone's behalf and pass. Behind a reverse proxy, keep the Host header (e.g. nginx
 * {@code proxy_set_header Host $host}).
 */
final class SameOrigin {
    private static final Logger LOG = LoggerFactory.getLogger(SameOrigin.class);

    private SameOrigin() {
    }

    static void check(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        String host = ctx.request().getHeader(HttpHeaders.HOST);
        if (origin == null || matches(origin, host)) {
            ctx.next();
            return;
        }
        LOG.warn("dashboard: refused a bridge connection from origin {}", origin.length() > 100
                ? origin.substring(0, 100) : origin);
        HttpErrors.send(ctx, 403, "the event bus is only open to this dashboard's own page");
    }

    /** Whether {@code origin} ("http://h:p") names the same host and port as the Host header ("h:p"). */
    static boolean matches(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI o = new URI(origin);
            URI h = new URI(o.getScheme() + "://" + host.strip());
            if (o.getHost() == null || h.getHost() == null) {
                return false;
            }
            return o.getHost().toLowerCase(Locale.ROOT).equals(h.getHost().toLowerCase(Locale.ROOT))
                    && port(o) == port(h);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
