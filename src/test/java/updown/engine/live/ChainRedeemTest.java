package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import updown.bus.LocalRecordCodec;
import updown.config.BotConfig;
import updown.config.Secret;
import updown.domain.LedgerEntry;
import updown.domain.LedgerKind;
import updown.domain.Usd;
import updown.portfolio.PortfolioVerticle;
import updown.repository.InMemoryRepository;
import updown.testkit.Await;
import updown.testkit.FakeClobTrading;
import updown.testkit.FakePolygonNode;
import updown.testkit.Fixtures;
import updown.testkit.LiveOnFake;
import updown.testkit.LogCapture;
import updown.testkit.TestConfig;
import updown.time.BotClock;

/**
 * Redeem and merge sent for real from an EOA wallet, against a fake Polygon node on 127.0.0.1 that decodes every
 * raw transaction with its own RLP reader and recovers the signer, and the Data API's positions fixture served by
 * the fake venue. The portfolio (in-memory repository) books what was done.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Redeem and merge on chain: one signed EIP-1559 transaction per call, booked once, never sent twice")
class ChainRedeemTest {
    private static final String WINNER = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";
    private static final String ARB = "0xa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String REDEEM = FakePolygonNode.REDEEM;
    private static final String MERGE = FakePolygonNode.MERGE;
    private static final String CTF = CtfCall.CTF.toLowerCase(Locale.ROOT);
    /** The fixture's tokens: the winner held, the ARB pair's Up and Down. */
    private static final String WINNER_UP =
            "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    private static final String WINNER_DOWN =
            "52114319501245915516055106046884209969926127482827954674443846427813813222426";
    private static final String ARB_UP = "9889713562123140918004226367025474328493411327620592096417016025376282417201";
    private static final String ARB_DOWN =
            "40173062713578913826066151306539283427766453203612424706233431587430063219893";
    private static final String FROM = LiveOnFake.ADDRESS.toLowerCase(Locale.ROOT);

    private FakeClobTrading venue;
    private FakePolygonNode node;
    private InMemoryRepository repository;
    private BotConfig config;

    @BeforeEach
    void start(Vertx vertx) {
        LocalRecordCodec.register(vertx.eventBus());
        venue = Await.result(new FakeClobTrading(vertx, LiveOnFake.ADDRESS, LiveOnFake.CREDENTIALS, 137,
                BotClock.system()).start());
        venue.dataPositions(Fixtures.fixture("data-api/positions.assembled.json"));
        node = Await.result(new FakePolygonNode(vertx, 137, BotClock.system()).start());
        // the chain holds what the positions fixture lists
        node.ctfCondition(WINNER, WINNER_UP, WINNER_DOWN).ctfCondition(ARB, ARB_UP, ARB_DOWN)
                .ctfBalance(FROM, WINNER_UP, 10_204_081).ctfBalance(FROM, ARB_UP, 5_500_000)
                .ctfBalance(FROM, ARB_DOWN, 5_200_000);
        config = config("100", "100");
        repository = new InMemoryRepository();
        Await.result(vertx.deployVerticle(new PortfolioVerticle(config, BotClock.system(), repository, PortfolioVerticle.Admission.EVERY_FILL)));
    }

    @AfterEach
    void stop() {
        Await.result(venue.stop());
        Await.result(node.stop());
    }

    private BotConfig config(String maxRedeem, String maxGasGwei) {
        Map<String, String> m = new HashMap<>(LiveOnFake.liveSettings(venue.baseUrl()));
        m.put("INITIAL_BALANCE", "1000");
        m.put("LIVE_MAX_REDEEM_USD", maxRedeem);
        m.put("POLYGON_RPC_URL", node.rpcUrl());
        m.put("LIVE_MAX_GAS_GWEI", maxGasGwei);
        return TestConfig.with(m);
    }

    /** The bot's sender, with receipt checks every 5 ms instead of 2 s so the test does not wait on blocks. */
    private EoaChainSubmitter sender(Vertx vertx, BotConfig c) {
        return new EoaChainSubmitter(vertx, new PolygonRpc(vertx, c.live().polygonRpcUrl(), 5_000),
                WalletKey.of(Secret.of(LiveOnFake.KEY)), c.live().chainId(), c.live().maxGasGwei(), BotClock.system(),
                5, 10);
    }

    private Redeemer redeemer(Vertx vertx, BotConfig c, ChainSubmitter chain) {
        return Redeemer.forLive(vertx, c, BotClock.system(), LiveOnFake.ADDRESS, chain,
                new BusChainLedger(vertx.eventBus()));
    }

    private List<LedgerEntry> chainEntries() {
        return Await.result(repository.load()).ledger().stream().filter(e -> e.kind().chainMove()).toList();
    }

    private Usd balance() {
        Usd sum = Usd.ZERO;
        for (LedgerEntry e : Await.result(repository.load()).ledger()) {
            sum = sum.plus(e.amount());
        }
        return sum;
    }

    @Test
    @DisplayName("the selectors are the CTF's: redeemPositions 0x01b7037c, mergePositions 0x9e7212ad")
    void selectors() {
        assertThat(REDEEM).isEqualTo("0x01b7037c");
        assertThat(MERGE).isEqualTo("0x9e7212ad");
    }

    @Test
    @DisplayName("an EOA wallet with POLYGON_RPC_URL sends; a dry run, a Safe wallet or no endpoint only report")
    void choosesTheSender(Vertx vertx) {
        WalletKey key = WalletKey.of(Secret.of(LiveOnFake.KEY));
        assertThat(ChainSubmitter.forRun(vertx, config, BotClock.system(), key, LiveOnFake.ADDRESS, false))
                .isInstanceOf(EoaChainSubmitter.class);
        assertThat(ChainSubmitter.forRun(vertx, config, BotClock.system(), key, LiveOnFake.ADDRESS, true).sends())
                .isFalse();
        Map<String, String> safe = new HashMap<>(LiveOnFake.liveSettings(venue.baseUrl()));
        safe.put("POLYGON_RPC_URL", node.rpcUrl());
        safe.put("LIVE_SIGNATURE_TYPE", "2");
        safe.put("LIVE_FUNDER_ADDRESS", "0x1111111111111111111111111111111111111111");
        assertThat(ChainSubmitter.forRun(vertx, TestConfig.with(safe), BotClock.system(), key,
                "0x1111111111111111111111111111111111111111", false).sends()).isFalse();
        Map<String, String> none = new HashMap<>(LiveOnFake.liveSettings(venue.baseUrl()));
        assertThat(ChainSubmitter.forRun(vertx, TestConfig.with(none), BotClock.system(), key, LiveOnFake.ADDRESS,
                false).sends()).isFalse();
    }

    @Test
    @DisplayName("end to end: the verticle redeems the winner and merges the ARB pair, one signed tx each, both booked"
            + " at amount zero")
    void redeemAndMergeEndToEnd(Vertx vertx) {
        Usd before = balance();
        Redeemer r = redeemer(vertx, config, sender(vertx, config));
        String id = Await.result(vertx.deployVerticle(new LiveRedeemVerticle(r, BotClock.system(), 600_000)));
        Await.result(Await.until(vertx, () -> chainEntries().size() >= 2));
        Await.result(vertx.undeploy(id));

        List<FakePolygonNode.Tx> txs = node.transactions();
        assertThat(txs).hasSize(2);
        assertThat(node.rawSends()).hasSize(2);
        FakePolygonNode.Tx redeem = txs.get(0);
        assertThat(redeem.to()).isEqualTo(CTF);
        assertThat(redeem.from()).as("signed by the wallet's key").isEqualTo(FROM);
        assertThat(redeem.chainId()).isEqualTo(137);
        assertThat(redeem.nonce()).isEqualTo(BigInteger.ZERO);
        assertThat(redeem.value()).isEqualTo(BigInteger.ZERO);
        assertThat(redeem.data()).startsWith(REDEEM).contains(WINNER.substring(2));
        assertThat(redeem.gasLimit()).as("the estimate + 20 %").isEqualTo(BigInteger.valueOf(180_000));
        assertThat(redeem.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(25_000_000_000L));
        assertThat(redeem.maxFeePerGas()).as("2 × base + tip").isEqualTo(BigInteger.valueOf(85_000_000_000L));
        FakePolygonNode.Tx merge = txs.get(1);
        assertThat(merge.data()).startsWith(MERGE).contains(ARB.substring(2));
        assertThat(merge.nonce()).isEqualTo(BigInteger.ONE);
        assertThat(merge.from()).isEqualTo(FROM);

        List<LedgerEntry> entries = chainEntries();
        assertThat(entries).extracting(LedgerEntry::kind).containsExactly(LedgerKind.REDEEM, LedgerKind.MERGE);
        assertThat(entries).extracting(LedgerEntry::amount).containsOnly(Usd.ZERO);
        assertThat(entries.get(0).note()).startsWith(WINNER + " tx " + redeem.hash())
                .contains("10.204081 pUSD").contains("gas 0.0066 POL");
        assertThat(entries.get(1).note()).startsWith(ARB + " tx " + merge.hash()).contains("5.20 pUSD");
        assertThat(balance()).as("the settlement books the payout; the redeem moves no money").isEqualTo(before);
        assertThat(node.problems()).isEmpty();
        assertThat(venue.problems()).isEmpty();
    }

    @Test
    @DisplayName("LIVE_MAX_REDEEM_USD holds the larger redeem back: only the merge reaches the node")
    void capHoldsBack(Vertx vertx) {
        BotConfig capped = config("6", "100");
        Redeemer.Report report = Await.result(redeemer(vertx, capped, sender(vertx, capped)).cycle());
        assertThat(report.capped()).extracting(CtfCall::conditionId).containsExactly(WINNER);
        assertThat(node.transactions()).hasSize(1);
        assertThat(node.transactions().get(0).data()).startsWith(MERGE);
        assertThat(chainEntries()).extracting(LedgerEntry::kind).containsExactly(LedgerKind.MERGE);
    }

    @Test
    @DisplayName("gas above LIVE_MAX_GAS_GWEI: nothing is signed or sent, one clear line, tried again next check")
    void gasAboveCapRefused(Vertx vertx) {
        BotConfig cheap = config("100", "50"); // the node asks 30 gwei base + 25 tip = 55
        LogCapture logs = LogCapture.everything();
        try {
            Redeemer.Report report = Await.result(redeemer(vertx, cheap, sender(vertx, cheap)).cycle());
            assertThat(report.failed()).hasSize(2);
            assertThat(node.methods()).doesNotContain("eth_sendRawTransaction", "eth_estimateGas");
            assertThat(logs.lines()).anyMatch(l -> l.contains("gas 55 gwei (base 30 + tip 25) is above "
                    + "LIVE_MAX_GAS_GWEI 50") && l.contains("tried again next cycle"));
            assertThat(chainEntries()).isEmpty();
        } finally {
            logs.close();
        }
    }

    @Test
    @DisplayName("a reverted redeem is not booked, says so in one line and is not sent again; the merge goes on")
    void revertedNotBooked(Vertx vertx) {
        node.revertNext();
        LogCapture logs = LogCapture.everything();
        try {
            Redeemer r = redeemer(vertx, config, sender(vertx, config));
            Redeemer.Report first = Await.result(r.cycle());
            Redeemer.Report second = Await.result(r.cycle());
            assertThat(first.failed()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.REDEEM);
            assertThat(first.submitted()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.MERGE);
            assertThat(second.submitted()).isEmpty();
            assertThat(second.failed()).isEmpty();
            assertThat(node.transactions()).hasSize(2);
            assertThat(chainEntries()).extracting(LedgerEntry::kind).containsExactly(LedgerKind.MERGE);
            assertThat(logs.lines()).anyMatch(l -> l.contains("REDEEM of condition " + WINNER + " failed")
                    && l.contains("REVERTED on chain") && l.contains("not tried again"));
        } finally {
            logs.close();
        }
    }

    @Test
    @DisplayName("a lost send answer re-sends the same signed bytes (same nonce), and a restarted bot sends nothing")
    void lostAnswerAndRestartNeverSendTwice(Vertx vertx) {
        node.loseNextSendAnswer();
        Redeemer r = redeemer(vertx, config, sender(vertx, config));
        Redeemer.Report first = Await.result(r.cycle());
        assertThat(first.failed()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.REDEEM);
        Redeemer.Report second = Await.result(r.cycle());
        assertThat(second.submitted()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.REDEEM);

        // a restart: a new redeemer and sender, the same ledger; the Data API still lists the positions
        Redeemer restarted = redeemer(vertx, config, sender(vertx, config));
        Redeemer.Report third = Await.result(restarted.cycle());
        assertThat(third.submitted()).isEmpty();

        List<FakePolygonNode.Tx> txs = node.transactions();
        assertThat(txs).as("one redeem and one merge, ever").hasSize(2);
        assertThat(node.rawSends()).hasSize(3);
        assertThat(node.rawSends().get(0)).as("the re-send is the same signed transaction")
                .isEqualTo(node.rawSends().get(2));
        assertThat(txs.get(0).nonce()).isEqualTo(BigInteger.ZERO);
        assertThat(chainEntries()).extracting(LedgerEntry::kind)
                .containsExactlyInAnyOrder(LedgerKind.REDEEM, LedgerKind.MERGE);
    }

    @Test
    @DisplayName("429, 5xx, garbage and a node error each fail one check with one line; the next check sends once")
    void hostileNode(Vertx vertx) {
        LogCapture logs = LogCapture.everything();
        try {
            Redeemer r = redeemer(vertx, config("11", "100"), sender(vertx, config("11", "100")));
            node.failNext("eth_chainId", 429, "slow down");
            node.failNext("eth_chainId", 502, "bad gateway");
            node.failNext("eth_chainId", 200, "<html>not json</html>");
            node.failNext("eth_sendRawTransaction", 200,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}}");
            for (int i = 0; i < 4; i++) {
                Redeemer.Report report = Await.result(r.cycle());
                assertThat(report.submitted()).isEmpty();
            }
            Redeemer.Report ok = Await.result(r.cycle());
            assertThat(ok.submitted()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.REDEEM);
            assertThat(node.transactions()).hasSize(1);
            assertThat(node.transactions().get(0).nonce()).isEqualTo(BigInteger.ZERO);
            assertThat(logs.lines()).anyMatch(l -> l.contains("rate limit (HTTP 429)"))
                    .anyMatch(l -> l.contains("Polygon RPC HTTP 502"))
                    .anyMatch(l -> l.contains("not a JSON-RPC object"))
                    .anyMatch(l -> l.contains("nonce 0 was used by another transaction"))
                    .noneMatch(l -> l.contains(node.rpcUrl()));
            assertThat(chainEntries()).extracting(LedgerEntry::kind).containsExactly(LedgerKind.REDEEM);
        } finally {
            logs.close();
        }
    }

    @Test
    @DisplayName("after a crash between a mined call and its ledger entry, the chain's balances stop a second send")
    void crashBeforeTheLedgerEntryNeverSendsTwice(Vertx vertx) {
        // the first run's calls are mined, but none reaches the ledger (the bot died first)
        Redeemer crashed = new Redeemer(new PositionsClient(new ClobHttp(vertx, config.live().dataApiUrl(), 5_000,
                "test", BotClock.system()), LiveOnFake.ADDRESS)::positions, sender(vertx, config), ChainLedger.none(),
                Usd.of("100"), BotClock.system());
        assertThat(Await.result(crashed.cycle()).submitted()).hasSize(2);
        assertThat(node.ctfBalance(FROM, WINNER_UP)).isZero();
        assertThat(node.ctfBalance(FROM, ARB_UP)).isEqualTo(BigInteger.valueOf(300_000));
        assertThat(node.ctfBalance(FROM, ARB_DOWN)).isZero();
        assertThat(chainEntries()).isEmpty();

        // restarted: the ledger knows nothing, the Data API (minutes behind the chain) still lists both
        LogCapture logs = LogCapture.everything();
        try {
            Redeemer.Report after = Await.result(redeemer(vertx, config, sender(vertx, config)).cycle());
            assertThat(after.submitted()).isEmpty();
            assertThat(after.doneAlready()).extracting(CtfCall::kind)
                    .containsExactly(CtfCall.Kind.REDEEM, CtfCall.Kind.MERGE);
            assertThat(node.transactions()).as("nothing sent again").hasSize(2);
            assertThat(node.methods()).contains("eth_call");
            assertThat(logs.lines()).anyMatch(l -> l.contains("REDEEM of condition " + WINNER + " not sent: the "
                    + "wallet no longer holds its tokens on chain"));
        } finally {
            logs.close();
        }
        assertThat(node.problems()).isEmpty();
    }

    @Test
    @DisplayName("a balance the node cannot give fails the call's check with one line; nothing is sent that cycle")
    void unreadableBalanceSendsNothing(Vertx vertx) {
        node.failNext("eth_call", 502, "bad gateway");
        Redeemer r = redeemer(vertx, config("11", "100"), sender(vertx, config("11", "100")));
        Redeemer.Report first = Await.result(r.cycle());
        assertThat(first.failed()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.REDEEM);
        assertThat(node.transactions()).isEmpty();
        Redeemer.Report second = Await.result(r.cycle());
        assertThat(second.submitted()).extracting(CtfCall::kind).containsExactly(CtfCall.Kind.REDEEM);
        assertThat(node.transactions()).hasSize(1);
    }
}
