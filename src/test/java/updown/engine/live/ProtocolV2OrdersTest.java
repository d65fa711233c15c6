package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static updown.engine.live.LiveKit.DOWN;
import static updown.engine.live.LiveKit.UP;
import static updown.engine.live.LiveKit.book;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.utils.Numeric;
import updown.config.Secret;
import updown.domain.Direction;
import updown.domain.Fill;
import updown.domain.Level;
import updown.domain.Price;
import updown.domain.Ratio;
import updown.domain.Shares;
import updown.domain.Signal;
import updown.domain.Usd;
import updown.engine.Execution;
import updown.engine.Order;
import updown.testkit.FakeClobTrading;
import updown.testkit.Fixtures;
import updown.testkit.IndependentOrderDigest;
import updown.time.VirtualClock;

/**
 * Protocol V2 markets ({@code version:"v2"}) trade through ExchangeV3, EIP-712 domain version "3"; CTF markets keep
 * the V2 exchange and version "2". Vectors: fixtures/signing/order-v3-exchangev3-polygon-vector.json, produced by
 * eth-account for a public client's tests (not by our signer).
 */
@ExtendWith(VertxExtension.class)
@io.vertx.junit5.Timeout(value = 90, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
@DisplayName("Protocol V2 orders go to ExchangeV3")
class ProtocolV2OrdersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCHANGE_V3 = "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa";
    private VirtualClock clock;
    private FakeClobTrading fake;
    private LiveEngine engine;

    private static V2Order order(JsonNode m) {
        return new V2Order(m.get("salt").asLong(), m.get("maker").asText(), m.get("signer").asText(),
                m.get("tokenId").asText(), m.get("makerAmount").asLong(), m.get("takerAmount").asLong(),
                m.get("side").asInt(), m.get("signatureType").asInt(), m.get("timestamp").asLong(),
                m.get("metadata").asText(), m.get("builder").asText());
    }

    @Test
    @DisplayName("the ExchangeV3 contract for Polygon is the one API-FACTS and clob-client-v2 name, domain version 3")
    void contracts() {
        OrderDomain d = ClobContracts.forChain(137).orElseThrow().orderDomain(true, false);
        assertThat(d).isEqualTo(new OrderDomain(EXCHANGE_V3, "3"));
        assertThat(ClobContracts.forChain(137).orElseThrow().orderDomain(false, false))
                .isEqualTo(new OrderDomain("0xE111180000d2663C0091e4f400237545B87B996B", "2"));
    }

    @Test
    @DisplayName("EOA and deposit-wallet ExchangeV3 signatures equal the eth-account vectors byte for byte")
    void vectors() throws IOException {
        JsonNode v = JSON.readTree(Fixtures.fixture("signing/order-v3-exchangev3-polygon-vector.json"));
        WalletKey key = WalletKey.of(Secret.of(v.get("privateKey").asText()));
        assertThat(key.address()).isEqualTo(v.get("address").asText());
        OrderDomain domain = new OrderDomain(v.at("/domain/verifyingContract").asText(),
                v.at("/domain/version").asText());
        long chain = v.at("/domain/chainId").asLong();
        for (JsonNode c : v.get("orders")) {
            OrderSigner.Signed s = OrderSigner.sign(key, order(c.get("message")), domain, chain);
            assertThat(s.signature()).as(c.get("case").asText()).isEqualTo(c.get("signature").asText());
        }
    }

    @Test
    @DisplayName("the order hash under domain 3 equals a digest written out independently as eth_signTypedData JSON")
    void digestMatchesIndependentEncoding() {
        V2Order o = new V2Order(123456789L, LiveKit.ADDRESS, LiveKit.ADDRESS, UP, 9_999_990, 18_181_800,
                V2Order.BUY, 0, 1_778_584_260_000L, null, null);
        byte[] ours = OrderSigner.digest(o, new OrderDomain(EXCHANGE_V3, "3"), 137);
        byte[] theirs = IndependentOrderDigest.digest("3", 137, EXCHANGE_V3, "123456789", LiveKit.ADDRESS,
                LiveKit.ADDRESS, UP, "9999990", "18181800", 0, 0, "1778584260000", V2Order.ZERO_BYTES32,
                V2Order.ZERO_BYTES32);
        assertThat(Numeric.toHexString(ours)).isEqualTo(Numeric.toHexString(theirs));
        assertThat(Numeric.toHexString(OrderSigner.digest(o, OrderDomain.v2(EXCHANGE_V3), 137)))
                .as("version 2 must give another hash").isNotEqualTo(Numeric.toHexString(theirs));
    }

    @BeforeEach
    void startFake(Vertx vertx, VertxTestContext ctx) {
        clock = LiveKit.clock();
        LiveKit.fake(vertx, clock).onComplete(ctx.succeeding(f -> {
            fake = f;
            fake.asks(UP, Level.of("0.50", "100"));
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

    private Future<LiveEngine> engine(Vertx vertx) {
        return LiveEngine.create(vertx, LiveKit.config(fake, Map.of()), clock).onSuccess(e -> engine = e);
    }

    private static Order buyUpOn(updown.domain.Market m) {
        return new Order(m, Direction.BUY_UP, Usd.of("10"), Price.of("0.55"), book(UP, Level.of("0.50", "100")),
                book(DOWN, Level.of("0.45", "100")), Usd.of("1000"),
                Signal.of(Direction.BUY_UP, Ratio.of("0.70"), "test", "test signal"));
    }

    @Test
    @DisplayName("a v2 market's order is signed for ExchangeV3 (version 3), fills on the fake, and its position reads "
            + "with CONDITIONAL-V2")
    void v2MarketFillsOnExchangeV3(Vertx vertx, VertxTestContext ctx) {
        fake.protocolV2(UP, DOWN);
        java.util.concurrent.atomic.AtomicReference<LiveEngine> engine = new java.util.concurrent.atomic.AtomicReference<>();
        engine(vertx).compose(e -> {
            engine.set(e);
            return e.execute(buyUpOn(LiveKit.protocolV2Market()))
                        .compose(ex -> e.position(LiveKit.protocolV2Market(), UP).map(pos -> Map.entry(ex, pos)));
        })
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    // the redeemer keeps its CTF calls away from this market's condition
                    assertThat(engine.get().tradedProtocolV2().test(LiveKit.protocolV2Market().conditionId())).isTrue();
                    assertThat(engine.get().tradedProtocolV2().test("0x" + "1".repeat(64))).isFalse();
                    assertThat(r.getKey()).isInstanceOf(Execution.Filled.class);
                    Fill f = ((Execution.Filled) r.getKey()).fill();
                    assertThat(f.shares()).isEqualTo(Shares.of("19.99998"));
                    assertThat(fake.problems()).isEmpty();
                    assertThat(fake.signedFor()).containsExactly(EXCHANGE_V3 + "@3");
                    assertThat(r.getValue()).isEqualTo(f.shares());
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a v1 (CTF) market keeps the V2 exchange and domain version 2")
    void v1MarketKeepsTodaysPath(Vertx vertx, VertxTestContext ctx) {
        engine(vertx).compose(e -> e.execute(buyUpOn(LiveKit.market())))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(ex).isInstanceOf(Execution.Filled.class);
                    assertThat(fake.problems()).isEmpty();
                    assertThat(fake.signedFor()).containsExactly("0xE111180000d2663C0091e4f400237545B87B996B@2");
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a v2 market's order signed for the wrong domain would be refused by the fake (it checks independently)")
    void fakeRefusesWrongDomain(Vertx vertx, VertxTestContext ctx) {
        fake.protocolV2(UP, DOWN);
        // the engine believes the market is CTF, the venue knows it is Protocol V2: the signature cannot verify
        engine(vertx).compose(e -> e.execute(buyUpOn(LiveKit.market())))
                .onComplete(ctx.succeeding(ex -> ctx.verify(() -> {
                    assertThat(ex).isInstanceOf(Execution.Rejected.class);
                    assertThat(fake.problems()).anyMatch(p -> p.contains("signature"));
                    assertThat(fake.signedFor()).isEmpty();
                    ctx.completeNow();
                })));
    }
}
