package updown.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.engine.live.ApiCredentials;
import updown.engine.live.ClobAuth;
import updown.engine.live.ClobContracts;
import updown.engine.live.L2Auth;
import updown.engine.live.OrderSigner;
import updown.engine.live.V2Order;

/**
 * A loopback CLOB V2 for the live engine: the trading and account endpoints, speaking the wire format of
 * API-FACTS §2.4/§7 and the official clients, and checking everything a real venue would refuse.
 *
 * <p>Checks: L1 headers (recovers the ClobAuth signer and compares it with POLY_ADDRESS and the expected wallet);
 * L2 headers (API key, passphrase, and the HMAC recomputed over timestamp + method + path + body); every order's
 * EIP-712 signature (recovers the signer with web3j and compares it with the expected wallet; POLY_1271 orders
 * through their TypedDataSign envelope), its owner, type (FOK/FAK), side (BUY), minimum size, wallet balance and
 * allowance. Any failed check answers 400/401 and is recorded in {@link #problems()} so a test can assert none.
 *
 * <p>Deterministic matching, so a paper-vs-live comparison is possible: a BUY with makerAmount M (pUSD) and
 * takerAmount T (shares) has the limit M/T and spends M against the held asks, cheapest first, only at prices
 * p with p × T ≤ M. A whole level costs {@code Price.costOf(size)}; the last, partial level takes
 * {@code Usd.sharesAt(p)} of the remaining cash (half-even to the micro-share) and the remaining cash exactly.
 * FOK: killed (HTTP 400, nothing changes) unless the acceptable levels hold at least M. FAK: fills what they hold;
 * killed when that is nothing. Taken liquidity leaves the book. Fee per level:
 * {@code shares × feeRateBps/10⁴ × p(1−p)}, debited from the wallet with the spent pUSD and reported on the trade as
 * {@code fee_rate_bps} with one {@code maker_orders} entry per level. The answer is HTTP 200 {@code {success,
 * errorMsg, orderID (the order hash), status:"matched", makingAmount, takingAmount, tradeIDs}} with decimal amounts.
 *
 * <p>Faults, one per request, queued per endpoint ("POST /order", "GET /balance-allowance", "GET /data/order",
 * "GET /data/trades", ...): a 429 with Retry-After, a 5xx, a timeout (the request is never answered), or, for
 * authenticated endpoints, "process then time out" (the order is matched but the answer withheld) and "process then
 * garbage" (matched, answered 200 with a body that is not JSON).
 */
public final class FakeClobTrading {
    public static final String FOK_KILLED = "order couldn't be fully filled. FOK orders are fully filled or killed.";
    public static final String FAK_KILLED = "no orders found to match with FAK order. FAK orders are partially "
            + "filled or killed if no match is found.";

    /** A scripted misbehaviour for the next request to one endpoint. */
    public record Fault(Kind kind, int status, String retryAfter) {
        public enum Kind { RATE_LIMIT, SERVER_ERROR, TIMEOUT, PROCESS_THEN_TIMEOUT, PROCESS_THEN_GARBAGE, RESTARTING, POST_ONLY }

        /** HTTP 425 Too Early: the matching engine is restarting (docs.polymarket.com/trading/matching-engine). */
        public static Fault restarting() {
            return new Fault(Kind.RESTARTING, 425, null);
        }

        /**
         * HTTP 503 in the post-only period after a restart: a non-post-only order is refused (docs error-codes, POST
         * order; the text as there, with the machine-readable code).
         */
        public static Fault postOnly() {
            return new Fault(Kind.POST_ONLY, 503, null);
        }

        public static Fault rateLimit(String retryAfter) {
            return new Fault(Kind.RATE_LIMIT, 429, retryAfter);
        }

        public static Fault serverError() {
            return new Fault(Kind.SERVER_ERROR, 500, null);
        }

        public static Fault timeout() {
            return new Fault(Kind.TIMEOUT, 0, null);
        }

        public static Fault processThenTimeout() {
            return new Fault(Kind.PROCESS_THEN_TIMEOUT, 0, null);
        }

        /** The request is processed, then answered HTTP 200 with a body that is not JSON. */
        public static Fault processThenGarbage() {
            return new Fault(Kind.PROCESS_THEN_GARBAGE, 200, null);
        }
    }

    private final Vertx vertx;
    private final String wallet;
    private final ApiCredentials creds;
    private final long chainId;
    private final ClobContracts contracts;
    private final Clock clock;
    private HttpServer server;

    private final Map<String, List<Level>> asks = new HashMap<>();
    private final Map<String, Boolean> negRisk = new HashMap<>();
    private final java.util.Set<String> protocolV2 = new java.util.HashSet<>();
    private final Map<String, Long> positions = new HashMap<>();
    private final List<String> signedFor = new ArrayList<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final Map<String, Integer> hits = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<JsonObject> acceptedOrders = new ArrayList<>();
    private final Map<String, JsonObject> ordersById = new LinkedHashMap<>();
    private final List<JsonObject> trades = new ArrayList<>();
    private final List<io.vertx.core.http.ServerWebSocket> userSockets = new ArrayList<>();
    private final Map<String, Long> tradeCost = new HashMap<>();
    private long balance = 1_000_000_000L;
    private long allowance = Long.MAX_VALUE;
    private int feeRateBps = 700;
    private long minOrderSize = 5_000_000L;
    private boolean apiKeyExists = true;
    private int expectedSignatureType = 0;
    private long nextTrade = 1;
    private int heartbeats;
    private String lastHeartbeatId = "";
    private String dataPositions = "[]";

    public FakeClobTrading(Vertx vertx, String walletAddress, ApiCredentials creds, long chainId, Clock clock) {
        this.vertx = vertx;
        this.wallet = walletAddress;
        this.creds = creds;
        this.chainId = chainId;
        this.contracts = ClobContracts.forChain(chainId).orElseThrow();
        this.clock = clock;
    }

    /** Listens on 127.0.0.1, ephemeral port. */
    public Future<FakeClobTrading> start() {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create());
        r.get("/auth/derive-api-key").handler(ctx -> l1(ctx, this::derive));
        r.post("/auth/api-key").handler(ctx -> l1(ctx, this::createKey));
        r.get("/balance-allowance").handler(ctx -> l2(ctx, "GET /balance-allowance", this::balance));
        r.get("/neg-risk").handler(ctx -> guarded(ctx, "GET /neg-risk", this::negRisk));
        r.post("/order").handler(ctx -> l2(ctx, "POST /order", this::postOrder));
        r.post("/v1/heartbeats").handler(ctx -> l2(ctx, "POST /v1/heartbeats", this::heartbeat));
        r.delete("/order").handler(ctx -> l2(ctx, "DELETE /order", this::cancel));
        r.get("/data/order/:id").handler(ctx -> l2(ctx, "GET /data/order", this::getOrder));
        r.get("/data/trades").handler(ctx -> l2(ctx, "GET /data/trades", this::getTrades));
        r.get("/data/orders").handler(ctx -> l2(ctx, "GET /data/orders", this::getOpenOrders));
        // the Data API (a separate host in production: DATA_API_URL points here in tests); public, no auth
        r.get("/positions").handler(this::dataPositions);
        return vertx.createHttpServer().requestHandler(r).webSocketHandler(this::userChannel)
                .listen(0, "127.0.0.1").map(s -> {
            server = s;
            return this;
        });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The market channel's URL on this fake ({@code CLOB_WS_URL}); the user channel sits beside it at /ws/user. */
    public String wsMarketUrl() {
        return "ws://127.0.0.1:" + server.actualPort() + "/ws/market";
    }

    /**
     * The authenticated user channel ({@code /ws/user}, docs.polymarket.com/market-data/websocket/user-channel): the
     * first frame must be {@code {"auth":{apiKey,secret,passphrase},"markets":[…],"type":"user"}} with this fake's
     * credentials, else the socket is closed; {@code PING} gets {@code PONG}.
     */
    private void userChannel(io.vertx.core.http.ServerWebSocket ws) {
        if (!"/ws/user".equals(ws.path())) {
            ws.close((short) 1008, "unknown path");
            return;
        }
        ws.textMessageHandler(text -> {
            if (text.strip().equals("PING")) {
                ws.writeTextMessage("PONG");
                return;
            }
            JsonObject sub;
            try {
                sub = new JsonObject(text);
            } catch (RuntimeException e) {
                problem("user channel: frame is not JSON");
                return;
            }
            JsonObject auth = sub.getJsonObject("auth");
            boolean ok = "user".equals(sub.getString("type")) && sub.getJsonArray("markets") != null && auth != null
                    && creds.apiKey().reveal().equals(auth.getString("apiKey"))
                    && creds.secret().reveal().equals(auth.getString("secret"))
                    && creds.passphrase().reveal().equals(auth.getString("passphrase"));
            if (!ok) {
                problem("user channel: bad subscription");
                ws.close((short) 1008, "unauthorized");
                return;
            }
            synchronized (this) {
                userSockets.add(ws);
            }
        });
        ws.closeHandler(v -> {
            synchronized (this) {
                userSockets.remove(ws);
            }
        });
    }

    /** Subscribed user-channel sockets. */
    public synchronized int userSubscribers() {
        return userSockets.size();
    }

    /**
     * Moves a trade to {@code status} (MINED, CONFIRMED, RETRYING, FAILED), as the operator's settlement does, and
     * pushes the trade event to every subscribed user socket (unless {@code push} is false: a change the bot misses
     * while disconnected). A FAILED trade gives the buyer's pUSD and fee back and removes its shares.
     */
    public synchronized FakeClobTrading tradeStatus(String tradeId, String status, boolean push) {
        JsonObject t = trades.stream().filter(x -> tradeId.equals(x.getString("id"))).findFirst().orElseThrow();
        if ("FAILED".equals(status) && !"FAILED".equals(t.getString("status"))) {
            long shares = Micros.parse(t.getString("size"));
            balance += tradeCost.getOrDefault(tradeId, 0L);
            positions.merge(t.getString("asset_id"), -shares, Long::sum);
        }
        t.put("status", status).put("last_update", Long.toString(clock.instant().getEpochSecond()));
        if (push) {
            JsonObject event = t.copy().put("event_type", "trade").put("type", "TRADE");
            userSockets.forEach(ws -> ws.writeTextMessage(event.encode()));
        }
        return this;
    }

    /** Puts an order on the book as resting (what a FOK/FAK never does), for the open-orders re-read. */
    public synchronized FakeClobTrading restingOrder(String orderId) {
        ordersById.put(orderId, new JsonObject().put("id", orderId).put("status", "LIVE").put("size_matched", "0"));
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    // ---- scripting ------------------------------------------------------------------------------------------------

    /** Replaces a token's asks (any order given; kept cheapest first). */
    public synchronized FakeClobTrading asks(String tokenId, Level... levels) {
        List<Level> l = new ArrayList<>(Arrays.asList(levels));
        l.sort((a, b) -> a.price().compareTo(b.price()));
        asks.put(tokenId, l);
        return this;
    }

    public synchronized List<Level> asksOf(String tokenId) {
        return List.copyOf(asks.getOrDefault(tokenId, List.of()));
    }

    public synchronized FakeClobTrading wallet(Usd balance, Usd allowance) {
        this.balance = balance.micros();
        this.allowance = allowance.micros();
        return this;
    }

    public synchronized Usd balance() {
        return Usd.ofMicros(balance);
    }

    public synchronized FakeClobTrading feeRateBps(int bps) {
        this.feeRateBps = bps;
        return this;
    }

    public synchronized FakeClobTrading minOrderSize(Shares s) {
        this.minOrderSize = s.micros();
        return this;
    }

    public synchronized FakeClobTrading negRisk(String tokenId, boolean value) {
        negRisk.put(tokenId, value);
        return this;
    }

    /** Marks tokens as Protocol V2 positions: orders for them must be signed for ExchangeV3, domain version "3". */
    public synchronized FakeClobTrading protocolV2(String... tokenIds) {
        protocolV2.addAll(Arrays.asList(tokenIds));
        return this;
    }

    /** "exchange@version" of every accepted order, in order. */
    public synchronized List<String> signedFor() {
        return List.copyOf(signedFor);
    }

    /** Shares of a token the wallet holds (bought through this venue or seeded). */
    public synchronized Shares position(String tokenId) {
        return Shares.ofMicros(positions.getOrDefault(tokenId, 0L));
    }

    public synchronized FakeClobTrading position(String tokenId, Shares shares) {
        positions.put(tokenId, shares.micros());
        return this;
    }

    public synchronized FakeClobTrading apiKeyExists(boolean exists) {
        this.apiKeyExists = exists;
        return this;
    }

    public synchronized FakeClobTrading expectSignatureType(int type) {
        this.expectedSignatureType = type;
        return this;
    }

    /** Queues a fault for the next request to an endpoint, e.g. {@code fault("POST /order", Fault.timeout())}. */
    public synchronized FakeClobTrading fault(String endpoint, Fault f) {
        faults.computeIfAbsent(endpoint, k -> new ArrayDeque<>()).add(f);
        return this;
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Requests that reached an endpoint (faulted ones included). */
    public synchronized int hits(String endpoint) {
        return hits.getOrDefault(endpoint, 0);
    }

    /** Orders the fake accepted for matching (signature and headers valid), in arrival order. */
    public synchronized List<JsonObject> acceptedOrders() {
        return List.copyOf(acceptedOrders);
    }

    /** Every check that failed: must be empty in a test of correct behaviour. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    public synchronized List<JsonObject> trades() {
        return List.copyOf(trades);
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private interface Handler {
        void handle(RoutingContext ctx, Reply out);
    }

    /** Where a handler's answer goes: the client, or nowhere (a withheld answer). */
    private interface Reply {
        void send(int status, JsonObject body);
    }

    private synchronized Fault nextFault(String endpoint) {
        hits.merge(endpoint, 1, Integer::sum);
        Deque<Fault> q = faults.get(endpoint);
        return q == null ? null : q.poll();
    }

    /** Applies a queued fault; true when the request is fully handled by it. */
    private boolean applyFault(RoutingContext ctx, String endpoint, Fault f) {
        if (f == null || f.kind() == Fault.Kind.PROCESS_THEN_TIMEOUT || f.kind() == Fault.Kind.PROCESS_THEN_GARBAGE) {
            return false;
        }
        switch (f.kind()) {
            case RATE_LIMIT -> {
                if (f.retryAfter() != null) {
                    ctx.response().putHeader("Retry-After", f.retryAfter());
                }
                json(ctx, 429, new JsonObject().put("error", "Too Many Requests"));
            }
            case SERVER_ERROR -> json(ctx, f.status(), new JsonObject().put("error", "internal error"));
            case RESTARTING -> json(ctx, 425, new JsonObject().put("error", "Too Early"));
            case POST_ONLY -> json(ctx, 503, new JsonObject()
                    .put("error", "post-only mode: only post-only orders and cancels are allowed")
                    .put("code", "post_only_mode"));
            default -> {
                // TIMEOUT: never answer; the client's timeout fires
            }
        }
        return true;
    }

    /** What the Data API's {@code GET /positions?user=} answers (an array of position objects, or any text). */
    public synchronized FakeClobTrading dataPositions(String body) {
        this.dataPositions = body;
        return this;
    }

    private void dataPositions(RoutingContext ctx) {
        String body;
        synchronized (this) {
            hits.merge("GET /positions", 1, Integer::sum);
            String user = ctx.request().getParam("user");
            if (user == null || !user.equalsIgnoreCase(wallet)) {
                problem("GET /positions: user " + user + " is not the wallet");
            }
            body = dataPositions;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(body);
    }

    private void guarded(RoutingContext ctx, String endpoint, Handler h) {
        Fault f = nextFault(endpoint);
        if (!applyFault(ctx, endpoint, f)) {
            h.handle(ctx, (status, answer) -> json(ctx, status, answer));
        }
    }

    private void l1(RoutingContext ctx, Handler h) {
        String endpoint = ctx.request().method() + " " + ctx.request().path();
        Fault f = nextFault(endpoint);
        if (applyFault(ctx, endpoint, f)) {
            return;
        }
        String addr = ctx.request().getHeader("POLY_ADDRESS");
        String sig = ctx.request().getHeader("POLY_SIGNATURE");
        String ts = ctx.request().getHeader("POLY_TIMESTAMP");
        String nonce = ctx.request().getHeader("POLY_NONCE");
        String problem = null;
        if (addr == null || sig == null || ts == null || nonce == null) {
            problem = "L1 headers missing";
        } else {
            try {
                String recovered = recover(ClobAuth.digest(addr, chainId, ts, Long.parseLong(nonce)), sig);
                if (!same(recovered, addr) || !same(addr, wallet)) {
                    problem = "L1 signature recovers " + recovered + ", not " + wallet;
                }
            } catch (RuntimeException e) {
                problem = "L1 signature unreadable: " + e.getMessage();
            }
        }
        if (problem != null) {
            problem(problem);
            json(ctx, 401, new JsonObject().put("error", "Invalid L1 Request headers"));
            return;
        }
        h.handle(ctx, (status, answer) -> json(ctx, status, answer));
    }

    private void l2(RoutingContext ctx, String endpoint, Handler h) {
        Fault f = nextFault(endpoint);
        if (applyFault(ctx, endpoint, f)) {
            return;
        }
        String body = ctx.body().asString();
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        String ts = ctx.request().getHeader("POLY_TIMESTAMP");
        String sig = ctx.request().getHeader("POLY_SIGNATURE");
        String problem = null;
        if (ts == null || sig == null) {
            problem = endpoint + ": L2 headers missing";
        } else if (!same(ctx.request().getHeader("POLY_ADDRESS"), wallet)) {
            problem = endpoint + ": POLY_ADDRESS is not the wallet";
        } else if (!creds.apiKey().reveal().equals(ctx.request().getHeader("POLY_API_KEY"))) {
            problem = endpoint + ": wrong POLY_API_KEY";
        } else if (!creds.passphrase().reveal().equals(ctx.request().getHeader("POLY_PASSPHRASE"))) {
            problem = endpoint + ": wrong POLY_PASSPHRASE";
        } else if (!L2Auth.signature(creds.secret(), ts, method, path, body == null || body.isEmpty() ? null : body)
                .equals(sig)) {
            problem = endpoint + ": HMAC does not match timestamp + method + path + body";
        }
        if (problem != null) {
            problem(problem);
            json(ctx, 401, new JsonObject().put("error", "Unauthorized/Invalid api key"));
            return;
        }
        if (f != null && f.kind() == Fault.Kind.PROCESS_THEN_TIMEOUT) {
            // the request is processed (state changes) but its answer is withheld: the client times out
            h.handle(ctx, (status, answer) -> { });
            return;
        }
        if (f != null && f.kind() == Fault.Kind.PROCESS_THEN_GARBAGE) {
            h.handle(ctx, (status, answer) -> ctx.response().setStatusCode(200).end("<html>upstream hiccup</html>"));
            return;
        }
        h.handle(ctx, (status, answer) -> json(ctx, status, answer));
    }

    private synchronized void problem(String p) {
        problems.add(p);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static String recover(byte[] digest, String signatureHex) {
        byte[] sig = Numeric.hexStringToByteArray(signatureHex);
        if (sig.length < 65) {
            throw new IllegalArgumentException("signature shorter than 65 bytes");
        }
        Sign.SignatureData data = new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32),
                Arrays.copyOfRange(sig, 32, 64));
        try {
            return Keys.toChecksumAddress(Keys.getAddress(Sign.signedMessageHashToKey(digest, data)));
        } catch (java.security.SignatureException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    // ---- endpoints ------------------------------------------------------------------------------------------------

    private JsonObject credsJson() {
        return new JsonObject().put("apiKey", creds.apiKey().reveal()).put("secret", creds.secret().reveal())
                .put("passphrase", creds.passphrase().reveal());
    }

    private void derive(RoutingContext ctx, Reply out) {
        synchronized (this) {
            if (!apiKeyExists) {
                out.send(400, new JsonObject().put("error", "Could not derive api key!"));
                return;
            }
        }
        out.send(200, credsJson());
    }

    private void createKey(RoutingContext ctx, Reply out) {
        synchronized (this) {
            apiKeyExists = true;
        }
        out.send(200, credsJson());
    }

    private synchronized void balance(RoutingContext ctx, Reply out) {
        String assetType = ctx.request().getParam("asset_type");
        if (!Integer.toString(expectedSignatureType).equals(ctx.request().getParam("signature_type"))) {
            problem("GET /balance-allowance: signature_type " + ctx.request().params());
        }
        if ("CONDITIONAL".equals(assetType) || "CONDITIONAL-V2".equals(assetType)) {
            // Protocol V2 positions are read with CONDITIONAL-V2, CTF tokens with CONDITIONAL
            String token = String.valueOf(ctx.request().getParam("token_id"));
            if (protocolV2.contains(token) != "CONDITIONAL-V2".equals(assetType)) {
                problem("GET /balance-allowance: " + assetType + " for token " + token);
                out.send(400, new JsonObject().put("error", "invalid asset type"));
                return;
            }
            out.send(200, new JsonObject().put("balance", Long.toString(positions.getOrDefault(token, 0L)))
                    .put("allowances", new JsonObject()));
            return;
        }
        if (!"COLLATERAL".equals(assetType)) {
            problem("GET /balance-allowance: asset_type " + ctx.request().params());
        }
        out.send(200, new JsonObject().put("balance", Long.toString(balance)).put("allowances", new JsonObject()
                .put(contracts.exchange(), Long.toString(allowance))
                .put(contracts.negRiskExchange(), Long.toString(allowance))
                .put(contracts.exchangeV3(), Long.toString(allowance))));
    }

    /** Heartbeats chain: each must carry the id of the previous answer (empty for the first). */
    private synchronized void heartbeat(RoutingContext ctx, Reply out) {
        JsonObject body = ctx.body().asJsonObject();
        String id = body == null ? null : body.getString("heartbeat_id");
        if (id == null || !id.equals(lastHeartbeatId)) {
            problem("POST /v1/heartbeats: heartbeat_id " + id + ", expected " + lastHeartbeatId);
        }
        lastHeartbeatId = "hb-" + (++heartbeats);
        out.send(200, new JsonObject().put("heartbeat_id", lastHeartbeatId));
    }

    /** Heartbeats received. */
    public synchronized int heartbeats() {
        return heartbeats;
    }

    private synchronized void negRisk(RoutingContext ctx, Reply out) {
        String token = ctx.request().getParam("token_id");
        if (token == null || !token.matches("[0-9]+")) {
            out.send(400, new JsonObject().put("error", "Invalid token id"));
            return;
        }
        out.send(200, new JsonObject().put("neg_risk", negRisk.getOrDefault(token, false)));
    }

    private synchronized void postOrder(RoutingContext ctx, Reply out) {
        JsonObject root;
        try {
            root = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            problem("POST /order: body is not JSON");
            out.send(400, new JsonObject().put("error", "Invalid order payload"));
            return;
        }
        JsonObject o = root == null ? null : root.getJsonObject("order");
        if (o == null) {
            problem("POST /order: no order");
            out.send(400, new JsonObject().put("error", "Invalid order payload"));
            return;
        }
        V2Order order;
        String exchange;
        String hash;
        try {
            order = new V2Order(o.getLong("salt"), o.getString("maker"), o.getString("signer"),
                    o.getString("tokenId"), Long.parseLong(o.getString("makerAmount")),
                    Long.parseLong(o.getString("takerAmount")), "BUY".equals(o.getString("side")) ? 0 : 1,
                    o.getInteger("signatureType"), Long.parseLong(o.getString("timestamp")),
                    o.getString("metadata"), o.getString("builder"));
            boolean v3 = protocolV2.contains(order.tokenId());
            exchange = v3 ? contracts.exchangeV3() : contracts.exchangeFor(negRisk.getOrDefault(order.tokenId(), false));
            // ExchangeV3 orders are checked against a digest computed without the production signer
            byte[] digest = v3
                    ? IndependentOrderDigest.digest("3", chainId, exchange, o.getValue("salt").toString(),
                            o.getString("maker"), o.getString("signer"), o.getString("tokenId"),
                            o.getString("makerAmount"), o.getString("takerAmount"), order.side(),
                            order.signatureType(), o.getString("timestamp"), order.metadata(), order.builder())
                    : OrderSigner.digest(order, exchange, chainId);
            hash = Numeric.toHexString(digest);
            String sig = o.getString("signature");
            String problem = null;
            if (order.signatureType() != expectedSignatureType) {
                problem = "signatureType " + order.signatureType() + ", expected " + expectedSignatureType;
            } else if (order.signatureType() == 3) {
                String inner = recover(OrderSigner.poly1271Digest(order, new updown.engine.live.OrderDomain(exchange,
                        v3 ? "3" : "2"), chainId), sig);
                if (!same(inner, wallet) || !same(order.signer(), order.maker())) {
                    problem = "POLY_1271 inner signature recovers " + inner;
                }
            } else {
                String recovered = recover(digest, sig);
                if (!same(recovered, wallet) || !same(order.signer(), wallet)) {
                    problem = "order signature recovers " + recovered + ", signer field " + order.signer()
                            + ", expected " + wallet;
                } else if (order.signatureType() == 0 && !same(order.maker(), wallet)) {
                    problem = "EOA order with a maker other than the signer";
                }
            }
            if (problem == null && !creds.apiKey().reveal().equals(root.getString("owner"))) {
                problem = "owner is not the API key";
            }
            if (problem == null && !"0x0000000000000000000000000000000000000000".equals(o.getString("taker"))) {
                problem = "taker is not the zero address";
            }
            if (problem != null) {
                problem("POST /order: " + problem);
                out.send(400, new JsonObject().put("error", "invalid signature"));
                return;
            }
        } catch (RuntimeException e) {
            problem("POST /order: malformed order (" + e + ")");
            out.send(400, new JsonObject().put("error", "Invalid order payload"));
            return;
        }
        String type = root.getString("orderType", "");
        if (!type.equals("FOK") && !type.equals("FAK")) {
            problem("POST /order: orderType " + type);
            out.send(400, new JsonObject().put("error", "invalid order type"));
            return;
        }
        if (order.side() != V2Order.BUY) {
            out.send(400, new JsonObject().put("error", "only BUY supported by the fake"));
            return;
        }
        if (ordersById.containsKey(hash)) {
            out.send(400, new JsonObject().put("error", "order " + hash + " already exists"));
            return;
        }
        if (order.takerAmount() < minOrderSize) {
            out.send(400, new JsonObject().put("success", false).put("errorMsg", "Size ("
                    + Micros.format(order.takerAmount(), 0) + ") lower than the minimum: "
                    + Micros.format(minOrderSize, 0)));
            return;
        }
        if (balance < order.makerAmount() || allowance < order.makerAmount()) {
            out.send(400, new JsonObject().put("error", "not enough balance / allowance"));
            return;
        }
        acceptedOrders.add(root);
        signedFor.add(exchange + "@" + (protocolV2.contains(order.tokenId()) ? "3" : "2"));
        match(out, order, hash, type);
    }

    private boolean acceptable(Price p, V2Order o) {
        return BigInteger.valueOf(p.micros()).multiply(BigInteger.valueOf(o.takerAmount()))
                .compareTo(BigInteger.valueOf(o.makerAmount()).multiply(BigInteger.valueOf(Micros.ONE))) <= 0;
    }

    private void match(Reply out, V2Order o, String hash, String type) {
        List<Level> book = asks.computeIfAbsent(o.tokenId(), k -> new ArrayList<>());
        long available = 0;
        for (Level l : book) {
            if (!acceptable(l.price(), o)) {
                break;
            }
            available = Math.addExact(available, l.notional().micros());
        }
        if (type.equals("FOK") && available < o.makerAmount()) {
            out.send(400, new JsonObject().put("success", false).put("errorMsg", FOK_KILLED).put("orderID", "")
                    .put("status", ""));
            return;
        }
        if (available == 0) {
            out.send(400, new JsonObject().put("success", false).put("errorMsg", FAK_KILLED).put("orderID", "")
                    .put("status", ""));
            return;
        }
        long remaining = o.makerAmount();
        long spent = 0;
        long shares = 0;
        java.math.BigDecimal feeExact = java.math.BigDecimal.ZERO;
        JsonArray makers = new JsonArray();
        while (remaining > 0 && !book.isEmpty() && acceptable(book.get(0).price(), o)) {
            Level l = book.get(0);
            long cash = l.notional().micros();
            long take;
            long cost;
            if (remaining >= cash) {
                take = l.size().micros();
                cost = cash;
                book.remove(0);
            } else {
                take = Math.min(l.size().micros(), Usd.ofMicros(remaining).sharesAt(l.price()).micros());
                cost = remaining;
                book.set(0, new Level(l.price(), l.size().minus(Shares.ofMicros(take))));
            }
            remaining -= cost;
            spent += cost;
            shares += take;
            feeExact = feeExact.add(venueFee(take, l.price().micros()));
            makers.add(new JsonObject().put("order_id", "maker-" + nextTrade + "-" + makers.size())
                    .put("owner", "maker").put("maker_address", "0x000000000000000000000000000000000000beef")
                    .put("matched_amount", Micros.format(take, 0)).put("price", l.price().toBigDecimal()
                            .stripTrailingZeros().toPlainString())
                    .put("fee_rate_bps", "0").put("asset_id", o.tokenId()).put("outcome", "Up").put("side", "SELL"));
        }
        long fee = feeExact.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        balance -= spent + fee;
        positions.merge(o.tokenId(), shares, Long::sum);
        String tradeId = "trade-" + nextTrade++;
        String vwap = Micros.format(Micros.div(spent, shares), 0);
        trades.add(new JsonObject().put("id", tradeId).put("taker_order_id", hash).put("market", "0xcondition")
                .put("asset_id", o.tokenId()).put("side", "BUY").put("size", Micros.format(shares, 0))
                .put("fee_rate_bps", Integer.toString(feeRateBps)).put("price", vwap).put("status", "MATCHED")
                .put("match_time", Long.toString(clock.instant().getEpochSecond()))
                .put("last_update", Long.toString(clock.instant().getEpochSecond())).put("outcome", "Up")
                .put("owner", creds.apiKey().reveal()).put("maker_address", o.maker()).put("maker_orders", makers)
                .put("transaction_hash", "0x" + "ab".repeat(32)).put("trader_side", "TAKER"));
        tradeCost.put(tradeId, spent + fee);
        ordersById.put(hash, new JsonObject().put("id", hash).put("status", "MATCHED").put("owner",
                creds.apiKey().reveal()).put("maker_address", o.maker()).put("asset_id", o.tokenId())
                .put("side", "BUY").put("original_size", Micros.format(o.takerAmount(), 0))
                .put("size_matched", Micros.format(shares, 0))
                .put("price", Micros.format(Micros.div(o.makerAmount(), o.takerAmount()), 0))
                .put("associate_trades", new JsonArray().add(tradeId)).put("order_type", type)
                .put("created_at", clock.instant().getEpochSecond()));
        out.send(200, new JsonObject().put("success", true).put("errorMsg", "").put("orderID", hash)
                .put("status", "matched").put("makingAmount", Micros.format(spent, 0))
                .put("takingAmount", Micros.format(shares, 0)).put("transactionsHashes", new JsonArray())
                .put("tradeIDs", new JsonArray().add(tradeId)));
    }

    /**
     * The venue's own fee arithmetic, deliberately not the production formula: micro-shares × bps/10⁴ × p(1−p) in
     * micro-dollars, exact (the caller rounds the trade's sum once, half-even). Collected in pUSD on top of the
     * spend, as a CLOB V2 BUY pays it.
     */
    private java.math.BigDecimal venueFee(long microShares, long priceMicros) {
        java.math.BigDecimal p = java.math.BigDecimal.valueOf(priceMicros, 6);
        return java.math.BigDecimal.valueOf(microShares).multiply(java.math.BigDecimal.valueOf(feeRateBps))
                .multiply(p).multiply(java.math.BigDecimal.ONE.subtract(p)).divide(java.math.BigDecimal.valueOf(10_000));
    }

    private synchronized void getOrder(RoutingContext ctx, Reply out) {
        JsonObject o = ordersById.get(ctx.pathParam("id"));
        if (o == null) {
            out.send(404, new JsonObject().put("error", "order not found"));
        } else {
            out.send(200, o);
        }
    }

    private synchronized void getTrades(RoutingContext ctx, Reply out) {
        String id = ctx.request().getParam("id");
        String after = ctx.request().getParam("after");
        JsonArray data = new JsonArray();
        for (JsonObject t : trades) {
            if (id != null && !id.equals(t.getString("id"))) {
                continue;
            }
            if (after != null && Long.parseLong(t.getString("match_time")) < Long.parseLong(after)) {
                continue;
            }
            data.add(t);
        }
        out.send(200, new JsonObject().put("limit", 100).put("count", data.size()).put("next_cursor", "LTE=")
                .put("data", data));
    }

    private synchronized void getOpenOrders(RoutingContext ctx, Reply out) {
        JsonArray data = new JsonArray();
        ordersById.values().stream().filter(o -> "LIVE".equals(o.getString("status"))).forEach(data::add);
        out.send(200, new JsonObject().put("limit", 100).put("count", data.size()).put("next_cursor", "LTE=")
                .put("data", data));
    }

    private synchronized void cancel(RoutingContext ctx, Reply out) {
        JsonObject body = ctx.body().asJsonObject();
        String id = body == null ? null : body.getString("orderID");
        JsonObject resting = id == null ? null : ordersById.get(id);
        if (resting != null && "LIVE".equals(resting.getString("status"))) {
            resting.put("status", "CANCELED");
            out.send(200, new JsonObject().put("canceled", new JsonArray().add(id)).put("not_canceled",
                    new JsonObject()));
            return;
        }
        out.send(200, new JsonObject().put("canceled", new JsonArray()).put("not_canceled",
                new JsonObject().put(String.valueOf(id), "order can't be found - already canceled or matched")));
    }
}
