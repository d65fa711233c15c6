package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Hash;
import updown.config.BotConfig;
import updown.domain.Usd;
import updown.testkit.FakeClobTrading;
import updown.testkit.Fixtures;
import updown.testkit.LiveOnFake;
import updown.testkit.LogCapture;
import updown.testkit.RecordingChainSubmitter;
import updown.testkit.TestConfig;
import updown.time.BotClock;

@ExtendWith(VertxExtension.class)
@DisplayName("Redeem and merge: the wallet's finished positions go back to pUSD, once, within the cap")
class RedeemerTest {
    private static final String WINNER = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";
    private static final String ARB = "0xa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String REDEEM_SELECTOR = Hash.sha3String("redeemPositions(address,bytes32,bytes32,uint256[])")
            .substring(0, 10);
    private static final String MERGE_SELECTOR = Hash.sha3String(
            "mergePositions(address,bytes32,bytes32,uint256[],uint256)").substring(0, 10);

    private FakeClobTrading fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private Future<FakeClobTrading> fake(Vertx vertx, String positions) {
        fake = new FakeClobTrading(vertx, LiveOnFake.ADDRESS, LiveOnFake.CREDENTIALS, 137, BotClock.system());
        fake.dataPositions(positions);
        return fake.start();
    }

    private static Redeemer redeemer(Vertx vertx, FakeClobTrading f, ChainSubmitter chain, String cap) {
        Map<String, String> m = new java.util.HashMap<>(LiveOnFake.liveSettings(f.baseUrl()));
        m.put("DATA_API_URL", f.baseUrl());
        m.put("LIVE_MAX_REDEEM_USD", cap);
        BotConfig config = TestConfig.with(m);
        return Redeemer.forLive(vertx, config, BotClock.system(), LiveOnFake.ADDRESS, chain, ChainLedger.none());
    }

    private static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex.toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    @DisplayName("the positions fixture is read: sizes exact to the micro, winner, ARB pair")
    void parsesFixture() {
        List<ChainPosition> ps = PositionsClient.parse(Fixtures.fixture("data-api/positions.assembled.json"));
        assertThat(ps).hasSize(3);
        assertThat(ps.get(0)).isEqualTo(new ChainPosition(
                "71321045679252212594626385532706912750332728571942532289631379312455583992563", WINNER,
                10_204_081L, 1_000_000L, 0, true, false, false));
        assertThat(ps.get(0).redeemValue()).isEqualTo(Usd.of("10.204081"));
        assertThat(ps.get(1).sizeMicros()).isEqualTo(5_500_000L);
        assertThat(ps.get(2).outcomeIndex()).isEqualTo(1);
        assertThat(ps.get(2).mergeable()).isTrue();
    }

    @Test
    @DisplayName("hostile positions answers are skipped row by row, never thrown")
    void hostileRows() {
        assertThat(PositionsClient.parse("not json")).isEmpty();
        assertThat(PositionsClient.parse("{\"error\":\"x\"}")).isEmpty();
        assertThat(PositionsClient.parse(null)).isEmpty();
        String rows = "[1, {}, {\"conditionId\":\"0x12\",\"asset\":\"1\",\"size\":1,\"outcomeIndex\":0},"
                + "{\"conditionId\":\"" + WINNER + "\",\"asset\":\"1\",\"size\":-5,\"outcomeIndex\":0},"
                + "{\"conditionId\":\"" + WINNER + "\",\"asset\":\"1\",\"size\":\"1e400\",\"outcomeIndex\":0},"
                + "{\"conditionId\":\"" + WINNER + "\",\"asset\":\"x\",\"size\":1,\"outcomeIndex\":0},"
                + "{\"conditionId\":\"" + WINNER + "\",\"asset\":\"1\",\"size\":1,\"outcomeIndex\":7},"
                + "{\"conditionId\":\"" + WINNER + "\",\"asset\":\"7\",\"size\":\"2.5\",\"outcomeIndex\":1,"
                + "\"curPrice\":\"5\",\"redeemable\":true}]";
        List<ChainPosition> ps = PositionsClient.parse(rows);
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).sizeMicros()).isEqualTo(2_500_000L);
        assertThat(ps.get(0).curPrice()).as("a price above 1 is capped at 1").isEqualTo(1_000_000L);
    }

    @Test
    @DisplayName("a redeemable winner is redeemed once and the ARB pair merged once; the next cycle sends nothing")
    void redeemOnceMergeOnce(Vertx vertx, VertxTestContext ctx) {
        RecordingChainSubmitter chain = new RecordingChainSubmitter();
        fake(vertx, Fixtures.fixture("data-api/positions.assembled.json")).compose(f -> {
            Redeemer r = redeemer(vertx, f, chain, "100");
            // the Data API lags: the same positions are still listed on the second cycle
            return r.cycle().compose(first -> r.cycle().map(second -> List.of(first, second, r)));
        }).onComplete(ctx.succeeding(out -> ctx.verify(() -> {
            Redeemer.Report first = (Redeemer.Report) out.get(0);
            Redeemer.Report second = (Redeemer.Report) out.get(1);
            assertThat(first.submitted()).extracting(CtfCall::kind)
                    .containsExactly(CtfCall.Kind.REDEEM, CtfCall.Kind.MERGE);
            assertThat(second.submitted()).isEmpty();
            assertThat(chain.calls()).hasSize(2);
            CtfCall redeem = chain.calls().get(0);
            assertThat(redeem.to()).isEqualTo(CtfCall.CTF);
            assertThat(redeem.conditionId()).isEqualTo(WINNER);
            assertThat(redeem.value()).isEqualTo(Usd.of("10.204081"));
            assertThat(redeem.data()).startsWith(REDEEM_SELECTOR).contains(WINNER.substring(2))
                    .contains(CtfCall.PUSD.substring(2).toLowerCase(java.util.Locale.ROOT));
            CtfCall merge = chain.calls().get(1);
            assertThat(merge.conditionId()).isEqualTo(ARB);
            assertThat(merge.value()).as("the smaller leg: 5.2 Down against 5.5 Up").isEqualTo(Usd.of("5.2"));
            // head: collateral, zero parent, condition, offset of the partition (0xa0), amount; tail: [1, 2]
            assertThat(merge.data()).isEqualTo(MERGE_SELECTOR + word(CtfCall.PUSD.substring(2)) + word("0")
                    + ARB.substring(2) + word("a0") + word(Long.toHexString(5_200_000L)) + word("2") + word("1")
                    + word("2"));
            assertThat(((Redeemer) out.get(2)).journal()).hasSize(2)
                    .allSatisfy(e -> assertThat(e.sent()).isTrue());
            assertThat(fake.hits("GET /positions")).isEqualTo(2);
            assertThat(fake.problems()).isEmpty();
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("a Protocol V2 market's winner is not sent to the CTF (its tokens are not there); the rest still goes")
    void protocolV2ConditionSkipped(Vertx vertx, VertxTestContext ctx) {
        RecordingChainSubmitter chain = new RecordingChainSubmitter();
        LogCapture logs = LogCapture.everything();
        fake(vertx, Fixtures.fixture("data-api/positions.assembled.json")).compose(f -> {
            Map<String, String> m = new java.util.HashMap<>(LiveOnFake.liveSettings(f.baseUrl()));
            m.put("DATA_API_URL", f.baseUrl());
            m.put("LIVE_MAX_REDEEM_USD", "100");
            Redeemer r = Redeemer.forLive(vertx, TestConfig.with(m), BotClock.system(), LiveOnFake.ADDRESS, chain,
                    ChainLedger.none(), WINNER::equals);
            return r.cycle();
        }).onComplete(ctx.succeeding(report -> ctx.verify(() -> {
            logs.close();
            assertThat(report.submitted()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.MERGE);
            assertThat(chain.calls()).extracting(CtfCall::conditionId).containsExactly(ARB);
            assertThat(logs.lines()).anyMatch(l -> l.contains("Protocol V2 condition " + WINNER)
                    && l.contains("not redeemed"));
            ctx.completeNow();
        })));
    }

    @Test
    @DisplayName("dry run: nothing is sent, each call is logged with its call data and journalled as not sent")
    void dryRun(Vertx vertx, VertxTestContext ctx) {
        LogCapture logs = LogCapture.everything();
        fake(vertx, Fixtures.fixture("data-api/positions.assembled.json"))
                .compose(f -> redeemer(vertx, f, ChainSubmitter.dryRun(), "100").cycle())
                .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
                    logs.close();
                    assertThat(report.submitted()).hasSize(2);
                    assertThat(logs.lines()).anyMatch(l -> l.contains("DRY RUN, not sent: REDEEM condition " + WINNER)
                            && l.contains("data " + REDEEM_SELECTOR));
                    assertThat(logs.lines()).anyMatch(l -> l.contains("DRY RUN, not sent: MERGE condition " + ARB));
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("LIVE_MAX_REDEEM_USD holds back a redemption larger than the cap; the smaller merge goes")
    void capStopsLargeRedemption(Vertx vertx, VertxTestContext ctx) {
        RecordingChainSubmitter chain = new RecordingChainSubmitter();
        fake(vertx, Fixtures.fixture("data-api/positions.assembled.json"))
                .compose(f -> redeemer(vertx, f, chain, "6").cycle())
                .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
                    assertThat(report.capped()).extracting(CtfCall::conditionId).containsExactly(WINNER);
                    assertThat(chain.calls()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.MERGE);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("a losing or neg-risk position is never redeemed; an unreachable Data API fails the cycle only")
    void losersAndNegRiskSkipped(Vertx vertx, VertxTestContext ctx) {
        RecordingChainSubmitter chain = new RecordingChainSubmitter();
        String body = "[{\"conditionId\":\"" + WINNER + "\",\"asset\":\"1\",\"size\":8,\"outcomeIndex\":1,"
                + "\"curPrice\":0,\"redeemable\":true},"
                + "{\"conditionId\":\"" + ARB + "\",\"asset\":\"2\",\"size\":8,\"outcomeIndex\":0,"
                + "\"curPrice\":1,\"redeemable\":true,\"negativeRisk\":true}]";
        fake(vertx, body).compose(f -> {
            Redeemer r = redeemer(vertx, f, chain, "100");
            return r.cycle().compose(report -> f.stop().compose(v -> r.cycle()).transform(ar -> {
                fake = null;
                return Future.succeededFuture(List.of(report, ar.failed()));
            }));
        }).onComplete(ctx.succeeding(out -> ctx.verify(() -> {
            assertThat(((Redeemer.Report) out.get(0)).submitted()).isEmpty();
            assertThat(chain.calls()).isEmpty();
            assertThat(out.get(1)).as("the cycle against a stopped Data API failed").isEqualTo(true);
            ctx.completeNow();
        })));
    }
}
