package updown.engine.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import updown.config.BotConfig;
import updown.domain.Direction;
import updown.domain.FeeSchedule;
import updown.domain.Fill;
import updown.domain.Kst;
import updown.domain.Market;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.domain.WalletBalance;
import updown.engine.Engine;
import updown.engine.Execution;
import updown.engine.Order;
import updown.engine.PaperEngine;
import updown.time.BotClock;

/**
 * Real orders on the Polymarket CLOB V2, behind the same {@link Engine} interface as the paper engine.
 *
 * <p>Per order: {@link OrderPlan} checks and sizes it (caps, tick, minimum size, liquidity, portfolio budget), the
 * LIVE_MAX_DAILY_USD budget is checked, the wallet's balance and allowance are read from the venue (the truth, SPEC
 * §9), each leg is signed (EIP-712, domain version "2") and sent as a marketable FOK (or FAK) BUY capped at the limit,
 * and the venue's answer becomes the same {@link Fill} the paper engine makes. Orders run one at a time.
 *
 * <p>Outcomes: {@link Execution.Filled} only for what the venue filled. {@link Execution.Rejected} for everything
 * else, with nothing spent: caps ({@code ORDER_CAP_EXCEEDED}), wallet ({@code INSUFFICIENT_BALANCE}), venue refusals,
 * and {@code DRY_RUN} (LIVE_DRY_RUN: signed and logged, not sent, so no trade is booked).
 *
 * <p>ARB: Up is sent first, then Down. If Up fails, nothing was bought (rejected). If Up fills and Down does not, the
 * engine does not try to unwind: it returns the Up leg alone as a {@code BUY_UP} fill, so the ledger records exactly
 * what the wallet holds, and logs a warning.
 *
 * <p>An order whose outcome stays unknown after reconciliation ({@link OrderPlacer}) blocks further orders (each
 * rejected {@code VENUE_UNAVAILABLE}) until the venue tells what became of it; a late discovered fill is logged as
 * an error (the wallet check on {@link updown.bus.Addresses#LIVE_WALLET} shows the drift). Never a second order in
 * its place.
 *
 * <p>The private key, the API secret and the passphrase never leave this package in clear: not in logs, exception
 * messages, {@code toString} or any returned value.
 */
public final class LiveEngine implements Engine, WalletSource {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEngine.class);
    public static final String NAME = "live";

    private final BotConfig.Live live;
    private final BotClock clock;
    private final WalletKey key;
    private final String funder;
    private final ClobContracts contracts;
    private final ClobHttp http;
    private final ClobClient clob;
    private final OrderPlacer placer;
    private final DailySpend daily;
    private final LongSupplier salts;
    private final Map<String, Boolean> negRisk = new ConcurrentHashMap<>();
    /** Conditions of the Protocol V2 markets this engine traded (read by the redeemer on its own context). */
    private final java.util.Set<String> protocolV2Conditions = ConcurrentHashMap.newKeySet();
    private final VenueGate gate = new VenueGate();
    private final Vertx vertx;
    private volatile String heartbeatId = "";
    private updown.time.ClockScheduler scheduler;
    private Future<Void> beating;
    private Future<?> queue = Future.succeededFuture();
    private volatile Pending pending;
    /** The paper engine on the same decisions (the shadow); its fills are compared, never booked. */
    private final PaperEngine shadowEngine;
    private final ShadowLedger shadow = new ShadowLedger();

    /** An order whose outcome is unknown, with the daily budget it still holds. */
    private record Pending(OrderSigner.Signed signed, FeeSchedule fees, Usd reserved) {
    }

    private LiveEngine(Vertx vertx, BotConfig config, BotClock clock, WalletKey key, ClobHttp http,
                       LongSupplier salts) {
        this.live = config.live();
        this.clock = clock;
        this.key = key;
        this.funder = live.funderAddress().isBlank() ? key.address() : live.funderAddress().strip();
        this.contracts = ClobContracts.forChain(live.chainId()).orElseThrow();
        this.http = http;
        this.clob = new ClobClient(http, clock, key, live.chainId(), live.signatureType());
        this.placer = new OrderPlacer(vertx, clob, clock, live.orderType());
        this.daily = new DailySpend(live.maxDailyUsd(), clock);
        this.salts = salts;
        this.vertx = vertx;
        this.shadowEngine = PaperEngine.fromConfig(config);
        updown.bus.LocalRecordCodec.register(vertx.eventBus());
        // a post-only-mode refusal means a restart we did not see (the bot started during the period): wait it out
        placer.onRefusal(e -> {
            if (e.kind() == VenueError.Kind.POST_ONLY_PERIOD) {
                gate.postOnlyRefusal(clock.instant());
                LOG.warn("live: the venue is in its post-only period ({}); no new orders for {} s", e.message(),
                        VenueGate.POST_ONLY_PERIOD.toSeconds());
            }
        });
        // every answer tells the gate whether the matching engine is restarting (425) or back
        http.onStatus(status -> {
            if (status == 425) {
                gate.restartSeen(clock.instant());
            } else if (status > 0 && status < 500) {
                gate.answered(clock.instant());
            }
        });
    }

    /** Heartbeat period: the venue cancels open orders after ~10 s without one (py-clob-client-v2 docs); half that. */
    static final long HEARTBEAT_MS = 5_000;

    /**
     * One heartbeat, chained on the previous answer's id. Its outcome opens or closes the gate for new orders; a
     * change is logged once.
     */
    synchronized Future<Void> heartbeat() {
        if (beating != null) {
            return beating; // one in flight at a time: each must carry the previous answer's id
        }
        Future<Void> f = clob.heartbeat(heartbeatId).transform(ar -> {
            if (ar.succeeded()) {
                heartbeatId = ar.result();
                if (gate.heartbeatFailing()) {
                    LOG.info("live heartbeat answered again; new orders allowed");
                }
                gate.heartbeatOk();
            } else {
                if (!gate.heartbeatFailing()) {
                    LOG.warn("live heartbeat failed ({}); no new orders until it answers", ar.cause().getMessage());
                }
                gate.heartbeatFailed(ar.cause().getMessage());
            }
            return Future.<Void>succeededFuture();
        });
        beating = f;
        f.onComplete(x -> {
            synchronized (this) {
                if (beating == f) {
                    beating = null;
                }
            }
        });
        return f;
    }

    /**
     * Checks the settings ({@link LivePreflight}), uses CLOB_API_KEY/SECRET/PASSPHRASE or derives (else creates)
     * the API credentials with an L1 signature, seeds today's LIVE_MAX_DAILY_USD use from the venue's trades, and
     * announces itself in the log. Fails (with a message free of secrets) when any of that is impossible.
     */
    public static Future<LiveEngine> create(Vertx vertx, BotConfig config, BotClock clock) {
        List<String> problems = LivePreflight.check(config);
        if (!problems.isEmpty()) {
            return Future.failedFuture(new IllegalStateException("live engine refused: " + String.join("; ", problems)));
        }
        SecureRandom random = new SecureRandom();
        LiveEngine engine;
        try {
            WalletKey key = WalletKey.of(config.live().privateKey());
            ClobHttp http = new ClobHttp(vertx, config.market().clobApiUrl(), config.market().httpTimeoutMs(),
                    config.market().userAgent(), clock);
            // 53-bit salts: exact in every JSON reader (py-clob-client-v2 also keeps salts below 2^53)
            engine = new LiveEngine(vertx, config, clock, key, http, () -> random.nextLong() >>> 11);
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalStateException("live engine refused: " + e.getMessage()));
        }
        return engine.start().recover(t -> {
            engine.close();
            return Future.failedFuture(new IllegalStateException("live engine could not start: " + t.getMessage()));
        });
    }

    private Future<LiveEngine> start() {
        ApiCredentials configured = new ApiCredentials(live.apiKey(), live.apiSecret(), live.apiPassphrase());
        Future<ApiCredentials> creds = configured.complete()
                ? Future.succeededFuture(configured)
                : clob.deriveOrCreateApiKey().onSuccess(c -> LOG.info("CLOB API credentials derived for {}",
                        key.address()));
        return creds.compose(c -> {
            clob.credentials(c);
            return seedDailySpend();
        }).compose(v -> heartbeat()).map(v -> {
            scheduler = new updown.time.ClockScheduler(vertx, clock);
            scheduler.every(HEARTBEAT_MS, this::heartbeat);
            LOG.warn("LIVE TRADING ENGINE READY{}: real orders on {} (chain {}), signer {}, funder {}, signature type "
                            + "{}, {} orders, caps ${} per order and ${} per KST day (${} already used today)",
                    live.dryRun() ? " (DRY RUN: orders are signed and logged, never sent)" : "",
                    contracts.exchange(), live.chainId(), key.address(), funder, live.signatureType(),
                    live.orderType(), live.maxOrderUsd(), live.maxDailyUsd(), daily.used());
            return this;
        });
    }

    /** Today's (KST) BUY trades of this API key, Σ size × price, count against LIVE_MAX_DAILY_USD. */
    private Future<Void> seedDailySpend() {
        long dayStart = Kst.startOf(Kst.dayOf(clock.instant())).getEpochSecond();
        return clob.trades(Map.of("after", Long.toString(dayStart)), ClobClient.Unreadable.SKIP).map(trades -> {
            BigDecimal sum = BigDecimal.ZERO;
            for (VenueTrade t : trades) {
                BigDecimal size = t.size();
                BigDecimal price = t.price();
                if ("BUY".equalsIgnoreCase(t.side()) && size != null && price != null) {
                    sum = sum.add(size.multiply(price));
                }
            }
            daily.add(Usd.ofMicros(Micros.fromBigDecimal(sum)));
            return null;
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The wallet's address (the signer of every order and of the auth headers). */
    public String signerAddress() {
        return key.address();
    }

    /** The address that holds the funds: LIVE_FUNDER_ADDRESS, or the signer for signature type 0. */
    /** Whether a condition belongs to a Protocol V2 market this engine traded in this run. */
    public java.util.function.Predicate<String> tradedProtocolV2() {
        return protocolV2Conditions::contains;
    }

    public String funderAddress() {
        return funder;
    }

    public boolean dryRun() {
        return live.dryRun();
    }

    /**
     * How this run's redeems and merges reach the chain ({@link ChainSubmitter#forRun}), with one line saying which
     * (the key stays in this engine).
     */
    public ChainSubmitter chainSubmitter(BotConfig config) {
        ChainSubmitter chain = ChainSubmitter.forRun(vertx, config, clock, key, funder, live.dryRun());
        if (live.dryRun()) {
            LOG.info("redeem and merge: dry run, calls are logged, nothing is sent");
        } else if (chain.sends()) {
            LOG.info("redeem and merge: sent from {} over POLYGON_RPC_URL (gas up to {} gwei)", key.address(),
                    live.maxGasGwei());
        } else if (live.signatureType() != 0) {
            LOG.warn("redeem and merge: signature type {} wallet needs Polymarket's relayer (not built): calls are "
                    + "logged, redeem them on polymarket.com", live.signatureType());
        } else {
            LOG.warn("redeem and merge: no POLYGON_RPC_URL, calls are logged, not sent (redeem on polymarket.com)");
        }
        return chain;
    }

    /** pUSD committed to live orders this KST day (counted against LIVE_MAX_DAILY_USD). */
    public Usd usedToday() {
        return daily.used();
    }

    /** GET /balance-allowance for the collateral; the allowance is the V2 exchange's. */
    @Override
    public Future<WalletBalance> walletBalance() {
        return clob.balance(contracts.exchange());
    }

    /** Shares of a market's token the wallet holds: CONDITIONAL for CTF markets, CONDITIONAL-V2 for Protocol V2. */
    public Future<Shares> position(Market market, String tokenId) {
        return clob.positionBalance(tokenId, market.protocolV2());
    }

    @Override
    public Future<Execution> execute(Order order) {
        if (order.market().protocolV2()) {
            protocolV2Conditions.add(order.market().conditionId());
        }
        // the paper fill on the decision's books, before the venue is asked (pure, no I/O)
        Execution paper = shadowFill(order);
        return executeLive(order).onSuccess(liveResult -> {
            if (paper != null) {
                ShadowTrade t = ShadowTrade.of(clock.instant(), order.market().slug(), order.side(), paper, liveResult);
                shadow.add(t);
                vertx.eventBus().publish(updown.bus.Addresses.LIVE_SHADOW, t);
            }
        });
    }

    /** The paper-vs-live comparisons of this run (in memory; the ledger never sees them). */
    public ShadowLedger shadow() {
        return shadow;
    }

    private Execution shadowFill(Order order) {
        try {
            return shadowEngine.fill(order);
        } catch (RuntimeException e) {
            LOG.warn("shadow paper fill for {} failed: {}", order.market().slug(), e.toString());
            return null;
        }
    }

    private Future<Execution> executeLive(Order order) {
        synchronized (this) {
            Future<Execution> result = queue.transform(ignored -> {
                try {
                    return run(order);
                } catch (RuntimeException e) {
                    LOG.error("live engine failed on an order for {}: {}", order.market().slug(), e.toString());
                    return Future.failedFuture(new IllegalStateException("live engine error: " + e.getMessage()));
                }
            });
            queue = result.transform(ar -> Future.succeededFuture());
            return result;
        }
    }

    private Future<Execution> run(Order order) {
        // a fresh heartbeat before every order (it also probes a restarting venue once its backoff has run out)
        Future<Void> beat = gate.restarting() && !gate.probeDue(clock.instant())
                ? Future.succeededFuture() : heartbeat();
        return beat.compose(b -> gate.refusal(clock.instant())
                .map(why -> rejected(ResultCode.VENUE_UNAVAILABLE, why))
                .orElseGet(() -> runOpen(order)));
    }

    private Future<Execution> runOpen(Order order) {
        return resolvePending().compose(clear -> {
            if (!clear) {
                return rejected(ResultCode.VENUE_UNAVAILABLE, "an earlier order's outcome is still unknown ("
                        + pending.signed().orderHash() + "); no new live orders until the venue confirms it");
            }
            OrderPlan.Result r = OrderPlan.of(order, live);
            if (r.rejection() != null) {
                LOG.info("live order for {} refused: {} ({})", order.market().slug(), r.rejection().reason(),
                        r.rejection().code());
                return Future.succeededFuture(r.rejection());
            }
            OrderPlan plan = r.plan();
            if (!daily.fits(plan.notional())) {
                return rejected(ResultCode.ORDER_CAP_EXCEEDED, "order $" + plan.notional() + " would take today's "
                        + "live total to $" + daily.used().plus(plan.notional()) + ", over LIVE_MAX_DAILY_USD $"
                        + daily.cap());
            }
            return exchanges(order, plan).transform(ex -> ex.failed()
                    ? rejected(ResultCode.VENUE_UNAVAILABLE, "market parameters unavailable ("
                            + ex.cause().getMessage() + ")")
                    : checkWalletAndSend(order, plan, ex.result()));
        });
    }

    private Future<Execution> checkWalletAndSend(Order order, OrderPlan plan, List<OrderDomain> exchanges) {
        return clob.balance(exchanges.get(0).exchange()).transform(ar -> {
            if (ar.failed()) {
                return rejected(ResultCode.VENUE_UNAVAILABLE, "wallet balance unavailable ("
                        + ar.cause().getMessage() + "); not trading blind");
            }
            WalletBalance w = ar.result();
            Usd need = plan.worstCaseCost();
            if (w.balance().lessThan(need) || w.allowance().lessThan(need)) {
                return rejected(ResultCode.INSUFFICIENT_BALANCE, "wallet holds $" + w.balance()
                        + " (exchange allowance $" + w.allowance() + "), the order needs up to $" + need);
            }
            List<OrderSigner.Signed> signed = new ArrayList<>();
            for (int i = 0; i < plan.legs().size(); i++) {
                signed.add(sign(plan.legs().get(i), exchanges.get(i)));
            }
            if (live.dryRun()) {
                signed.forEach(s -> LOG.warn("DRY RUN, not sent: {} {} order {}: token {} pays ≤ ${} for ≥ {} "
                                + "shares (limit {}), signature {}…", live.orderType(), s.order().sideText(),
                        s.orderHash(), s.order().tokenId(), Usd.ofMicros(s.order().makerAmount()),
                        Shares.ofMicros(s.order().takerAmount()), priceOf(s.order()),
                        s.signature().substring(0, 18)));
                return rejected(ResultCode.DRY_RUN, "dry run: " + signed.size() + " order(s) for up to $"
                        + plan.notional() + " signed and logged, nothing sent");
            }
            return send(order, plan, signed);
        });
    }

    /** Where each leg is signed: ExchangeV3 for a Protocol V2 market, else the V2 exchange of its neg-risk flag. */
    private Future<List<OrderDomain>> exchanges(Order order, OrderPlan plan) {
        Future<List<OrderDomain>> acc = Future.succeededFuture(new ArrayList<>());
        boolean protocolV2 = order.market().protocolV2();
        for (OrderPlan.Leg leg : plan.legs()) {
            Future<Boolean> negRiskFlag = protocolV2 ? Future.succeededFuture(false) : negRisk(leg.tokenId());
            acc = acc.compose(list -> negRiskFlag.map(nr -> {
                list.add(contracts.orderDomain(protocolV2, nr));
                return list;
            }));
        }
        return acc;
    }

    private Future<Boolean> negRisk(String tokenId) {
        Boolean known = negRisk.get(tokenId);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return clob.negRisk(tokenId).onSuccess(v -> negRisk.put(tokenId, v));
    }

    private OrderSigner.Signed sign(OrderPlan.Leg leg, OrderDomain exchange) {
        String signer = live.signatureType() == 3 ? funder : key.address();
        V2Order o = new V2Order(salts.getAsLong(), funder, signer, leg.tokenId(), leg.amounts().makerAmount(),
                leg.amounts().takerAmount(), V2Order.BUY, live.signatureType(), clock.millis(), null, null);
        return OrderSigner.sign(key, o, exchange, live.chainId());
    }

    private static String priceOf(V2Order o) {
        return Price.ofMicros(Micros.div(o.makerAmount(), o.takerAmount())).toString();
    }

    private Future<Execution> send(Order order, OrderPlan plan, List<OrderSigner.Signed> signed) {
        Usd reserved = plan.notional();
        daily.add(reserved);
        FeeSchedule fees = order.market().fees();
        OrderSigner.Signed first = signed.get(0);
        logSent(order, first);
        return placer.place(first, fees).compose(o1 -> {
            Usd firstMax = Usd.ofMicros(first.order().makerAmount());
            if (o1 instanceof LegOutcome.NotFilled nf) {
                daily.release(reserved);
                return rejected(nf.code(), nf.reason());
            }
            if (o1 instanceof LegOutcome.Unknown u) {
                daily.release(reserved.minus(firstMax));
                pending = new Pending(first, fees, firstMax);
                return rejected(ResultCode.VENUE_UNAVAILABLE, "outcome unknown: " + u.reason()
                        + "; no new live orders until the venue confirms it");
            }
            LegFill f1 = ((LegOutcome.Filled) o1).fill();
            daily.release(firstMax.minus(f1.spent()));
            if (signed.size() == 1) {
                return filled(directional(order.side(), f1));
            }
            OrderSigner.Signed second = signed.get(1);
            Usd secondMax = Usd.ofMicros(second.order().makerAmount());
            logSent(order, second);
            return placer.place(second, fees).compose(o2 -> {
                if (o2 instanceof LegOutcome.Filled f) {
                    LegFill f2 = f.fill();
                    daily.release(secondMax.minus(f2.spent()));
                    return filled(new Fill(Direction.ARB, f1.tokenId(), f1.price(), f1.shares(), f2.tokenId(),
                            f2.price(), f2.shares(), f1.spent().plus(f2.spent()), f1.fee().plus(f2.fee()),
                            f1.orderId() + "," + f2.orderId()));
                }
                if (o2 instanceof LegOutcome.Unknown u) {
                    pending = new Pending(second, fees, secondMax);
                    LOG.error("ARB on {}: Up leg filled, Down leg outcome UNKNOWN ({}); booking the Up leg alone",
                            order.market().slug(), u.reason());
                } else {
                    daily.release(secondMax);
                    LOG.warn("ARB on {}: Up leg filled, Down leg not filled ({}); booking the Up leg alone as BUY_UP",
                            order.market().slug(), ((LegOutcome.NotFilled) o2).reason());
                }
                return filled(directional(Direction.BUY_UP, f1));
            });
        });
    }

    private void logSent(Order order, OrderSigner.Signed s) {
        LOG.info("live order sent: {} {} on {} token {} for ≤ ${} at ≤ {} (order {})", live.orderType(),
                s.order().sideText(), order.market().slug(), s.order().tokenId(),
                Usd.ofMicros(s.order().makerAmount()), priceOf(s.order()), s.orderHash());
    }

    private static Fill directional(Direction side, LegFill f) {
        return new Fill(side, f.tokenId(), f.price(), f.shares(), null, null, null, f.spent(), f.fee(), f.orderId());
    }

    private static Future<Execution> filled(Fill fill) {
        LOG.info("live fill: {} {} shares at {} for ${} + fee ${} (order {})", fill.side(), fill.shares(),
                fill.price(), fill.amount(), fill.fee(), fill.externalId());
        return Future.succeededFuture(new Execution.Filled(fill));
    }

    private static Future<Execution> rejected(ResultCode code, String reason) {
        LOG.warn("live order rejected ({}): {}", code, reason);
        return Future.succeededFuture(Execution.rejected(code, reason));
    }

    /** True when no order's outcome is unknown (asking the venue once more if one is). */
    private Future<Boolean> resolvePending() {
        Pending p = pending;
        if (p == null) {
            return Future.succeededFuture(true);
        }
        return placer.reconcile(p.signed(), p.fees(), 1, false).map(o -> {
            if (o instanceof LegOutcome.Unknown) {
                return false;
            }
            if (o instanceof LegOutcome.Filled f) {
                daily.release(p.reserved().minus(f.fill().spent()));
                LOG.error("order {} turned out FILLED after its outcome was unknown: {} shares of {} for ${} + fee ${}"
                        + " — this fill is NOT in the bot's ledger; the wallet balance shows it as drift",
                        p.signed().orderHash(), f.fill().shares(), f.fill().tokenId(), f.fill().spent(), f.fill().fee());
            } else {
                daily.release(p.reserved());
                LOG.info("order {} reconciled as not filled; live orders resume", p.signed().orderHash());
            }
            pending = null;
            return true;
        });
    }

    /** The L2 credentials in use (for the user channel's subscription; never logged). */
    ApiCredentials credentials() {
        return clob.credentials();
    }

    /** GET /data/trades of this key since {@code after} (the user channel's re-read after a (re)connect). */
    Future<List<VenueTrade>> tradesSince(java.time.Instant after) {
        return clob.trades(Map.of("after", Long.toString(after.getEpochSecond())),
                ClobClient.Unreadable.SKIP);
    }

    /** GET /data/orders: orders of this key resting on the book (FOK/FAK orders never should). */
    Future<List<VenueOrder>> openOrders() {
        return clob.openOrders();
    }

    /** DELETE /order, best effort. */
    Future<Void> cancel(String orderId) {
        return clob.cancel(orderId);
    }

    /** Releases the HTTP client. */
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        http.close();
    }

    @Override
    public String toString() {
        return "LiveEngine[signer=" + key.address() + ", funder=" + funder + ", chain=" + live.chainId()
                + (live.dryRun() ? ", dry-run" : "") + "]";
    }
}
