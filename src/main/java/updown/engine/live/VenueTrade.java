package updown.engine.live;

import java.math.BigDecimal;
import java.util.List;

/**
 * One venue trade as {@code GET /data/trades} and the user channel's {@code trade} event give it (clob-client-v2
 * {@code src/types/clob.ts} {@code Trade}/{@code MakerOrder}; docs user-channel). Read by {@link ClobWire}: id and
 * status are required; a field that is present must have its documented type.
 *
 * @param id           the trade id
 * @param status       MATCHED, MINED, CONFIRMED, RETRYING, FAILED (as sent)
 * @param takerOrderId the taker order's id, empty when absent
 * @param assetId      the taker's token, null when absent
 * @param side         BUY or SELL of the taker, empty when absent
 * @param traderSide   TAKER or MAKER (whose view this row is), empty when absent
 * @param size         the taker's size, null when absent
 * @param price        the taker's price, null when absent
 * @param feeRateBps   the rate applied, null when absent or empty (the market's schedule applies)
 * @param makerOrders  the maker fills, possibly empty
 */
record VenueTrade(String id, String status, String takerOrderId, String assetId, String side, String traderSide,
                  BigDecimal size, BigDecimal price, BigDecimal feeRateBps, List<MakerFill> makerOrders) {

    VenueTrade {
        makerOrders = List.copyOf(makerOrders);
    }

    /**
     * One maker order matched by the trade.
     *
     * @param orderId       the maker order's id, empty when absent
     * @param assetId       the maker's token, null when absent (then the taker's token)
     * @param matchedAmount shares matched against this maker
     * @param price         the maker's price
     */
    record MakerFill(String orderId, String assetId, BigDecimal matchedAmount, BigDecimal price) {
    }
}
