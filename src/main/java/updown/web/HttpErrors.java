package updown.web;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.domain.ResultCode;

/**
 * Every error the dashboard answers is a small JSON object {@code {"error": "...", "status": n}} (plus a
 * {@code code} when a component refused with a {@link ResultCode}). Never a stack trace, never a request header.
 */
final class HttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    static void send(RoutingContext ctx, int status, String message) {
        send(ctx, status, new JsonObject().put("error", message).put("status", status));
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        if (r.headWritten()) {
            r.reset();
            return;
        }
        r.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    /**
     * Answers a failed bus request: a component that is not there or too slow is 503, a refusal carries its result
     * code (400 bad input, 409 wrong state, 503 storage), anything else is 502.
     */
    static void busFailure(RoutingContext ctx, String what, Throwable failure) {
        if (failure instanceof ReplyException re) {
            if (re.failureType() == ReplyFailure.TIMEOUT || re.failureType() == ReplyFailure.NO_HANDLERS) {
                LOG.warn("dashboard: {} is not answering ({})", what, re.failureType());
                send(ctx, 503, what + " is not answering");
                return;
            }
            if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                ResultCode code = ResultCode.ofNumber(re.failureCode());
                int status = statusOf(code);
                String text = re.getMessage() == null || re.getMessage().isBlank()
                        ? code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : re.getMessage();
                LOG.info("dashboard: {} refused: {} ({})", what, text, code);
                send(ctx, status, new JsonObject().put("error", text).put("code", code.name()).put("status", status));
                return;
            }
        }
        LOG.warn("dashboard: {} failed: {}", what, String.valueOf(failure));
        send(ctx, 502, what + " gave an unexpected answer");
    }

    static int statusOf(ResultCode code) {
        return switch (code) {
            case INVALID_INPUT -> 400;
            case NOT_FOUND -> 404;
            case ALREADY_RUNNING, ALREADY_STOPPED, TRADING_HALTED -> 409;
            case STORAGE_FAILED, VENUE_UNAVAILABLE -> 503;
            default -> 422;
        };
    }

    /** The router's last resort: whatever failed, the client gets JSON with the status's plain meaning. */
    static void failureHandler(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        Throwable failure = ctx.failure();
        if (failure != null) {
            LOG.warn("dashboard: {} {} failed with {}: {}", ctx.request().method(), ctx.request().path(), status,
                    String.valueOf(failure));
        }
        send(ctx, status, reason(status));
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            case 415 -> "unsupported media type";
            default -> status >= 500 ? "internal error" : "request failed";
        };
    }
}
