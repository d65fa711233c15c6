package updown.engine.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import updown.config.Secret;
import updown.domain.Usd;
import updown.domain.WalletBalance;
import updown.time.BotClock;

/**
 * The CLOB endpoints the live engine uses, with their auth and their answers parsed defensively. Endpoint paths and
 * query parameters follow Polymarket/py-clob-client-v2 ({@code endpoints.py}, {@code client.py}); response shapes follow
 * clob-client-v2 {@code src/types/clob.ts} and Polymarket/rs-clob-client (see each method).
 */
final class ClobClient {
    static final String END_CURSOR = "LTE=";
    private static final int MAX_PAGES = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClobHttp http;
    private final BotClock clock;
    private final WalletKey key;
    private final long chainId;
    private final int signatureType;
    private volatile ApiCredentials creds;

    ClobClient(ClobHttp http, BotClock clock, WalletKey key, long chainId, int signatureType) {
        this.http = http;
        this.clock = clock;
        this.key = key;
        this.chainId = chainId;
        this.signatureType = signatureType;
    }

    void credentials(ApiCredentials c) {
        this.creds = c;
    }

    ApiCredentials credentials() {
        return creds;
    }

    long timeoutMs() {
        return http.timeoutMs();
    }

    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    private Supplier<Map<String, String>> l2(String method, String signedPath, String body) {
        return () -> L2Auth.headers(key.address(), creds, nowSeconds(), method, signedPath, body);
    }

    private Supplier<Map<String, String>> l1(long nonce) {
        return () -> ClobAuth.headers(key, chainId, nowSeconds(), nonce);
    }

    // ---- API credentials (L1) ---------------------------------------------------------------------------------

    /**
     * Derives the wallet's existing API key (GET /auth/derive-api-key); when the venue has none (a 4xx) creates one
     * (POST /auth/api-key). Deriving first avoids minting a new key on every start. Answer: {apiKey, secret,
     * passphrase}.
     */
    Future<ApiCredentials> deriveOrCreateApiKey() {
        return http.send(HttpMethod.GET, "/auth/derive-api-key", Map.of(), l1(0), null)
                .recover(this::transport)
                .compose(r -> {
                    if (r.ok()) {
                        return parseCreds(r, "/auth/derive-api-key");
                    }
                    if (r.status() >= 400 && r.status() < 500 && r.status() != 429) {
                        // no key to derive yet: create one
                        return http.send(HttpMethod.POST, "/auth/api-key", Map.of(), l1(0), null)
                                .recover(this::transport)
                                .compose(c -> parseCreds(c, "/auth/api-key"));
                    }
                    return Future.failedFuture(failure(r, "GET /auth/derive-api-key"));
                });
    }

    private Future<ApiCredentials> parseCreds(ClobHttp.Reply r, String path) {
        if (!r.ok()) {
            return Future.failedFuture(failure(r, path));
        }
        JsonNode n = parse(r.body());
        if (n == null || !n.path("apiKey").isTextual() || !n.path("secret").isTextual()
                || !n.path("passphrase").isTextual()) {
            return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                    path + ": answer lacks apiKey/secret/passphrase", ""));
        }
        ApiCredentials c = new ApiCredentials(Secret.of(n.get("apiKey").asText()), Secret.of(n.get("secret").asText()),
                Secret.of(n.get("passphrase").asText()));
        if (!c.complete() || !L2Auth.secretDecodes(c.secret())) {
            return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                    path + ": answer holds empty or undecodable credentials", ""));
        }
        return Future.succeededFuture(c);
    }

    // ---- balance and allowance (L2) ---------------------------------------------------------------------------

    /**
     * GET /balance-allowance?asset_type=COLLATERAL&signature_type=N (py-clob-client-v2 {@code get_balance_allowance};
     * the HMAC signs the path without its query). Answer {@code {"balance": "<6-decimal units>", "allowances":
     * {"<spender>": "<units>", ...}}} (Polymarket/rs-clob-client {@code BalanceAllowanceResponse}) or, in
     * clob-client-v2's type, {@code {"balance", "allowance"}}. The allowance used is the one for {@code exchange};
     * if the map lacks it, the smallest listed (conservative); if neither field is present, the allowance is not
     * reported and the balance stands for it.
     */
    Future<WalletBalance> balance(String exchange) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("asset_type", "COLLATERAL");
        q.put("signature_type", Integer.toString(signatureType));
        return http.send(HttpMethod.GET, "/balance-allowance", q, l2("GET", "/balance-allowance", null), null)
                .recover(this::transport)
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /balance-allowance"));
                    }
                    JsonNode n = parse(r.body());
                    Long balance = n == null ? null : units(n.get("balance"));
                    if (balance == null) {
                        return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                                "GET /balance-allowance: no readable balance", ""));
                    }
                    Long allowance = allowanceFor(n, exchange);
                    return Future.succeededFuture(new WalletBalance(Usd.ofMicros(balance),
                            Usd.ofMicros(allowance == null ? balance : allowance), clock.instant()));
                });
    }

    /**
     * The shares of one token the wallet holds: GET /balance-allowance?asset_type=CONDITIONAL&token_id=… for a CTF
     * token, {@code CONDITIONAL-V2} for a Protocol V2 position (API-FACTS Protocol V2 rows; docs
     * protocol-v2-migration). Used before merging or redeeming.
     */
    Future<updown.domain.Shares> positionBalance(String tokenId, boolean protocolV2) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("asset_type", protocolV2 ? "CONDITIONAL-V2" : "CONDITIONAL");
        q.put("token_id", tokenId);
        q.put("signature_type", Integer.toString(signatureType));
        return http.send(HttpMethod.GET, "/balance-allowance", q, l2("GET", "/balance-allowance", null), null)
                .recover(this::transport)
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /balance-allowance (" + q.get("asset_type") + ")"));
                    }
                    JsonNode n = parse(r.body());
                    Long balance = n == null ? null : units(n.get("balance"));
                    if (balance == null) {
                        return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                                "GET /balance-allowance: no readable position balance", ""));
                    }
                    return Future.succeededFuture(updown.domain.Shares.ofMicros(balance));
                });
    }

    /**
     * POST /v1/heartbeats with {@code {"heartbeat_id": previous}} (clob-client-v2 {@code postHeartbeat}; answer
     * {@code {"heartbeat_id", "error_msg"?}}, docs show {@code {"status":"ok"}}): keeps the session's open orders alive.
     * Succeeds with the id to send next (empty when the venue gives none).
     */
    Future<String> heartbeat(String previousId) {
        String body = "{\"heartbeat_id\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(previousId) + "}";
        return http.send(HttpMethod.POST, "/v1/heartbeats", Map.of(), l2("POST", "/v1/heartbeats", body), body)
                .recover(this::transport)
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "POST /v1/heartbeats"));
                    }
                    JsonNode n = parse(r.body());
                    String err = n == null ? "" : n.path("error_msg").asText("");
                    if (n == null || !err.isBlank()) {
                        return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                                "POST /v1/heartbeats: " + (n == null ? "unreadable answer" : err), err));
                    }
                    return Future.succeededFuture(n.path("heartbeat_id").asText(""));
                });
    }

    private static Long allowanceFor(JsonNode n, String exchange) {
        if (n.has("allowance")) {
            return units(n.get("allowance"));
        }
        JsonNode map = n.get("allowances");
        if (map == null || !map.isObject() || map.isEmpty()) {
            return null;
        }
        Long smallest = null;
        Iterator<Map.Entry<String, JsonNode>> it = map.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Long v = units(e.getValue());
            if (v == null) {
                continue;
            }
            if (e.getKey().toLowerCase(Locale.ROOT).equals(exchange.toLowerCase(Locale.ROOT))) {
                return v;
            }
            smallest = smallest == null ? v : Math.min(smallest, v);
        }
        return smallest == null ? 0L : smallest;
    }

    /** An integer amount in 6-decimal units (string or number), capped at Long.MAX_VALUE (unlimited approvals). */
    static Long units(JsonNode v) {
        if (v == null || !(v.isTextual() || v.isIntegralNumber())) {
            return null;
        }
        try {
            BigInteger b = new BigInteger(v.asText().strip());
            if (b.signum() < 0) {
                return null;
            }
            return b.bitLength() > 63 ? Long.MAX_VALUE : b.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- market parameters (public) ---------------------------------------------------------------------------

    /** GET /neg-risk?token_id= → {@code {"neg_risk": false}} (fixture clob/neg-risk.assembled.json). */
    Future<Boolean> negRisk(String tokenId) {
        return http.send(HttpMethod.GET, "/neg-risk", Map.of("token_id", tokenId), Map::of, null)
                .recover(this::transport)
                .compose(r -> {
                    JsonNode n = r.ok() ? parse(r.body()) : null;
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /neg-risk"));
                    }
                    if (n == null || !n.path("neg_risk").isBoolean()) {
                        return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                                "GET /neg-risk: no neg_risk flag", ""));
                    }
                    return Future.succeededFuture(n.get("neg_risk").asBoolean());
                });
    }

    // ---- orders (L2) ------------------------------------------------------------------------------------------

    /** POST /order with the exact body that was signed; any HTTP status comes back as a reply. */
    Future<ClobHttp.Reply> postOrder(String body) {
        return http.send(HttpMethod.POST, "/order", Map.of(), l2("POST", "/order", body), body);
    }

    /**
     * GET /data/order/{id}: the order as the venue knows it ({@code status}, {@code size_matched},
     * {@code associate_trades}, ...); empty when the venue does not know it (404, or an empty/null body).
     */
    Future<Optional<JsonNode>> order(String orderId) {
        String path = "/data/order/" + orderId;
        return http.send(HttpMethod.GET, path, Map.of(), l2("GET", path, null), null)
                .recover(this::transport)
                .compose(r -> {
                    if (r.status() == 404) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /data/order"));
                    }
                    if (r.body() == null || r.body().isBlank()) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    JsonNode n = parse(r.body());
                    if (n == null) {
                        return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                                "GET /data/order: not JSON", ""));
                    }
                    return Future.succeededFuture(n.isObject() && !n.isEmpty() ? Optional.of(n) : Optional.empty());
                });
    }

    /** DELETE /order {"orderID": id}: best effort, for an order that unexpectedly rests on the book. */
    Future<Void> cancel(String orderId) {
        String body = JSON.createObjectNode().put("orderID", orderId).toString();
        return http.send(HttpMethod.DELETE, "/order", Map.of(), l2("DELETE", "/order", body), body)
                .recover(this::transport)
                .compose(r -> r.ok() ? Future.succeededFuture() : Future.failedFuture(failure(r, "DELETE /order")));
    }

    /**
     * GET /data/trades with filters ({@code id}, {@code after}, ...), following {@code next_cursor} until "LTE="
     * (py-clob-client-v2 {@code get_trades}). Each element is a trade: {@code id, taker_order_id, asset_id, side,
     * size, price, fee_rate_bps, status, match_time, maker_orders[{order_id, matched_amount, price, asset_id}],
     * trader_side} (clob-client-v2 {@code Trade}).
     */
    Future<List<JsonNode>> trades(Map<String, String> filters) {
        return tradesPage(filters, "MA==", new ArrayList<>(), 0);
    }

    private Future<List<JsonNode>> tradesPage(Map<String, String> filters, String cursor, List<JsonNode> acc,
                                              int page) {
        Map<String, String> q = new LinkedHashMap<>(filters);
        q.put("next_cursor", cursor);
        return http.send(HttpMethod.GET, "/data/trades", q, l2("GET", "/data/trades", null), null)
                .recover(this::transport)
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /data/trades"));
                    }
                    JsonNode n = parse(r.body());
                    JsonNode data = n == null ? null : (n.isArray() ? n : n.get("data"));
                    if (data == null || !data.isArray()) {
                        return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                                "GET /data/trades: no data array", ""));
                    }
                    data.forEach(acc::add);
                    String next = n.isObject() ? n.path("next_cursor").asText("") : "";
                    if (next.isEmpty() || next.equals(END_CURSOR) || next.equals(cursor) || page + 1 >= MAX_PAGES) {
                        return Future.succeededFuture(acc);
                    }
                    return tradesPage(filters, next, acc, page + 1);
                });
    }

    /**
     * GET /data/orders: this key's open (resting) orders, first page ({@code data[]} of orders with {@code id},
     * {@code status}, {@code asset_id}, {@code size_matched}; clob-client-v2 {@code getOpenOrders}).
     */
    Future<List<JsonNode>> openOrders() {
        return http.send(HttpMethod.GET, "/data/orders", Map.of(), l2("GET", "/data/orders", null), null)
                .recover(this::transport)
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /data/orders"));
                    }
                    JsonNode n = parse(r.body());
                    JsonNode data = n == null ? null : (n.isArray() ? n : n.get("data"));
                    if (data == null || !data.isArray()) {
                        return Future.failedFuture(new ClobException(ClobException.Kind.MALFORMED, r.status(),
                                "GET /data/orders: no data array", ""));
                    }
                    List<JsonNode> out = new ArrayList<>();
                    data.forEach(out::add);
                    return Future.succeededFuture(out);
                });
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private <T> Future<T> transport(Throwable t) {
        if (t instanceof ClobException) {
            return Future.failedFuture(t);
        }
        String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return Future.failedFuture(new ClobException(ClobException.Kind.TRANSPORT, 0, "no answer (" + what + ")", ""));
    }

    static ClobException failure(ClobHttp.Reply r, String what) {
        String venue = venueMessage(r.body());
        ClobException.Kind kind = r.status() == 429 ? ClobException.Kind.RATE_LIMITED
                : r.status() >= 500 ? ClobException.Kind.SERVER
                : r.status() >= 400 ? ClobException.Kind.CLIENT : ClobException.Kind.MALFORMED;
        return new ClobException(kind, r.status(), what + ": HTTP " + r.status()
                + (venue.isEmpty() ? "" : " \"" + venue + "\""), venue);
    }

    /** The venue's error text: {@code error} (string or object), or {@code errorMsg}; at most 200 characters. */
    static String venueMessage(String body) {
        JsonNode n = parse(body);
        String text = "";
        if (n != null && n.isObject()) {
            JsonNode e = n.has("error") ? n.get("error") : n.get("errorMsg");
            if (e != null && !e.isNull()) {
                text = e.isTextual() ? e.asText() : e.toString();
            }
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** A decimal field (string or number) as BigDecimal, null when absent or unreadable. */
    static BigDecimal decimal(JsonNode v) {
        if (v == null || !(v.isTextual() || v.isNumber())) {
            return null;
        }
        try {
            return new BigDecimal(v.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
