package updown.engine.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.domain.FeeSchedule;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.net.ParseResult;
import updown.time.BotClock;
import updown.time.Timers;

/**
 * Sends one signed order and establishes what happened to it.
 *
 * <p>Answers: HTTP 200 {@code {success, errorMsg, orderID, status, makingAmount, takingAmount, tradeIDs |
 * transactionsHashes}} (clob-client-v2 {@code OrderResponse}; {@code tradeIDs} since 2026-07-24), read as a
 * {@link PostOrderReply} by {@link ClobWire}; refusals are classified by {@link VenueErrors}. {@code matched}
 * → a fill: pUSD spent = makingAmount, shares = takingAmount (decimal strings), fee from the trades endpoint (the rate
 * the venue applied, {@code fee_rate_bps}, per maker fill) or, when that is unavailable, from the market's fee
 * schedule on the fill. {@code unmatched} → not filled. A 4xx or {@code success:false} → not filled, with the venue's
 * reason and the result code of its {@link VenueError.Kind} ({@link #codeFor}). A 429 the transport could not wait out → not filled (a 429 is never processed).
 *
 * <p>Unknown outcome (timeout, dropped connection, 5xx, unreadable answer, or a FOK/FAK reported {@code live} or
 * {@code delayed}): the order is RECONCILED, never resent and never assumed. The order id is the order's EIP-712 hash,
 * known before sending, so after waiting one HTTP timeout (a request still in flight lands) the engine asks
 * GET /data/order/{hash} up to {@link #RECONCILE_ATTEMPTS} times: unknown to the venue → not filled; matched size 0 →
 * not filled; matched size &gt; 0 → a fill built from its trades; resting on the book → cancelled, then asked again.
 * If the venue still cannot say, the outcome stays Unknown and the engine stops sending orders until it can.
 */
final class OrderPlacer {
    private static final Logger LOG = LoggerFactory.getLogger(OrderPlacer.class);
    static final int RECONCILE_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final ClobClient clob;
    private final Timers timers;
    private final BotConfig.OrderType orderType;
    /** Told of every refusal the venue gave an order, so the gate can act on what it says about the venue. */
    private Consumer<VenueError> refusals = e -> { };

    OrderPlacer(Vertx vertx, ClobClient clob, BotClock clock, BotConfig.OrderType orderType) {
        this.clob = clob;
        this.timers = new Timers(vertx, clock);
        this.orderType = orderType;
    }

    /** Whom to tell of each venue refusal of an order (one listener; the engine's gate). */
    void onRefusal(Consumer<VenueError> listener) {
        this.refusals = listener;
    }

    /** The exact JSON body of POST /order (API-FACTS §2.4); serialized once, then signed and sent byte for byte. */
    String body(OrderSigner.Signed s, String owner) {
        V2Order o = s.order();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode order = root.putObject("order");
        order.put("salt", o.salt());
        order.put("maker", o.maker());
        order.put("signer", o.signer());
        order.put("taker", ZERO_ADDRESS);
        order.put("tokenId", o.tokenId());
        order.put("makerAmount", Long.toString(o.makerAmount()));
        order.put("takerAmount", Long.toString(o.takerAmount()));
        order.put("side", o.sideText());
        order.put("expiration", "0");
        order.put("signatureType", o.signatureType());
        order.put("timestamp", Long.toString(o.timestampMs()));
        order.put("metadata", o.metadata());
        order.put("builder", o.builder());
        order.put("signature", s.signature());
        root.put("owner", owner);
        root.put("orderType", orderType.name());
        root.put("postOnly", false);
        root.put("deferExec", false);
        return root.toString();
    }

    Future<LegOutcome> place(OrderSigner.Signed signed, FeeSchedule fees) {
        String body = body(signed, clob.credentials().apiKey().reveal());
        return clob.postOrder(body).transform(ar -> {
            if (ar.failed()) {
                LOG.warn("order {}: no answer to POST /order ({}); reconciling", signed.orderHash(),
                        ar.cause().getMessage());
                return reconcile(signed, fees, RECONCILE_ATTEMPTS, true);
            }
            return interpret(signed, fees, ar.result());
        });
    }

    private Future<LegOutcome> interpret(OrderSigner.Signed signed, FeeSchedule fees, ClobHttp.Reply r) {
        String hash = signed.orderHash();
        if (r.status() >= 400) {
            VenueError e = VenueErrors.of(r.status(), r.body());
            refusals.accept(e);
            switch (e.kind()) {
                case RATE_LIMITED -> {
                    return done(new LegOutcome.NotFilled(ResultCode.VENUE_UNAVAILABLE, "rate limited by the venue "
                            + "(HTTP 429, Retry-After " + r.retryAfter() + "); order not placed"));
                }
                case ENGINE_RESTARTING -> {
                    // the matching engine is restarting: the order was not processed (docs: trading/matching-engine)
                    return done(new LegOutcome.NotFilled(ResultCode.VENUE_UNAVAILABLE,
                            "matching engine restarting (HTTP 425); order not placed"));
                }
                default -> {
                    if (r.status() >= 500) {
                        // even a documented 503 refusal is reconciled: the order hash makes asking cheap and safe
                        LOG.warn("order {}: POST /order {}; outcome unknown, reconciling", hash, e.describe());
                        return reconcile(signed, fees, RECONCILE_ATTEMPTS, true);
                    }
                    return done(new LegOutcome.NotFilled(codeFor(e), "venue refused the order (HTTP " + r.status()
                            + (e.message().isEmpty() ? "" : ": " + e.message()) + ")"));
                }
            }
        }
        ParseResult<PostOrderReply> parsed = ClobWire.postOrder(r.body());
        if (!parsed.isOk()) {
            LOG.warn("order {}: POST /order answered HTTP {} unreadably ({}); reconciling", hash, r.status(),
                    parsed.error());
            return reconcile(signed, fees, RECONCILE_ATTEMPTS, false);
        }
        PostOrderReply n = parsed.value();
        String err = n.errorMsg();
        if (n.refused()) {
            VenueError e = VenueErrors.refusal(r.status(), err);
            refusals.accept(e);
            return done(new LegOutcome.NotFilled(codeFor(e),
                    "venue refused the order" + (err.isEmpty() ? "" : ": " + err)));
        }
        switch (n.status()) {
            case "matched" -> {
                Optional<LegFillAmounts> amounts = LegFillAmounts.check(n.makingAmount(), n.takingAmount(),
                        signed.order());
                if (amounts.isEmpty()) {
                    LOG.warn("order {}: matched, but makingAmount={} takingAmount={} do not fit the order; reconciling",
                            hash, n.makingAmount(), n.takingAmount());
                    return reconcile(signed, fees, RECONCILE_ATTEMPTS, false);
                }
                String orderId = n.orderId();
                return feeFromTrades(n.tradeIds(), signed.order().tokenId(), amounts.get().shares(),
                        amounts.get().spent(), fees)
                        .map(fee -> new LegOutcome.Filled(new LegFill(signed.order().tokenId(),
                                amounts.get().spent(), amounts.get().shares(), fee,
                                orderId.isEmpty() ? hash : orderId)));
            }
            case "unmatched" -> {
                return done(new LegOutcome.NotFilled(ResultCode.NO_LIQUIDITY, "no match"
                        + (err.isEmpty() ? "" : ": " + err)));
            }
            case "live", "delayed" -> {
                LOG.warn("order {}: a {} order came back '{}'; cancelling and reconciling", hash, orderType, n.status());
                return clob.cancel(hash).transform(c -> reconcile(signed, fees, RECONCILE_ATTEMPTS, false));
            }
            default -> {
                LOG.warn("order {}: unexpected status '{}'; reconciling", hash, n.status());
                return reconcile(signed, fees, RECONCILE_ATTEMPTS, false);
            }
        }
    }

    /** What a refused order is booked as: the venue error's kind, never its text. */
    static ResultCode codeFor(VenueError e) {
        return switch (e.kind()) {
            case INSUFFICIENT_BALANCE -> ResultCode.INSUFFICIENT_BALANCE;
            case NO_MATCH -> ResultCode.NO_LIQUIDITY;
            case BELOW_MIN_SIZE -> ResultCode.BELOW_MIN_ORDER_SIZE;
            case RATE_LIMITED, ENGINE_RESTARTING, POST_ONLY_PERIOD, TRADING_DISABLED, SERVER_ERROR, NETWORK ->
                    ResultCode.VENUE_UNAVAILABLE;
            default -> ResultCode.VENUE_REJECTED;
        };
    }

    // ---- fees ---------------------------------------------------------------------------------------------------

    /**
     * Σ over the trades' maker fills of {@code matched_amount × fee_rate_bps/10⁴ × (p(1−p))^exponent}; falls back to
     * the market's schedule on the whole fill when there are no trade ids or the trades endpoint cannot answer.
     */
    private Future<Usd> feeFromTrades(List<String> ids, String tokenId, Shares shares, Usd spent, FeeSchedule fees) {
        Usd fallback = VenueFees.fee(shares, Price.ofMicros(Micros.div(spent.micros(), shares.micros())), fees);
        if (ids.isEmpty()) {
            LOG.info("fill of {}: no trade ids in the answer, fee from the market schedule: ${}", tokenId, fallback);
            return Future.succeededFuture(fallback);
        }
        return fetchTrades(ids).map(trades -> {
            Optional<TradeSum> sum = TradeSum.of(trades, tokenId, fees);
            if (sum.isEmpty()) {
                LOG.warn("fill of {}: trades {} unreadable, fee from the market schedule: ${}", tokenId, ids, fallback);
                return fallback;
            }
            return sum.get().fee();
        }).recover(t -> {
            LOG.warn("fill of {}: trades endpoint failed ({}), fee from the market schedule: ${}", tokenId,
                    t.getMessage(), fallback);
            return Future.succeededFuture(fallback);
        });
    }

    /** The trades by id; fails when any page holds an unreadable trade (a fee is never booked from part of them). */
    private Future<List<VenueTrade>> fetchTrades(List<String> ids) {
        Future<List<VenueTrade>> acc = Future.succeededFuture(new ArrayList<>());
        for (String id : ids) {
            acc = acc.compose(list -> clob.trades(Map.of("id", id), ClobClient.Unreadable.FAIL).map(found -> {
                for (VenueTrade t : found) {
                    if (id.equals(t.id())) {
                        list.add(t);
                    }
                }
                return list;
            }));
        }
        return acc;
    }

    // ---- reconciliation -------------------------------------------------------------------------------------------

    /** Asks the venue what became of an order whose outcome we did not learn. */
    Future<LegOutcome> reconcile(OrderSigner.Signed signed, FeeSchedule fees, int attemptsLeft, boolean waitFirst) {
        Future<Void> pause = waitFirst
                ? timers.delay(clob.timeoutMs())
                : Future.succeededFuture();
        String hash = signed.orderHash();
        return pause.compose(v -> clob.order(hash)).transform(ar -> {
            if (ar.failed()) {
                if (attemptsLeft > 1) {
                    return reconcile(signed, fees, attemptsLeft - 1, true);
                }
                LOG.error("order {}: outcome UNKNOWN after reconciliation ({})", hash, ar.cause().getMessage());
                return done(new LegOutcome.Unknown("order " + hash + ": no answer from the venue ("
                        + ar.cause().getMessage() + ")"));
            }
            Optional<VenueOrder> o = ar.result();
            if (o.isEmpty()) {
                LOG.info("order {}: unknown to the venue; it was not placed", hash);
                return done(new LegOutcome.NotFilled(ResultCode.VENUE_UNAVAILABLE,
                        "order did not reach the venue (reconciled)"));
            }
            VenueOrder order = o.get();
            String status = order.status();
            BigDecimal matched = order.sizeMatched();
            if (order.resting()) {
                LOG.warn("order {}: resting on the book; cancelling", hash);
                return clob.cancel(hash).transform(c -> attemptsLeft > 1
                        ? reconcile(signed, fees, attemptsLeft - 1, false)
                        : done(new LegOutcome.Unknown("order " + hash + " was resting on the book")));
            }
            if (matched == null || matched.signum() < 0) {
                return attemptsLeft > 1 ? reconcile(signed, fees, attemptsLeft - 1, true)
                        : done(new LegOutcome.Unknown("order " + hash + ": unreadable size_matched"));
            }
            if (matched.signum() == 0) {
                LOG.info("order {}: reconciled as not filled (status {})", hash, status);
                return done(new LegOutcome.NotFilled(ResultCode.NO_LIQUIDITY, "not filled (reconciled, status "
                        + status + ")"));
            }
            return filledFromOrder(signed, fees, order, matched);
        });
    }

    private Future<LegOutcome> filledFromOrder(OrderSigner.Signed signed, FeeSchedule fees, VenueOrder order,
                                               BigDecimal matched) {
        String hash = signed.orderHash();
        String tokenId = signed.order().tokenId();
        Shares shares = Shares.ofMicros(Micros.fromBigDecimal(matched));
        List<String> ids = order.associateTrades();
        // without trades, the order's own limit bounds what was paid (never more than makerAmount)
        Usd bound = Usd.ofMicros(Math.min(signed.order().makerAmount(),
                Micros.mul(shares.micros(), Micros.div(signed.order().makerAmount(), signed.order().takerAmount()))));
        Future<List<VenueTrade>> trades = ids.isEmpty() ? Future.succeededFuture(List.of()) : fetchTrades(ids);
        return trades.recover(t -> Future.succeededFuture(List.of())).map(list -> {
            Optional<TradeSum> sum = TradeSum.of(list, tokenId, fees);
            Usd spent = sum.map(TradeSum::spent).orElse(bound);
            Usd fee = sum.map(TradeSum::fee).orElseGet(() -> VenueFees.fee(shares,
                    Price.ofMicros(Micros.div(bound.micros(), shares.micros())), fees));
            if (sum.isEmpty()) {
                LOG.warn("order {}: reconciled as filled ({} shares) without readable trades; cost bounded by the "
                        + "limit: ${}", hash, shares, spent);
            } else {
                LOG.info("order {}: reconciled as filled: {} shares for ${} + fee ${}", hash, shares, spent, fee);
            }
            return new LegOutcome.Filled(new LegFill(tokenId, spent, shares, fee,
                    order.id().isEmpty() ? hash : order.id()));
        });
    }

    private static Future<LegOutcome> done(LegOutcome o) {
        return Future.succeededFuture(o);
    }

    /** Spent and shares of a matched answer, checked against what the signed order allowed. */
    record LegFillAmounts(Usd spent, Shares shares) {
        static Optional<LegFillAmounts> check(BigDecimal making, BigDecimal taking, V2Order order) {
            if (making == null || taking == null || making.signum() <= 0 || taking.signum() <= 0) {
                return Optional.empty();
            }
            long spent;
            long shares;
            try {
                spent = Micros.fromBigDecimal(making);
                shares = Micros.fromBigDecimal(taking);
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
            if (spent <= 0 || shares <= 0 || spent > order.makerAmount() + 1) {
                return Optional.empty();
            }
            // price never above the signed limit: spent × taker ≤ maker × shares, plus one micro-dollar per share
            // of rounding slack (spent / shares is rounded by the venue)
            BigInteger lhs = BigInteger.valueOf(spent).multiply(BigInteger.valueOf(order.takerAmount()));
            BigInteger rhs = BigInteger.valueOf(order.makerAmount()).multiply(BigInteger.valueOf(shares))
                    .add(BigInteger.valueOf(shares).multiply(BigInteger.valueOf(order.takerAmount()))
                            .divide(BigInteger.valueOf(Micros.ONE)));
            return lhs.compareTo(rhs) <= 0
                    ? Optional.of(new LegFillAmounts(Usd.ofMicros(spent), Shares.ofMicros(shares)))
                    : Optional.empty();
        }
    }
}
