package updown.engine.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.domain.Usd;
import updown.domain.WalletBalance;
import updown.net.ParseResult;
import updown.time.BotClock;

/**
 * The CLOB endpoints the live engine uses, with their auth; answers are read into typed records by {@link ClobWire}
 * and failures classified by {@link VenueErrors}. Endpoint paths and
 * query parameters follow Polymarket/py-clob-client-v2 ({@code endpoints.py}, {@code client.py}); response shapes follow
 * clob-client-v2 {@code src/types/clob.ts} and Polymarket/rs-clob-client (see each method).
 */
final class ClobClient {
    private static final Logger LOG = LoggerFactory.getLogger(ClobClient.class);
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
     * Derives the wallet's existing API key (GET /auth/derive-api-key); when the venue refuses (a {@link VenueError}
     * kind that is {@link VenueError.Kind#refused() refused}, e.g. 400 "Could not derive api key!") creates one
     * (POST /auth/api-key). Deriving first avoids minting a new key on every start. Answer: {apiKey, secret,
     * passphrase}, read by {@link ClobWire#apiCredentials}.
     */
    Future<ApiCredentials> deriveOrCreateApiKey() {
        return http.send(HttpMethod.GET, "/auth/derive-api-key", Map.of(), l1(0), null)
                .recover(t -> transport(t, "GET /auth/derive-api-key"))
                .compose(r -> {
                    if (r.ok()) {
                        return parseCreds(r, "/auth/derive-api-key");
                    }
                    ClobException derive = failure(r, "GET /auth/derive-api-key");
                    if (derive.error().kind().refused()) {
                        // the venue refused to derive (no key for this wallet yet): create one
                        return http.send(HttpMethod.POST, "/auth/api-key", Map.of(), l1(0), null)
                                .recover(t -> transport(t, "POST /auth/api-key"))
                                .compose(c -> parseCreds(c, "/auth/api-key"));
                    }
                    return Future.failedFuture(derive);
                });
    }

    private Future<ApiCredentials> parseCreds(ClobHttp.Reply r, String path) {
        if (!r.ok()) {
            return Future.failedFuture(failure(r, path));
        }
        ParseResult<ApiCredentials> parsed = ClobWire.apiCredentials(r.body());
        if (!parsed.isOk()) {
            return Future.failedFuture(malformed(r, path, "answer lacks apiKey/secret/passphrase ("
                    + parsed.error().kind() + ")"));
        }
        ApiCredentials c = parsed.value();
        if (!c.complete() || !L2Auth.secretDecodes(c.secret())) {
            return Future.failedFuture(malformed(r, path, "answer holds empty or undecodable credentials"));
        }
        return Future.succeededFuture(c);
    }

    // ---- balance and allowance (L2) ---------------------------------------------------------------------------

    /**
     * GET /balance-allowance?asset_type=COLLATERAL&signature_type=N (py-clob-client-v2 {@code get_balance_allowance};
     * the HMAC signs the path without its query), read as {@link BalanceAllowance}. The allowance used is the one for
     * {@code exchange} ({@link BalanceAllowance#allowanceFor}); when the venue reports none, the balance stands for it.
     */
    Future<WalletBalance> balance(String exchange) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("asset_type", "COLLATERAL");
        q.put("signature_type", Integer.toString(signatureType));
        return http.send(HttpMethod.GET, "/balance-allowance", q, l2("GET", "/balance-allowance", null), null)
                .recover(t -> transport(t, "GET /balance-allowance"))
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /balance-allowance"));
                    }
                    ParseResult<BalanceAllowance> b = ClobWire.balance(r.body());
                    if (!b.isOk()) {
                        return Future.failedFuture(malformed(r, "GET /balance-allowance", "no readable balance ("
                                + b.error() + ")"));
                    }
                    long balance = b.value().balance();
                    Long allowance = b.value().allowanceFor(exchange);
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
        String what = "GET /balance-allowance (" + q.get("asset_type") + ")";
        return http.send(HttpMethod.GET, "/balance-allowance", q, l2("GET", "/balance-allowance", null), null)
                .recover(t -> transport(t, what))
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, what));
                    }
                    ParseResult<BalanceAllowance> b = ClobWire.balance(r.body());
                    if (!b.isOk()) {
                        return Future.failedFuture(malformed(r, what, "no readable position balance ("
                                + b.error() + ")"));
                    }
                    return Future.succeededFuture(updown.domain.Shares.ofMicros(b.value().balance()));
                });
    }

    /**
     * POST /v1/heartbeats with {@code {"heartbeat_id": previous}} (clob-client-v2 {@code postHeartbeat}; answer
     * {@link HeartbeatReply}): keeps the session's open orders alive. Succeeds with the id to send next (empty when
     * the venue gives none); an {@code error_msg} is a refusal, classified by {@link VenueErrors}.
     */
    Future<String> heartbeat(String previousId) {
        String body = "{\"heartbeat_id\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(previousId) + "}";
        return http.send(HttpMethod.POST, "/v1/heartbeats", Map.of(), l2("POST", "/v1/heartbeats", body), body)
                .recover(t -> transport(t, "POST /v1/heartbeats"))
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "POST /v1/heartbeats"));
                    }
                    ParseResult<HeartbeatReply> h = ClobWire.heartbeat(r.body());
                    if (!h.isOk()) {
                        return Future.failedFuture(malformed(r, "POST /v1/heartbeats", "unreadable answer ("
                                + h.error() + ")"));
                    }
                    if (!h.value().errorMsg().isBlank()) {
                        return Future.failedFuture(new ClobException("POST /v1/heartbeats",
                                VenueErrors.refusal(r.status(), h.value().errorMsg())));
                    }
                    return Future.succeededFuture(h.value().heartbeatId());
                });
    }

    // ---- market parameters (public) ---------------------------------------------------------------------------

    /** GET /neg-risk?token_id= → {@code {"neg_risk": false}} (fixture clob/neg-risk.assembled.json). */
    Future<Boolean> negRisk(String tokenId) {
        return http.send(HttpMethod.GET, "/neg-risk", Map.of("token_id", tokenId), Map::of, null)
                .recover(t -> transport(t, "GET /neg-risk"))
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /neg-risk"));
                    }
                    ParseResult<Boolean> flag = ClobWire.negRisk(r.body());
                    return flag.isOk() ? Future.succeededFuture(flag.value())
                            : Future.failedFuture(malformed(r, "GET /neg-risk", "no neg_risk flag (" + flag.error()
                                    + ")"));
                });
    }

    // ---- orders (L2) ------------------------------------------------------------------------------------------

    /** POST /order with the exact body that was signed; any HTTP status comes back as a reply. */
    Future<ClobHttp.Reply> postOrder(String body) {
        return http.send(HttpMethod.POST, "/order", Map.of(), l2("POST", "/order", body), body);
    }

    /**
     * GET /data/order/{id}: the order as the venue knows it ({@link VenueOrder}); empty when the venue does not know
     * it (a 404 or NOT_FOUND answer, or an empty/null body).
     */
    Future<Optional<VenueOrder>> order(String orderId) {
        String path = "/data/order/" + orderId;
        return http.send(HttpMethod.GET, path, Map.of(), l2("GET", path, null), null)
                .recover(t -> transport(t, "GET /data/order"))
                .compose(r -> {
                    if (!r.ok()) {
                        ClobException e = failure(r, "GET /data/order");
                        return e.kind() == VenueError.Kind.NOT_FOUND ? Future.succeededFuture(Optional.empty())
                                : Future.failedFuture(e);
                    }
                    ParseResult<Optional<VenueOrder>> o = ClobWire.order(r.body());
                    return o.isOk() ? Future.succeededFuture(o.value())
                            : Future.failedFuture(malformed(r, "GET /data/order", "unreadable order (" + o.error()
                                    + ")"));
                });
    }

    /** DELETE /order {"orderID": id}: best effort, for an order that unexpectedly rests on the book. */
    Future<Void> cancel(String orderId) {
        String body = JSON.createObjectNode().put("orderID", orderId).toString();
        return http.send(HttpMethod.DELETE, "/order", Map.of(), l2("DELETE", "/order", body), body)
                .recover(t -> transport(t, "DELETE /order"))
                .compose(r -> r.ok() ? Future.succeededFuture() : Future.failedFuture(failure(r, "DELETE /order")));
    }

    /**
     * GET /data/trades with filters ({@code id}, {@code after}, ...), following {@code next_cursor} until "LTE="
     * (py-clob-client-v2 {@code get_trades}), read as {@link VenueTrade}s. What an unreadable element does is the
     * caller's choice ({@link Unreadable}).
     */
    Future<List<VenueTrade>> trades(Map<String, String> filters, Unreadable unreadable) {
        return tradesPage(filters, unreadable, "MA==", new ArrayList<>(), 0);
    }

    /** What an unreadable element of a list answer does. */
    enum Unreadable {
        /** Skipped with one log line per page (a re-read that must go on). */
        SKIP,
        /** Fails the whole read (the caller must see every element it asked for, e.g. to book a fill's fee). */
        FAIL
    }

    private Future<List<VenueTrade>> tradesPage(Map<String, String> filters, Unreadable unreadable, String cursor,
                                                List<VenueTrade> acc, int page) {
        Map<String, String> q = new LinkedHashMap<>(filters);
        q.put("next_cursor", cursor);
        return http.send(HttpMethod.GET, "/data/trades", q, l2("GET", "/data/trades", null), null)
                .recover(t -> transport(t, "GET /data/trades"))
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /data/trades"));
                    }
                    ParseResult<WirePage<VenueTrade>> p = ClobWire.trades(r.body());
                    if (!p.isOk()) {
                        return Future.failedFuture(malformed(r, "GET /data/trades", "no data array (" + p.error()
                                + ")"));
                    }
                    if (!p.value().skipped().isEmpty()) {
                        if (unreadable == Unreadable.FAIL) {
                            return Future.failedFuture(malformed(r, "GET /data/trades", "unreadable trade ("
                                    + p.value().skipped().get(0) + ")"));
                        }
                        LOG.warn("GET /data/trades: {} unreadable trade(s) skipped (first: {})",
                                p.value().skipped().size(), p.value().skipped().get(0));
                    }
                    acc.addAll(p.value().items());
                    String next = p.value().nextCursor();
                    if (next.isEmpty() || next.equals(END_CURSOR) || next.equals(cursor) || page + 1 >= MAX_PAGES) {
                        return Future.succeededFuture(acc);
                    }
                    return tradesPage(filters, unreadable, next, acc, page + 1);
                });
    }

    /**
     * GET /data/orders: this key's open (resting) orders, first page ({@link VenueOrder}s; clob-client-v2
     * {@code getOpenOrders}); an element without an id is skipped with one log line.
     */
    Future<List<VenueOrder>> openOrders() {
        return http.send(HttpMethod.GET, "/data/orders", Map.of(), l2("GET", "/data/orders", null), null)
                .recover(t -> transport(t, "GET /data/orders"))
                .compose(r -> {
                    if (!r.ok()) {
                        return Future.failedFuture(failure(r, "GET /data/orders"));
                    }
                    ParseResult<WirePage<VenueOrder>> p = ClobWire.openOrders(r.body());
                    if (!p.isOk()) {
                        return Future.failedFuture(malformed(r, "GET /data/orders", "no data array (" + p.error()
                                + ")"));
                    }
                    if (!p.value().skipped().isEmpty()) {
                        LOG.warn("GET /data/orders: {} unreadable order(s) skipped (first: {})",
                                p.value().skipped().size(), p.value().skipped().get(0));
                    }
                    return Future.succeededFuture(p.value().items());
                });
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static <T> Future<T> transport(Throwable t, String what) {
        if (t instanceof ClobException) {
            return Future.failedFuture(t);
        }
        return Future.failedFuture(new ClobException(what, VenueErrors.transport(t)));
    }

    /** A non-2xx answer, classified by the one error adapter. */
    static ClobException failure(ClobHttp.Reply r, String what) {
        return new ClobException(what, VenueErrors.of(r.status(), r.body()));
    }

    private static ClobException malformed(ClobHttp.Reply r, String what, String detail) {
        return new ClobException(what, VenueErrors.malformed(r.status(), detail));
    }
}
