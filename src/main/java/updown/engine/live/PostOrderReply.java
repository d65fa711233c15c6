package updown.engine.live;

import java.math.BigDecimal;
import java.util.List;

/**
 * The HTTP 200 answer of {@code POST /order} (clob-client-v2 {@code src/types/clob.ts} {@code OrderResponse}:
 * {@code success, errorMsg, orderID, status, makingAmount, takingAmount, tradeIDs, transactionsHashes}). Read by
 * {@link ClobWire}; empty strings stand for absent amounts (the docs' batch refusal sends {@code "makingAmount": ""}).
 *
 * @param success       false when the venue refused the order (absent reads as true)
 * @param errorMsg      the venue's reason, empty when none
 * @param orderId       the order id (its EIP-712 hash), empty when absent
 * @param status        matched, unmatched, live, delayed (lower case), empty when absent
 * @param makingAmount  pUSD spent by a BUY, null when absent
 * @param takingAmount  shares received by a BUY, null when absent
 * @param tradeIds      the trades the match created, possibly empty
 */
record PostOrderReply(boolean success, String errorMsg, String orderId, String status, BigDecimal makingAmount,
                      BigDecimal takingAmount, List<String> tradeIds) {

    PostOrderReply {
        tradeIds = List.copyOf(tradeIds);
    }

    boolean refused() {
        return !success && !status.equals("matched");
    }
}
