package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.engine.live.LiveKit.DOWN;
import static updown.engine.live.LiveKit.UP;
import static updown.engine.live.LiveKit.book;
import static updown.engine.live.LiveKit.buyUp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.Level;
import updown.domain.Micros;
import updown.domain.Price;
import updown.domain.ResultCode;
import updown.domain.Shares;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.testkit.FakeClobTrading;
import updown.testkit.FakeClobTrading.Fault;
import updown.time.VirtualClock;

@ExtendWith(VertxExtension.class)
// first test in a fresh JVM loads Vert.x, Netty and BouncyCastle: allow for a slow, busy machine
@io.vertx.junit5.Timeout(value = 90, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
@DisplayName("LiveEngine against a loopback CLOB V2")
class LiveEngineTest {
    /** Timeout tests wait one HTTP timeout for real; the others keep LiveKit's roomy default. */
    private static final Map<String, String> SHORT_TIMEOUT = Map.of("HTTP_TIMEOUT_MS", "1000");
    private VirtualClock clock;
    private FakeClobTrading fake;
    private LiveEngine engine;

    @BeforeEach
    void startFake(Vertx vertx, VertxTestContext ctx) {
        clock = LiveKit.clock();
        LiveKit.fake(vertx, clock).onComplete(ctx.succeeding(f -> {
            fake = f;
            fake.asks(UP, Level.of("0.50", "10"), Level.of("0.52", "20"), Level.of("0.60", "100"));
            fake.asks(DOWN, Level.of("0.45", "100"));
            ctx.completeNow();
        }));
    }

    @AfterEach
    void stop(VertxTestContext ctx) {
        if (engine != null) {
            engine.close();
        }
        fake.stop().onComplete(ctx.succeedingThenComplete());
    }

    private Future<LiveEngine> engine(Vertx vertx, Map<String, String> overrides) {
        return LiveEngine.create(vertx, LiveKit.config(fake, overrides), clock).onSuccess(e -> engine = e);
    }

    private static Fill fill(Execution e) {
        assertThat(e).as("execution %s", e).isInstanceOf(Execution.Filled.class);
        return ((Execution.Filled) e).fill();
    }

    private static Execution.Rejected rejection(Execution e) {
        assertThat(e).as("execution %s", e).isInstanceOf(Execution.Rejected.class);
        return (Execution.Rejected) e;
    }

    private static Usd fee(String shares, String price) {
        // by hand, not through the production formula: shares × 0.07 × p(1−p), rounded half-even to micro-dollars
        BigDecimal p = new BigDecimal(price);
        return Usd.of(new BigDecimal(shares).multiply(new BigDecimal("0.07")).multiply(p)
                .multiply(BigDecimal.ONE.subtract(p)).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString());
    }

    @Test
    @DisplayName("a filled FOK becomes a Fill with the venue's amounts and the fee of its trades")
    void filledFok(Vertx vertx, VertxTestContext ctx) {
        // $10 at ≤ 0.55 signs 9.99999 for ≥ 18.1818 shares (0.55 = 11/20); the fake takes 10 @ 0.50 ($5), then
        // $4.99999 @ 0.52 = 9.615365 shares
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    Fill f = fill(ex);
                    assertThat(f.side()).isEqualTo(Direction.BUY_UP);
                    assertThat(f.tokenId()).isEqualTo(UP);
                    assertThat(f.amount()).isEqualTo(Usd.of("9.99999"));
                    assertThat(f.shares()).isEqualTo(Shares.of("19.615365"));
                    assertThat(f.price()).isEqualTo(Price.ofMicros(Micros.div(9_999_990, 19_615_365)));
                    assertThat(f.fee()).isEqualTo(fee("10", "0.50").plus(fee("9.615365", "0.52")));
                    assertThat(f.altTokenId()).isNull();
                    assertThat(f.altPrice()).isNull();
                    assertThat(f.externalId()).startsWith("0x").hasSize(66);
                    assertThat(fake.problems()).isEmpty();
                    assertThat(fake.acceptedOrders()).hasSize(1);
                    assertThat(fake.acceptedOrders().get(0).getString("orderType")).isEqualTo("FOK");
                    assertThat(fake.acceptedOrders().get(0).getJsonObject("order").getString("makerAmount"))
                            .isEqualTo("9999990");
                    assertThat(fake.acceptedOrders().get(0).getJsonObject("order").getString("takerAmount"))
                            .isEqualTo("18181800");
                    assertThat(fake.balance()).isEqualTo(Usd.of("1000").minus(f.totalCost()));
                    assertThat(engine.usedToday()).isEqualTo(Usd.of("9.99999"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a FOK the book cannot fill in full is killed: rejected NO_LIQUIDITY, nothing spent")
    void fokKilled(Vertx vertx, VertxTestContext ctx) {
        fake.asks(UP, Level.of("0.50", "10"));
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(rejection(ex).code()).isEqualTo(ResultCode.NO_LIQUIDITY);
                    assertThat(rejection(ex).reason()).contains("fully filled");
                    assertThat(fake.balance()).isEqualTo(Usd.of("1000"));
                    assertThat(engine.usedToday()).isEqualTo(Usd.ZERO);
                    assertThat(fake.problems()).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("LIVE_ORDER_TYPE=fak takes what the book holds at the limit and books that much")
    void fakPartial(Vertx vertx, VertxTestContext ctx) {
        fake.asks(UP, Level.of("0.50", "10"), Level.of("0.70", "100"));
        engine(vertx, Map.of("LIVE_ORDER_TYPE", "fak"))
                .compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    Fill f = fill(ex);
                    assertThat(f.shares()).isEqualTo(Shares.of("10"));
                    assertThat(f.amount()).isEqualTo(Usd.of("5"));
                    assertThat(f.price()).isEqualTo(Price.of("0.50"));
                    assertThat(fake.acceptedOrders().get(0).getString("orderType")).isEqualTo("FAK");
                    assertThat(engine.usedToday()).isEqualTo(Usd.of("5"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a venue refusal becomes Execution.Rejected with the venue's reason")
    void venueRefusal(Vertx vertx, VertxTestContext ctx) {
        fake.minOrderSize(Shares.ofWhole(100));
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(rejection(ex).code()).isEqualTo(ResultCode.BELOW_MIN_ORDER_SIZE);
                    assertThat(rejection(ex).reason()).contains("lower than the minimum");
                    assertThat(fake.balance()).isEqualTo(Usd.of("1000"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("an order above LIVE_MAX_ORDER_USD is refused before anything is sent")
    void perOrderCap(Vertx vertx, VertxTestContext ctx) {
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("25.01", "0.55", book(UP, Level.of("0.50", "100")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(rejection(ex).code()).isEqualTo(ResultCode.ORDER_CAP_EXCEEDED);
                    assertThat(rejection(ex).reason()).contains("LIVE_MAX_ORDER_USD");
                    assertThat(fake.hits("POST /order")).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("LIVE_MAX_DAILY_USD stops the order that would cross it, and survives a restart")
    void dailyCap(Vertx vertx, VertxTestContext ctx) {
        Map<String, String> caps = Map.of("LIVE_MAX_ORDER_USD", "20", "LIVE_MAX_DAILY_USD", "25");
        fake.asks(UP, Level.of("0.50", "100"));
        engine(vertx, caps)
                .compose(e -> e.execute(buyUp("20", "0.55", book(UP, Level.of("0.50", "100")))))
                .compose(first -> {
                    ctx.verify(() -> assertThat(fill(first).amount()).isEqualTo(Usd.of("19.999991")));
                    return engine.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "100"))));
                })
                .compose(second -> {
                    ctx.verify(() -> {
                        assertThat(rejection(second).code()).isEqualTo(ResultCode.ORDER_CAP_EXCEEDED);
                        assertThat(rejection(second).reason()).contains("LIVE_MAX_DAILY_USD");
                        assertThat(fake.hits("POST /order")).isEqualTo(1);
                    });
                    engine.close();
                    // a new engine (a restart) reads today's trades from the venue and keeps counting
                    return engine(vertx, caps);
                })
                .compose(restarted -> {
                    ctx.verify(() -> assertThat(restarted.usedToday()).isEqualTo(Usd.of("19.999991")));
                    return restarted.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "100"))));
                })
                .onComplete(ctx.succeeding(third -> ctx.verify(() -> {
                    assertThat(rejection(third).code()).isEqualTo(ResultCode.ORDER_CAP_EXCEEDED);
                    assertThat(fake.hits("POST /order")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("dry run signs and logs the order but sends nothing and books nothing")
    void dryRun(Vertx vertx, VertxTestContext ctx) {
        engine(vertx, Map.of("LIVE_DRY_RUN", "true"))
                .compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(rejection(ex).code()).isEqualTo(ResultCode.DRY_RUN);
                    assertThat(fake.hits("POST /order")).isZero();
                    assertThat(fake.asksOf(UP)).hasSize(3);
                    assertThat(fake.balance()).isEqualTo(Usd.of("1000"));
                    assertThat(engine.usedToday()).isEqualTo(Usd.ZERO);
                    assertThat(engine.dryRun()).isTrue();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("the wallet balance blocks an order it cannot pay, before anything is sent")
    void walletBlocks(Vertx vertx, VertxTestContext ctx) {
        fake.wallet(Usd.of("5"), Usd.of("1000"));
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .compose(first -> {
                    ctx.verify(() -> {
                        assertThat(rejection(first).code()).isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
                        assertThat(rejection(first).reason()).contains("wallet holds $5.00");
                    });
                    fake.wallet(Usd.of("1000"), Usd.of("3"));
                    return engine.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10"))));
                })
                .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
                    assertThat(rejection(second).code()).isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
                    assertThat(rejection(second).reason()).contains("allowance $3.00");
                    assertThat(fake.hits("POST /order")).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("the portfolio's available balance is respected too (amount + fee)")
    void portfolioBudget(Vertx vertx, VertxTestContext ctx) {
        var o = buyUp("10", "0.55", book(UP, Level.of("0.50", "10")));
        var poor = new updown.engine.Order(o.market(), o.side(), o.amount(), o.limitPrice(), o.upBook(),
                o.downBook(), Usd.of("10"), o.signal());
        engine(vertx, Map.of()).compose(e -> e.execute(poor))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(rejection(ex).code()).isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
                    assertThat(fake.hits("POST /order")).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a 429 is waited out per Retry-After and the same order is sent again, once filled")
    void rateLimitedThenFilled(Vertx vertx, VertxTestContext ctx) {
        fake.fault("POST /order", Fault.rateLimit("1"));
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(fill(ex).shares()).isEqualTo(Shares.of("19.615365"));
                    assertThat(fake.hits("POST /order")).isEqualTo(2);
                    assertThat(fake.acceptedOrders()).hasSize(1);
                    assertThat(fake.problems()).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a 429 asking for a long wait is not waited out: rejected VENUE_UNAVAILABLE")
    void rateLimitedTooLong(Vertx vertx, VertxTestContext ctx) {
        fake.fault("POST /order", Fault.rateLimit("120"));
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(rejection(ex).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
                    assertThat(rejection(ex).reason()).contains("429");
                    assertThat(fake.hits("POST /order")).isEqualTo(1);
                    assertThat(engine.usedToday()).isEqualTo(Usd.ZERO);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("an order matched but unanswered (timeout) is reconciled into its fill, never sent twice")
    void timeoutAfterMatchIsReconciled(Vertx vertx, VertxTestContext ctx) {
        fake.fault("POST /order", Fault.processThenTimeout());
        engine(vertx, SHORT_TIMEOUT).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    Fill f = fill(ex);
                    assertThat(f.shares()).isEqualTo(Shares.of("19.615365"));
                    assertThat(f.amount()).isEqualTo(Usd.of("9.99999"));
                    assertThat(f.fee()).isEqualTo(fee("10", "0.50").plus(fee("9.615365", "0.52")));
                    assertThat(fake.hits("POST /order")).isEqualTo(1);
                    assertThat(fake.hits("GET /data/order")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("an order lost in a timeout is reconciled as not placed: rejected, and trading continues")
    void timeoutBeforeMatch(Vertx vertx, VertxTestContext ctx) {
        fake.fault("POST /order", Fault.timeout());
        engine(vertx, SHORT_TIMEOUT).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .compose(first -> {
                    ctx.verify(() -> {
                        assertThat(rejection(first).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
                        assertThat(fake.acceptedOrders()).isEmpty();
                        assertThat(engine.usedToday()).isEqualTo(Usd.ZERO);
                    });
                    return engine.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10"))));
                })
                .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
                    assertThat(fill(second).amount()).isEqualTo(Usd.of("9.99999"));
                    assertThat(fake.acceptedOrders()).hasSize(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a matched order answered with garbage is reconciled into its fill")
    void garbageAnswerReconciled(Vertx vertx, VertxTestContext ctx) {
        fake.fault("POST /order", Fault.processThenGarbage());
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(fill(ex).shares()).isEqualTo(Shares.of("19.615365"));
                    assertThat(fake.hits("POST /order")).isEqualTo(1);
                    assertThat(fake.hits("GET /data/order")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a 5xx on POST /order is reconciled, not retried")
    void serverErrorReconciled(Vertx vertx, VertxTestContext ctx) {
        fake.fault("POST /order", Fault.serverError());
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(rejection(ex).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
                    assertThat(fake.hits("POST /order")).isEqualTo(1);
                    assertThat(fake.hits("GET /data/order")).isEqualTo(1);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("while an order's outcome is unknown no new order is sent; once the venue answers, trading resumes")
    void unknownOutcomeBlocks(Vertx vertx, VertxTestContext ctx) {
        fake.fault("POST /order", Fault.timeout());
        for (int i = 0; i < OrderPlacer.RECONCILE_ATTEMPTS + 1; i++) {
            fake.fault("GET /data/order", Fault.serverError());
        }
        engine(vertx, SHORT_TIMEOUT).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .compose(first -> {
                    ctx.verify(() -> {
                        assertThat(rejection(first).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
                        assertThat(rejection(first).reason()).contains("outcome unknown");
                        assertThat(engine.usedToday()).isEqualTo(Usd.of("9.99999"));
                    });
                    return engine.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10"))));
                })
                .compose(second -> {
                    ctx.verify(() -> {
                        assertThat(rejection(second).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
                        assertThat(rejection(second).reason()).contains("still unknown");
                        assertThat(fake.hits("POST /order")).isEqualTo(1);
                    });
                    return engine.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10"))));
                })
                .onComplete(ctx.succeeding(third -> ctx.verify(() -> {
                    assertThat(fill(third).amount()).isEqualTo(Usd.of("9.99999"));
                    assertThat(fake.hits("POST /order")).isEqualTo(2);
                    assertThat(engine.usedToday()).isEqualTo(Usd.of("9.99999"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("ARB buys Up then Down with half the amount each (SPEC §5) and books both legs in one Fill")
    void arbBothLegs(Vertx vertx, VertxTestContext ctx) {
        // $9.40: half $4.70 per side → Up 4.70 / 0.47 = 10 shares, Down 4.70 / 0.45 = 10.44… shares
        fake.asks(UP, Level.of("0.47", "50"));
        engine(vertx, Map.of())
                .compose(e -> e.execute(LiveKit.arb("9.40", "0.47", "0.45", book(UP, Level.of("0.47", "50")),
                        book(DOWN, Level.of("0.45", "50")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    Fill f = fill(ex);
                    assertThat(f.side()).isEqualTo(Direction.ARB);
                    assertThat(f.tokenId()).isEqualTo(UP);
                    assertThat(f.shares()).isEqualTo(Shares.of("10"));
                    assertThat(f.price()).isEqualTo(Price.of("0.47"));
                    assertThat(f.altTokenId()).isEqualTo(DOWN);
                    assertThat(f.altPrice()).isEqualTo(Price.of("0.45"));
                    assertThat(f.altShares().micros()).isBetween(Shares.of("10.44").micros(),
                            Shares.of("10.4445").micros());
                    assertThat(f.amount().micros()).isBetween(Usd.of("9.39").micros(), Usd.of("9.40").micros());
                    assertThat(f.fee()).isEqualTo(fee("10", "0.47").plus(fee(f.altShares().format(), "0.45")));
                    assertThat(f.externalId()).contains(",");
                    assertThat(fake.acceptedOrders()).hasSize(2);
                    assertThat(fake.acceptedOrders().get(0).getJsonObject("order").getString("tokenId")).isEqualTo(UP);
                    assertThat(fake.problems()).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("ARB whose Down leg fails books the Up leg alone as BUY_UP (what the wallet holds)")
    void arbSecondLegFails(Vertx vertx, VertxTestContext ctx) {
        fake.asks(UP, Level.of("0.47", "50"));
        fake.asks(DOWN);
        engine(vertx, Map.of())
                .compose(e -> e.execute(LiveKit.arb("9.40", "0.47", "0.45", book(UP, Level.of("0.47", "50")),
                        book(DOWN, Level.of("0.45", "50")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    Fill f = fill(ex);
                    assertThat(f.side()).isEqualTo(Direction.BUY_UP);
                    assertThat(f.shares()).isEqualTo(Shares.of("10"));
                    assertThat(f.amount()).isEqualTo(Usd.of("4.70"));
                    assertThat(f.altTokenId()).isNull();
                    assertThat(f.altShares()).isNull();
                    assertThat(engine.usedToday()).isEqualTo(Usd.of("4.70"));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("without configured API credentials the engine derives them (L1), or creates them when none exist")
    void derivesOrCreatesCredentials(Vertx vertx, VertxTestContext ctx) {
        Map<String, String> noCreds = Map.of("CLOB_API_KEY", "", "CLOB_API_SECRET", "", "CLOB_API_PASSPHRASE", "");
        fake.apiKeyExists(false);
        engine(vertx, noCreds)
                .compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    fill(ex);
                    assertThat(fake.hits("GET /auth/derive-api-key")).isEqualTo(1);
                    assertThat(fake.hits("POST /auth/api-key")).isEqualTo(1);
                    assertThat(fake.problems()).isEmpty();
                    ctx.completeNow();
                })));
    }

    @ParameterizedTest(name = "a {2} (type {0}) order has it as maker and the key as signer")
    @CsvSource({"1, 0x3333333333333333333333333333333333333333, Polymarket proxy wallet",
            "2, 0x1111111111111111111111111111111111111111, Gnosis Safe"})
    void funderIsMakerKeyIsSigner(int type, String funder, String what, Vertx vertx, VertxTestContext ctx) {
        fake.expectSignatureType(type);
        engine(vertx, Map.of("LIVE_SIGNATURE_TYPE", Integer.toString(type), "LIVE_FUNDER_ADDRESS", funder))
                .compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    fill(ex);
                    var order = fake.acceptedOrders().get(0).getJsonObject("order");
                    assertThat(order.getString("maker")).isEqualTo(funder);
                    assertThat(order.getString("signer")).isEqualTo(LiveKit.ADDRESS);
                    assertThat(order.getInteger("signatureType")).isEqualTo(type);
                    assertThat(fake.problems()).as(what).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a deposit wallet (type 3, POLY_1271) order is signed through its TypedDataSign envelope")
    void poly1271SignatureType(Vertx vertx, VertxTestContext ctx) {
        String depositWallet = "0x2222222222222222222222222222222222222222";
        fake.expectSignatureType(3);
        engine(vertx, Map.of("LIVE_SIGNATURE_TYPE", "3", "LIVE_FUNDER_ADDRESS", depositWallet))
                .compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    fill(ex);
                    var order = fake.acceptedOrders().get(0).getJsonObject("order");
                    assertThat(order.getString("maker")).isEqualTo(depositWallet);
                    assertThat(order.getString("signer")).isEqualTo(depositWallet);
                    assertThat(fake.problems()).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a neg-risk token is signed for the neg-risk exchange")
    void negRiskExchange(Vertx vertx, VertxTestContext ctx) {
        fake.negRisk(UP, true);
        engine(vertx, Map.of()).compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10")))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    fill(ex);
                    assertThat(fake.problems()).isEmpty();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("with asks only above the limit nothing is sent (PRICE_ABOVE_LIMIT); with none, NO_LIQUIDITY")
    void noLiquidityInBook(Vertx vertx, VertxTestContext ctx) {
        engine(vertx, Map.of())
                .compose(e -> e.execute(buyUp("10", "0.55", book(UP, Level.of("0.60", "10"))))
                        .compose(above -> e.execute(buyUp("10", "0.55", book(UP))).map(none -> List.of(above, none))))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(rejection(ex.get(0)).code()).isEqualTo(ResultCode.PRICE_ABOVE_LIMIT);
                    assertThat(rejection(ex.get(1)).code()).isEqualTo(ResultCode.NO_LIQUIDITY);
                    assertThat(fake.hits("POST /order")).isZero();
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a wallet check the venue cannot answer refuses the order (never trades blind)")
    void walletUnavailable(Vertx vertx, VertxTestContext ctx) {
        engine(vertx, Map.of()).compose(e -> {
            fake.fault("GET /balance-allowance", Fault.serverError());
            return e.execute(buyUp("10", "0.55", book(UP, Level.of("0.50", "10"))));
        }).onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
            assertThat(rejection(ex).code()).isEqualTo(ResultCode.VENUE_UNAVAILABLE);
            assertThat(fake.hits("POST /order")).isZero();
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("start-up fails with a clear message when the venue refuses the credentials")
    void startupFailure(Vertx vertx, VertxTestContext ctx) {
        fake.fault("GET /data/trades", Fault.serverError());
        LiveEngine.create(vertx, LiveKit.config(fake, Map.of()), clock)
                .onComplete(ctx.failing(t -> ctx.verify(() -> {
                    assertThat(t).hasMessageContaining("could not start").hasMessageContaining("/data/trades");
                    ctx.completeNow();
                })));
    }
}
