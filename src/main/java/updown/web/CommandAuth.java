package updown.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.Secret;

/**
 * Guards the command endpoints with {@code Authorization: Bearer <DASHBOARD_TOKEN>}. Without a configured token the
 * commands are off (403) and the dashboard is read-only. The presented and the configured token are both hashed and
 * compared with {@link MessageDigest#isEqual}, so neither the content nor the length leaks through timing. The
 * token is never logged or echoed.
 */
final class CommandAuth implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(CommandAuth.class);
    static final String DISABLED = "commands are disabled: DASHBOARD_TOKEN is not set, so this dashboard is read-only";
    static final String MISSING = "this command needs the dashboard token (Authorization: Bearer <DASHBOARD_TOKEN>)";
    static final String INVALID = "the dashboard token is not valid";
    private static final String SCHEME = "bearer ";

    /** SHA-256 of the configured token, null when commands are disabled. */
    private final byte[] expected;

    CommandAuth(Secret token) {
        this.expected = token.isPresent() ? sha256(token.reveal()) : null;
    }

    boolean enabled() {
        return expected != null;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (expected == null) {
            HttpErrors.send(ctx, 403, DISABLED);
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            refuse(ctx, MISSING);
            return;
        }
        byte[] presented = sha256(header.substring(SCHEME.length()).strip());
        if (!MessageDigest.isEqual(presented, expected)) {
            LOG.warn("dashboard: refused {} {} from {}: invalid token", ctx.request().method(), ctx.request().path(),
                    ctx.request().remoteAddress());
            refuse(ctx, INVALID);
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"updown\"");
        HttpErrors.send(ctx, 401, message);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
