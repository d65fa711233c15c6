package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import updown.net.ParseResult;
import updown.net.WireJson;

/**
 * The one error adapter of the live engine (in the manner of XChange's per-exchange error adapters): turns what the
 * CLOB answered (HTTP status, the body's {@code error}/{@code errorMsg}/{@code error_msg} text and {@code code}) or
 * what the transport threw into a {@link VenueError}. This is the only class that reads venue error texts; the
 * engine branches on {@link VenueError.Kind}.
 *
 * <p>Status first: 429 → RATE_LIMITED, 425 → ENGINE_RESTARTING, 401/403 → UNAUTHORIZED, 404 → NOT_FOUND; a 5xx is
 * SERVER_ERROR unless its text is one of the documented "not processed" refusals (post-only mode, trading disabled,
 * cancel-only). Other answers (4xx, or a 200 with {@code success:false}) are classified by the first matching
 * {@link #RULES rule}; no rule → UNKNOWN with the text kept. Texts are compared case-insensitively.
 *
 * <p>Sources of the texts: docs.polymarket.com/resources/error-codes ("Error Codes: Complete reference for CLOB API
 * error responses", sections Global Errors, Place Orders, Order Processing Errors, Matching Engine Errors, Cancel
 * Orders, Authentication, Balance and Allowance); {@code order_version_mismatch} from Polymarket/clob-client-v2
 * {@code src/constants.ts} ({@code ORDER_VERSION_MISMATCH_ERROR}, checked in {@code src/client.ts}
 * {@code _isOrderVersionMismatch}) and Polymarket/py-clob-client-v2 {@code py_clob_client_v2/constants.py}; the
 * {@code min size: $1} text of a too-small marketable BUY as users report it from the venue. docs/live.md has the
 * table.
 */
final class VenueErrors {
    static final int MAX_MESSAGE = 200;

    /** One text rule: a venue message containing {@code needle} (lower case) is of {@code kind}. */
    record Rule(String needle, VenueError.Kind kind) {
    }

    /** Ordered: the first rule whose needle the text contains wins (more specific needles first). */
    static final List<Rule> RULES = List.of(
            new Rule("order_version_mismatch", VenueError.Kind.ORDER_VERSION_MISMATCH),
            new Rule("post-only mode", VenueError.Kind.POST_ONLY_PERIOD),
            new Rule("trading is currently disabled", VenueError.Kind.TRADING_DISABLED),
            new Rule("cancel-only", VenueError.Kind.TRADING_DISABLED),
            new Rule("too many requests", VenueError.Kind.RATE_LIMITED),
            new Rule("not enough balance", VenueError.Kind.INSUFFICIENT_BALANCE),
            new Rule("allowance", VenueError.Kind.INSUFFICIENT_BALANCE),
            new Rule("fully filled", VenueError.Kind.NO_MATCH),
            new Rule("filled or killed", VenueError.Kind.NO_MATCH),
            new Rule("no orders found to match", VenueError.Kind.NO_MATCH),
            new Rule("no match", VenueError.Kind.NO_MATCH),
            new Rule("lower than the minimum", VenueError.Kind.BELOW_MIN_SIZE),
            new Rule("min size", VenueError.Kind.BELOW_MIN_SIZE),
            new Rule("minimum size", VenueError.Kind.BELOW_MIN_SIZE),
            new Rule("address banned", VenueError.Kind.ACCOUNT_RESTRICTED),
            new Rule("closed only mode", VenueError.Kind.ACCOUNT_RESTRICTED),
            new Rule("has to be the owner of the api key", VenueError.Kind.UNAUTHORIZED),
            new Rule("has to be the address of the api key", VenueError.Kind.UNAUTHORIZED),
            new Rule("unauthorized", VenueError.Kind.UNAUTHORIZED),
            new Rule("invalid l1 request headers", VenueError.Kind.UNAUTHORIZED),
            new Rule("not yet ready to process new orders", VenueError.Kind.MARKET_NOT_READY),
            new Rule("match delayed", VenueError.Kind.MARKET_NOT_READY),
            new Rule("not found", VenueError.Kind.NOT_FOUND),
            new Rule("could not derive api key", VenueError.Kind.NOT_FOUND),
            new Rule("breaks minimum tick size", VenueError.Kind.INVALID_ORDER),
            new Rule("duplicated", VenueError.Kind.INVALID_ORDER),
            new Rule("crosses book", VenueError.Kind.INVALID_ORDER),
            new Rule("crosses the book", VenueError.Kind.INVALID_ORDER),
            new Rule("invalid post-only order", VenueError.Kind.INVALID_ORDER),
            new Rule("invalid expiration", VenueError.Kind.INVALID_ORDER),
            new Rule("invalid order payload", VenueError.Kind.INVALID_ORDER),
            new Rule("canceled in the ctf exchange", VenueError.Kind.INVALID_ORDER),
            new Rule("invalid signature_type", VenueError.Kind.INVALID_REQUEST),
            new Rule("invalid signature", VenueError.Kind.INVALID_ORDER),
            new Rule("invalid orderid", VenueError.Kind.INVALID_REQUEST),
            new Rule("invalid token id", VenueError.Kind.INVALID_REQUEST),
            new Rule("invalid asset type", VenueError.Kind.INVALID_REQUEST),
            new Rule("invalid payload", VenueError.Kind.INVALID_REQUEST),
            new Rule("params payload", VenueError.Kind.INVALID_REQUEST),
            new Rule("too many orders in payload", VenueError.Kind.INVALID_REQUEST));

    /** The {@code code} the CLOB adds to a post-only-mode 503 (docs error-codes, POST order). */
    private static final String POST_ONLY_CODE = "post_only_mode";

    private VenueErrors() {
    }

    /** A complete HTTP answer that is not a success. */
    static VenueError of(int status, String body) {
        JsonNode root = tree(body);
        return classify(status, message(root), code(root));
    }

    /** A refusal inside an answer (a 200 with {@code success:false}, a heartbeat's {@code error_msg}). */
    static VenueError refusal(int status, String venueText) {
        return classify(status, clean(venueText), "");
    }

    /** No answer at all: timeout, refused or dropped connection. */
    static VenueError transport(Throwable t) {
        String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new VenueError(VenueError.Kind.NETWORK, 0, "no answer (" + clean(what) + ")");
    }

    /** An answer that is not what the endpoint documents; {@code detail} names what is wrong, never a value. */
    static VenueError malformed(int status, String detail) {
        return new VenueError(VenueError.Kind.MALFORMED, status, clean(detail));
    }

    private static VenueError classify(int status, String text, String code) {
        VenueError.Kind kind;
        if (status == 429) {
            kind = VenueError.Kind.RATE_LIMITED;
        } else if (status == 425) {
            kind = VenueError.Kind.ENGINE_RESTARTING;
        } else if (status >= 500) {
            VenueError.Kind byText = POST_ONLY_CODE.equals(code) ? VenueError.Kind.POST_ONLY_PERIOD : byText(text);
            kind = byText == VenueError.Kind.POST_ONLY_PERIOD || byText == VenueError.Kind.TRADING_DISABLED
                    ? byText : VenueError.Kind.SERVER_ERROR;
        } else if (status == 401 || status == 403) {
            kind = VenueError.Kind.UNAUTHORIZED;
        } else if (status == 404) {
            kind = VenueError.Kind.NOT_FOUND;
        } else if (status >= 400 || (status >= 200 && status < 300)) {
            kind = POST_ONLY_CODE.equals(code) ? VenueError.Kind.POST_ONLY_PERIOD : byText(text);
        } else {
            return new VenueError(VenueError.Kind.MALFORMED, status,
                    "HTTP " + status + (text.isEmpty() ? "" : " \"" + text + "\""));
        }
        return new VenueError(kind, status, text);
    }

    private static VenueError.Kind byText(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (Rule r : RULES) {
            if (t.contains(r.needle())) {
                return r.kind();
            }
        }
        return VenueError.Kind.UNKNOWN;
    }

    /** The venue's text: {@code error} (text, or an object's message), else {@code errorMsg}, else {@code error_msg}. */
    private static String message(JsonNode root) {
        if (root == null || !root.isObject()) {
            return "";
        }
        for (String field : new String[] {"error", "errorMsg", "error_msg"}) {
            JsonNode e = root.get(field);
            if (e == null || e.isNull()) {
                continue;
            }
            if (e.isTextual()) {
                return clean(e.textValue());
            }
            if (e.isObject() && e.path("message").isTextual()) {
                return clean(e.get("message").textValue());
            }
            return clean(e.toString());
        }
        return "";
    }

    private static String code(JsonNode root) {
        return root != null && root.isObject() && root.path("code").isTextual() ? root.get("code").textValue() : "";
    }

    private static JsonNode tree(String body) {
        ParseResult<JsonNode> r = WireJson.guard(() -> WireJson.tree(body));
        return r.isOk() ? r.value() : null;
    }

    /** One line, at most {@value #MAX_MESSAGE} characters: a venue text is logged, never trusted. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replaceAll("\\p{Cntrl}", " ").strip();
        return t.length() > MAX_MESSAGE ? t.substring(0, MAX_MESSAGE) + "…" : t;
    }
}
