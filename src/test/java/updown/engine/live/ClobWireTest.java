package updown.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import updown.net.ParseError;
import updown.net.ParseResult;
import updown.net.WireJson;
import updown.testkit.Fixtures;
import updown.testkit.ParserFuzz;

/**
 * ClobWire reads the live engine's CLOB answers into records and refuses hostile ones. Real fixtures where the repo has
 * them ({@code clob/trades}, {@code clob-ws/user-trade-doc-example.json}, {@code clob/neg-risk.assembled.json});
 * the other answers are written here in the shapes of Polymarket/clob-client-v2 {@code src/types/clob.ts}
 * ({@code OrderResponse}, {@code OpenOrder}, {@code Trade}), rs-clob-client {@code BalanceAllowanceResponse} and the
 * docs' error-codes page (the batch refusal with empty amounts).
 */
@DisplayName("ClobWire reads CLOB answers into typed records and refuses hostile ones")
class ClobWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UP = "52114319501245915516055106046884209969926127482827954674443846427813813222426";
    private static final String HASH = "0x" + "ab".repeat(32);

    // ---- POST /order --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a matched order answer gives its amounts as exact decimals, its id and its trade ids")
    void matched() {
        PostOrderReply r = ClobWire.postOrder("{\"success\":true,\"errorMsg\":\"\",\"orderID\":\"" + HASH + "\","
                + "\"status\":\"matched\",\"makingAmount\":\"4.95\",\"takingAmount\":\"9.9\","
                + "\"transactionsHashes\":[],\"tradeIDs\":[\"t-1\",\"\"]}").value();
        assertThat(r.success()).isTrue();
        assertThat(r.refused()).isFalse();
        assertThat(r.status()).isEqualTo("matched");
        assertThat(r.orderId()).isEqualTo(HASH);
        assertThat(r.makingAmount()).isEqualByComparingTo("4.95");
        assertThat(r.takingAmount()).isEqualByComparingTo("9.9");
        assertThat(r.tradeIds()).containsExactly("t-1");
    }

    @Test
    @DisplayName("a refusal with empty amounts (the docs' batch example) reads as refused, amounts absent")
    void refusal() {
        PostOrderReply r = ClobWire.postOrder("{\"errorMsg\":\"post-only mode: only post-only orders and cancels are "
                + "allowed\",\"orderID\":\"\",\"takingAmount\":\"\",\"makingAmount\":\"\",\"status\":\"\","
                + "\"success\":false}").value();
        assertThat(r.refused()).isTrue();
        assertThat(r.makingAmount()).isNull();
        assertThat(r.errorMsg()).startsWith("post-only mode");
    }

    @Test
    @DisplayName("POST /order answers that are not JSON, not an object or mistyped are one error each")
    void hostileOrderAnswers() {
        assertThat(kind(ClobWire.postOrder("<html>"))).isEqualTo(ParseError.Kind.MALFORMED_JSON);
        assertThat(kind(ClobWire.postOrder(""))).isEqualTo(ParseError.Kind.MALFORMED_JSON);
        assertThat(kind(ClobWire.postOrder("[1]"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.postOrder("{\"status\":\"matched\",\"makingAmount\":\"lots\"}")))
                .isEqualTo(ParseError.Kind.BAD_VALUE);
        assertThat(kind(ClobWire.postOrder("{\"status\":\"matched\",\"takingAmount\":{}}")))
                .isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.postOrder("{\"success\":\"maybe\"}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.postOrder("{\"tradeIDs\":\"t-1\"}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.postOrder("{\"status\":{\"x\":1}}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
    }

    // ---- orders -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("GET /data/order gives the order, or empty for an empty body, null or {}")
    void order() {
        VenueOrder o = ClobWire.order("{\"id\":\"" + HASH + "\",\"status\":\"matched\",\"size_matched\":\"9.9\","
                + "\"associate_trades\":[\"t-1\"],\"original_size\":\"9.9\"}").value().orElseThrow();
        assertThat(o.id()).isEqualTo(HASH);
        assertThat(o.status()).isEqualTo("MATCHED");
        assertThat(o.resting()).isFalse();
        assertThat(o.sizeMatched()).isEqualByComparingTo("9.9");
        assertThat(o.associateTrades()).containsExactly("t-1");
        assertThat(ClobWire.order("").value()).isEmpty();
        assertThat(ClobWire.order("null").value()).isEmpty();
        assertThat(ClobWire.order("{}").value()).isEmpty();
        assertThat(ClobWire.order("{\"status\":\"LIVE\"}").value().orElseThrow().resting()).isTrue();
    }

    @Test
    @DisplayName("an order answer that is an array, or has text where size_matched's number belongs, is refused")
    void hostileOrder() {
        assertThat(kind(ClobWire.order("[]"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.order("{\"status\":\"LIVE\",\"size_matched\":\"some\"}")))
                .isEqualTo(ParseError.Kind.BAD_VALUE);
        assertThat(kind(ClobWire.order("{\"associate_trades\":{}}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.order("{\"id\":"))).isEqualTo(ParseError.Kind.MALFORMED_JSON);
    }

    @Test
    @DisplayName("GET /data/orders reads a bare array or a data page; an order without id is skipped and named")
    void openOrders() {
        WirePage<VenueOrder> p = ClobWire.openOrders("{\"data\":[{\"id\":\"0x1\",\"status\":\"LIVE\"},"
                + "{\"status\":\"LIVE\"},7],\"next_cursor\":\"LTE=\"}").value();
        assertThat(p.items()).extracting(VenueOrder::id).containsExactly("0x1");
        assertThat(p.skipped()).extracting(ParseError::kind)
                .containsExactly(ParseError.Kind.MISSING_FIELD, ParseError.Kind.WRONG_TYPE);
        assertThat(p.nextCursor()).isEqualTo("LTE=");
        assertThat(ClobWire.openOrders("[{\"id\":\"0x2\"}]").value().items()).hasSize(1);
        assertThat(kind(ClobWire.openOrders("{\"data\":{}}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.openOrders("{\"error\":\"Invalid orderID\"}")))
                .isEqualTo(ParseError.Kind.MISSING_FIELD);
    }

    // ---- trades -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("the clob/trades fixtures read with their fee rate, trader side and maker fills")
    void tradeFixtures() throws Exception {
        VenueTrade t = trade("clob/trades/taker-buy-700bps.assembled.json");
        assertThat(t.id()).isEqualTo("8f3c2a10-0000-4000-8000-000000000001");
        assertThat(t.status()).isEqualTo("MATCHED");
        assertThat(t.side()).isEqualTo("BUY");
        assertThat(t.traderSide()).isEqualTo("TAKER");
        assertThat(t.assetId()).isEqualTo(UP);
        assertThat(t.size()).isEqualByComparingTo("100");
        assertThat(t.price()).isEqualByComparingTo("0.5");
        assertThat(t.feeRateBps()).isEqualByComparingTo("700");
        assertThat(t.makerOrders()).singleElement().satisfies(m -> {
            assertThat(m.matchedAmount()).isEqualByComparingTo("100");
            assertThat(m.price()).isEqualByComparingTo("0.5");
            assertThat(m.assetId()).isEqualTo(UP);
            assertThat(m.orderId()).startsWith("0xff354c");
        });
        assertThat(trade("clob/trades/no-fee-rate-field.assembled.json").feeRateBps()).isNull();
        assertThat(trade("clob/trades/we-were-maker.assembled.json").traderSide()).isEqualTo("MAKER");
        assertThat(trade("clob/trades/fee-free-market.assembled.json").feeRateBps()).isEqualByComparingTo("0");
        assertThat(trade("clob/trades/taker-buy-mint-match-700bps.assembled.json").makerOrders()).isNotEmpty();
    }

    @Test
    @DisplayName("a trades page follows next_cursor; each fixture trade in it is read")
    void tradesPage() {
        String body = "{\"limit\":100,\"count\":2,\"next_cursor\":\"MTAw\",\"data\":["
                + Fixtures.fixture("clob/trades/taker-buy-700bps.assembled.json") + ","
                + Fixtures.fixture("clob/trades/fee-free-market.assembled.json") + "]}";
        WirePage<VenueTrade> p = ClobWire.trades(body).value();
        assertThat(p.items()).hasSize(2);
        assertThat(p.skipped()).isEmpty();
        assertThat(p.nextCursor()).isEqualTo("MTAw");
    }

    @Test
    @DisplayName("hostile trades: no id or status, text where a number belongs, a maker fill without its amount")
    void hostileTrades() {
        String base = Fixtures.fixture("clob/trades/taker-buy-700bps.assembled.json");
        assertThat(kind(one(base.replace("\"id\": \"8f3c2a10-0000-4000-8000-000000000001\",", ""))))
                .isEqualTo(ParseError.Kind.MISSING_FIELD);
        assertThat(kind(one(base.replace("\"status\": \"MATCHED\"", "\"status\": \"\"")))).isEqualTo(
                ParseError.Kind.BAD_VALUE);
        assertThat(kind(one(base.replace("\"size\": \"100\"", "\"size\": \"a hundred\""))))
                .isEqualTo(ParseError.Kind.BAD_VALUE);
        assertThat(kind(one(base.replace("\"fee_rate_bps\": \"700\"", "\"fee_rate_bps\": [700]"))))
                .isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(one(base.replace("\"matched_amount\": \"100\",", "")))).isEqualTo(ParseError.Kind.MISSING_FIELD);
        assertThat(kind(one(base.replace("\"maker_orders\": [", "\"maker_orders\": [1, ")))).isEqualTo(
                ParseError.Kind.WRONG_TYPE);
        // an unreadable element is skipped in a page, never guessed
        WirePage<VenueTrade> p = ClobWire.trades("[" + base + ",{\"id\":\"x\"}]").value();
        assertThat(p.items()).hasSize(1);
        assertThat(p.skipped()).singleElement().extracting(ParseError::kind).isEqualTo(ParseError.Kind.MISSING_FIELD);
        assertThat(kind(ClobWire.trades("{\"next_cursor\":\"LTE=\"}"))).isEqualTo(ParseError.Kind.MISSING_FIELD);
    }

    @Test
    @DisplayName("the user channel's doc trade event reads as a MATCHED trade of its taker and maker orders")
    void userChannelTrade() {
        UserChannel.Frame f = UserChannel.frame(Fixtures.fixture("clob-ws/user-trade-doc-example.json"));
        assertThat(f.skipped()).isEmpty();
        assertThat(f.trades()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e");
            assertThat(t.state()).isEqualTo(UserTrade.State.MATCHED);
            assertThat(t.orderIds()).containsExactly(
                    "0x06bc63e346ed4ceddce9efd6b3af37c8f8f440c92fe7da6b2d0f9e4ccbc50c42",
                    "0xff354cd7ca7539dfa9c28d90943ab5779a4eac34b9b37a757d7b32bdfb11790b");
        });
        UserChannel.Frame bad = UserChannel.frame("[{\"event_type\":\"trade\",\"id\":\"t\",\"status\":\"MINED\","
                + "\"size\":\"ten\"},{\"event_type\":\"trade\",\"id\":\"t2\",\"status\":\"MINED\"}]");
        assertThat(bad.trades()).extracting(UserTrade::id).containsExactly("t2");
        assertThat(bad.skipped()).singleElement().extracting(ParseError::kind).isEqualTo(ParseError.Kind.BAD_VALUE);
    }

    @Test
    @DisplayName("mutated trade fixtures never throw, and a good share of them is refused")
    void fuzzTrades() {
        ParserFuzz.run("ClobWire.trades", List.of("clob/trades/taker-buy-700bps.assembled.json",
                        "clob/trades/taker-buy-mint-match-700bps.assembled.json",
                        "clob/trades/fee-free-market.assembled.json"),
                body -> WireJson.guard(() -> ClobWire.trade(WireJson.tree(body))), 19_019L);
    }

    // ---- wallet, keys, heartbeat, neg-risk ----------------------------------------------------------------------

    @Test
    @DisplayName("balance-allowance reads the balance and either the single allowance or the map by spender")
    void balance() {
        BalanceAllowance map = ClobWire.balance("{\"balance\":\"5533220\",\"allowances\":{\"0xAbC\":\"3000000\","
                + "\"0xdef\":\"115792089237316195423570985008687907853269984665640564039457584007913129639935\"}}")
                .value();
        assertThat(map.balance()).isEqualTo(5_533_220L);
        assertThat(map.allowanceFor("0xabc")).isEqualTo(3_000_000L);
        assertThat(map.allowanceFor("0xdef")).isEqualTo(Long.MAX_VALUE);
        assertThat(map.allowanceFor("0x999")).as("smallest when the exchange is not listed").isEqualTo(3_000_000L);
        BalanceAllowance single = ClobWire.balance("{\"balance\":12,\"allowance\":\"7\"}").value();
        assertThat(single.balance()).isEqualTo(12L);
        assertThat(single.allowanceFor("0xabc")).isEqualTo(7L);
        assertThat(ClobWire.balance("{\"balance\":\"1\"}").value().allowanceFor("0xabc")).isNull();
    }

    @Test
    @DisplayName("balance units refuse fractions, negatives, missing balances and text where units belong")
    void hostileBalance() {
        assertThat(kind(ClobWire.balance("{\"balance\":\"1.5\"}"))).isEqualTo(ParseError.Kind.BAD_VALUE);
        assertThat(kind(ClobWire.balance("{\"balance\":\"-3\"}"))).isEqualTo(ParseError.Kind.BAD_VALUE);
        assertThat(kind(ClobWire.balance("{\"balance\":1.5}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.balance("{\"allowance\":\"5\"}"))).isEqualTo(ParseError.Kind.MISSING_FIELD);
        assertThat(kind(ClobWire.balance("{\"balance\":\"5\",\"allowances\":{\"0xa\":\"lots\"}}")))
                .isEqualTo(ParseError.Kind.BAD_VALUE);
        assertThat(kind(ClobWire.balance("{\"balance\":\"5\",\"allowances\":[]}")))
                .isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.balance("{\"balance\":true}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
    }

    @Test
    @DisplayName("API credentials must be three non-empty texts; a refusal never quotes the secret")
    void credentials() {
        ApiCredentials c = ClobWire.apiCredentials("{\"apiKey\":\"k\",\"secret\":\"c2VjcmV0\",\"passphrase\":\"p\"}")
                .value();
        assertThat(c.complete()).isTrue();
        assertThat(kind(ClobWire.apiCredentials("{\"apiKey\":\"k\",\"secret\":7,\"passphrase\":\"p\"}")))
                .isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.apiCredentials("{\"apiKey\":\"k\",\"passphrase\":\"p\"}")))
                .isEqualTo(ParseError.Kind.MISSING_FIELD);
        ParseResult<ApiCredentials> broken = ClobWire.apiCredentials("{\"apiKey\":\"k\",\"secret\":TOPSECRETVALUE}");
        assertThat(kind(broken)).isEqualTo(ParseError.Kind.MALFORMED_JSON);
        assertThat(broken.error().detail()).doesNotContain("TOPSECRET");
    }

    @Test
    @DisplayName("a heartbeat answer gives the next id (empty when absent) and the venue's complaint")
    void heartbeat() {
        assertThat(ClobWire.heartbeat("{\"heartbeat_id\":\"hb-2\"}").value()).isEqualTo(new HeartbeatReply("hb-2", ""));
        assertThat(ClobWire.heartbeat("{\"status\":\"ok\"}").value()).isEqualTo(new HeartbeatReply("", ""));
        assertThat(ClobWire.heartbeat("{\"heartbeat_id\":\"\",\"error_msg\":\"Invalid Heartbeat ID\"}").value()
                .errorMsg()).isEqualTo("Invalid Heartbeat ID");
        assertThat(kind(ClobWire.heartbeat("ok"))).isEqualTo(ParseError.Kind.MALFORMED_JSON);
        assertThat(kind(ClobWire.heartbeat("{\"heartbeat_id\":[]}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
    }

    @Test
    @DisplayName("the neg-risk fixture reads false; the flag must be a JSON boolean")
    void negRisk() {
        assertThat(ClobWire.negRisk(Fixtures.fixture("clob/neg-risk.assembled.json")).value()).isFalse();
        assertThat(ClobWire.negRisk("{\"neg_risk\":true}").value()).isTrue();
        assertThat(kind(ClobWire.negRisk("{\"neg_risk\":\"false\"}"))).isEqualTo(ParseError.Kind.WRONG_TYPE);
        assertThat(kind(ClobWire.negRisk("{}"))).isEqualTo(ParseError.Kind.MISSING_FIELD);
        assertThat(kind(ClobWire.negRisk(Fixtures.fixture("clob/error-400-invalid-token-id.json"))))
                .isEqualTo(ParseError.Kind.MISSING_FIELD);
    }

    @Test
    @DisplayName("the data-api positions fixture reads every row; a row with text where a flag belongs is skipped")
    void positions() {
        List<ChainPosition> all = PositionsClient.parse(Fixtures.fixture("data-api/positions.assembled.json"));
        assertThat(all).isNotEmpty().allSatisfy(p -> assertThat(p.conditionId()).startsWith("0x"));
        assertThat(all.get(0).sizeMicros()).isEqualTo(10_204_081L);
        assertThat(all.get(0).redeemable()).isTrue();
        String hostile = Fixtures.fixture("data-api/positions.assembled.json")
                .replaceFirst("\"redeemable\": true", "\"redeemable\": \"yes please\"");
        assertThat(PositionsClient.parse(hostile)).hasSize(all.size() - 1);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static VenueTrade trade(String fixture) throws Exception {
        return ClobWire.trade(JSON.readTree(Fixtures.fixture(fixture)));
    }

    private static ParseResult<VenueTrade> one(String body) {
        return WireJson.guard(() -> ClobWire.trade(WireJson.tree(body)));
    }

    private static ParseError.Kind kind(ParseResult<?> r) {
        assertThat(r.isOk()).as("refused: %s", r).isFalse();
        return r.error().kind();
    }
}
