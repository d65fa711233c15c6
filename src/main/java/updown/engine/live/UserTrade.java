package updown.engine.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One venue trade as the authenticated {@code user} websocket channel and {@code GET /data/trades} describe it (same
 * shape: docs.polymarket.com/market-data/websocket/user-channel, fixture {@code clob-ws/user-trade-doc-example.json}):
 * its id, the settlement {@link State} and the orders it matched ({@code taker_order_id}, {@code maker_orders[].order_id}).
 */
record UserTrade(String id, State state, String takerOrderId, List<String> makerOrderIds) {

    /**
     * The life of a matched trade: MATCHED (off chain) → MINED (in a block) → CONFIRMED (final); RETRYING while the
     * operator resubmits a failed transaction; FAILED (final: nothing changed hands). OTHER for anything new.
     */
    enum State {
        MATCHED, MINED, CONFIRMED, RETRYING, FAILED, OTHER;

        static State of(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return OTHER;
            }
        }

        boolean isFinal() {
            return this == CONFIRMED || this == FAILED;
        }
    }

    UserTrade {
        makerOrderIds = List.copyOf(makerOrderIds);
    }

    /** Every order of this trade: the taker's, then the makers'. */
    List<String> orderIds() {
        List<String> all = new ArrayList<>();
        if (!takerOrderId.isEmpty()) {
            all.add(takerOrderId);
        }
        all.addAll(makerOrderIds);
        return all;
    }

    /** The settlement view of a venue trade (its id, state and orders). */
    static UserTrade of(VenueTrade t) {
        List<String> makers = new ArrayList<>();
        for (VenueTrade.MakerFill m : t.makerOrders()) {
            if (!m.orderId().isBlank()) {
                makers.add(m.orderId());
            }
        }
        return new UserTrade(t.id(), State.of(t.status()), t.takerOrderId(), makers);
    }
}
